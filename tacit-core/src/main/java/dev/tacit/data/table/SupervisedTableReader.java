package dev.tacit.data.table;

import dev.tacit.linalg.Matrix;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads supervised-learning tables: plain text, gzip-compressed when the name ends in {@code .gz}.
 *
 * <ul>
 *   <li>{@link #classification}: comma-separated rows of p features followed by the class label, an integer in
 *   [0, classes). An optional first line in scikit-learn's format {@code n,p,name_0,…,name_{k−1}} (as in
 *   {@code wine_data.csv}) is a header: it must announce k = classes names, and the file must then hold exactly
 *   n rows of p + 1 cells.
 *   <li>{@link #regression}: a feature file of rows of p numbers separated by whitespace or commas, and a target
 *   file with one number per line (the same number of rows), as scikit-learn's diabetes files.
 * </ul>
 *
 * Blank lines are skipped. Every problem is a {@link TableFormatException} naming the file, the 1-based line and,
 * where it applies, the 1-based column: a missing or empty file, a header that does not match the data, rows of
 * different lengths, an empty cell (a missing value), a cell that is not a number, NaN or an infinity, a label
 * that is not an integer in range, and feature and target files of different lengths.
 */
public final class SupervisedTableReader {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern SEPARATOR = Pattern.compile("\\s*,\\s*|\\s+");

    private SupervisedTableReader() {
    }

    /**
     * @param file the table (features then label on each line)
     * @param classes the number of classes k ≥ 2
     * @return the table
     * @throws TableFormatException for a missing or malformed file
     * @throws IOException when the file cannot be read
     */
    public static SupervisedTable classification(Path file, int classes) throws IOException {
        try (BufferedReader in = open(file)) {
            return classification(in, file, classes);
        }
    }

    /**
     * As {@link #classification(Path, int)} from an open stream (e.g. a bundled resource).
     *
     * @param in the bytes (closed by this method), gzip-compressed when {@code name} ends in .gz
     * @param name the name used in messages
     * @param classes k ≥ 2
     * @return the table
     * @throws IOException for a malformed table or a read error
     */
    public static SupervisedTable classification(InputStream in, Path name, int classes) throws IOException {
        try (BufferedReader r = reader(in, name)) {
            return classification(r, name, classes);
        }
    }

    /**
     * @param featureFile rows of p features
     * @param targetFile one target per line
     * @return the table (classes = 0)
     * @throws TableFormatException for missing or malformed files
     * @throws IOException when a file cannot be read
     */
    public static SupervisedTable regression(Path featureFile, Path targetFile) throws IOException {
        Rows features;
        try (BufferedReader in = open(featureFile)) {
            features = rows(in, featureFile, false);
        }
        Rows target;
        try (BufferedReader in = open(targetFile)) {
            target = rows(in, targetFile, false);
        }
        if (target.width != 1) {
            throw new TableFormatException(targetFile, target.lines.get(0), null, "has " + target.width
                    + " cells, a target file has one number per line");
        }
        if (target.values.size() != features.values.size()) {
            throw new TableFormatException(targetFile, 0, null, "has " + target.values.size() + " targets but "
                    + featureFile.getFileName() + " has " + features.values.size() + " rows");
        }
        int n = features.values.size();
        int p = features.width;
        double[] x = new double[n * p];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(features.values.get(i), 0, x, i * p, p);
            y[i] = target.values.get(i)[0];
        }
        return new SupervisedTable(Matrix.fromRowMajor(n, p, x), y, 0, featureFile);
    }

    private static SupervisedTable classification(BufferedReader in, Path file, int classes) throws IOException {
        if (classes < 2) {
            throw new IllegalArgumentException("classes must be at least 2, got " + classes);
        }
        Rows rows = rows(in, file, true);
        int width = rows.width;
        if (width < 2) {
            throw new TableFormatException(file, rows.lines.get(0), null, "has " + width
                    + " cell, expected features followed by a label");
        }
        if (rows.header != null) {
            List<String> h = rows.header;
            int n = headerInt(file, h, 0);
            int p = headerInt(file, h, 1);
            if (h.size() - 2 != classes) {
                throw new TableFormatException(file, rows.headerLine, null, "the header names " + (h.size() - 2)
                        + " classes, expected " + classes);
            }
            if (p != width - 1) {
                throw new TableFormatException(file, rows.headerLine, null, "the header announces " + p
                        + " features but the rows have " + (width - 1));
            }
            if (n != rows.values.size()) {
                throw new TableFormatException(file, rows.headerLine, null, "the header announces " + n
                        + " rows but the file has " + rows.values.size());
            }
        }
        int n = rows.values.size();
        int p = width - 1;
        double[] x = new double[n * p];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double[] r = rows.values.get(i);
            System.arraycopy(r, 0, x, i * p, p);
            double label = r[p];
            if (label != Math.rint(label) || label < 0 || label >= classes) {
                throw new TableFormatException(file, rows.lines.get(i), Integer.toString(width), "label "
                        + TableFormatException.quote(rows.labelCells.get(i)) + " is not a class in 0.." + (classes - 1));
            }
            y[i] = label;
        }
        return new SupervisedTable(Matrix.fromRowMajor(n, p, x), y, classes, file);
    }

    private static int headerInt(Path file, List<String> header, int j) throws TableFormatException {
        String cell = header.get(j);
        try {
            int v = Integer.parseInt(cell);
            if (v >= 1) {
                return v;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new TableFormatException(file, 1, Integer.toString(j + 1), "header cell "
                + TableFormatException.quote(cell) + " is not a positive count (expected n,p,class names)");
    }

    /** The parsed lines of one file. */
    private static final class Rows {
        final List<double[]> values = new ArrayList<>();
        final List<Long> lines = new ArrayList<>();
        final List<String> labelCells = new ArrayList<>();
        List<String> header;
        long headerLine;
        int width = -1;
    }

    private static Rows rows(BufferedReader in, Path file, boolean commaOnly) throws IOException {
        Rows rows = new Rows();
        long lineNo = 0;
        String line;
        try {
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (lineNo == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = commaOnly ? line.split(",", -1) : split(line);
                for (int j = 0; j < cells.length; j++) {
                    cells[j] = cells[j].trim();
                }
                if (rows.width < 0 && rows.header == null && commaOnly && isHeader(cells)) {
                    rows.header = List.of(cells);
                    rows.headerLine = lineNo;
                    continue;
                }
                if (rows.width < 0) {
                    rows.width = cells.length;
                } else if (cells.length != rows.width) {
                    throw new TableFormatException(file, lineNo, null, "has " + cells.length + " cells, the first row has "
                            + rows.width);
                }
                double[] v = new double[cells.length];
                for (int j = 0; j < cells.length; j++) {
                    v[j] = number(file, lineNo, j, cells[j]);
                }
                rows.values.add(v);
                rows.lines.add(lineNo);
                rows.labelCells.add(cells[cells.length - 1]);
            }
        } catch (CharacterCodingException e) {
            throw new TableFormatException(file, lineNo + 1, null, "is not UTF-8 text");
        } catch (ZipException | java.io.EOFException e) {
            throw new TableFormatException(file, lineNo + 1, null, "is a damaged gzip file (" + e.getMessage() + ")");
        }
        if (rows.values.isEmpty()) {
            throw new TableFormatException(file, 0, null, rows.header == null ? "is empty" : "has a header but no"
                    + " data rows");
        }
        return rows;
    }

    private static String[] split(String line) {
        String t = line.trim();
        return t.contains(",") ? SEPARATOR.split(t, -1) : WHITESPACE.split(t);
    }

    /** A header: the first two cells are integers and some later cell is not a number. */
    private static boolean isHeader(String[] cells) {
        if (cells.length < 3) {
            return false;
        }
        for (int j = 2; j < cells.length; j++) {
            if (!cells[j].isEmpty() && !Cells.isNumber(cells[j])) {
                return cells[0].matches("\\d+") && cells[1].matches("\\d+");
            }
        }
        return false;
    }

    private static double number(Path file, long lineNo, int j, String cell) throws TableFormatException {
        String column = Integer.toString(j + 1);
        if (cell.isEmpty()) {
            throw new TableFormatException(file, lineNo, column, "empty cell (missing value)");
        }
        if (!Cells.isNumber(cell)) {
            throw new TableFormatException(file, lineNo, column, TableFormatException.quote(cell) + " is not a number");
        }
        double v = Cells.parse(cell);
        if (!Double.isFinite(v)) {
            throw new TableFormatException(file, lineNo, column, TableFormatException.quote(cell)
                    + " is not a finite number (missing value?)");
        }
        return v;
    }

    private static BufferedReader open(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new TableFormatException(file, 0, null, "is a folder, not a table file");
        }
        try {
            return reader(Files.newInputStream(file), file);
        } catch (NoSuchFileException e) {
            throw new TableFormatException(file, 0, null, "file not found");
        }
    }

    private static BufferedReader reader(InputStream raw, Path name) throws IOException {
        InputStream in = raw;
        if (name.toString().endsWith(".gz")) {
            try {
                in = new GZIPInputStream(raw);
            } catch (ZipException | java.io.EOFException e) {
                raw.close();
                throw new TableFormatException(name, 0, null, "is not a gzip file (" + e.getMessage() + ")");
            }
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)));
    }
}
