package dev.tacit.data.table;

import dev.tacit.linalg.Matrix;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a numeric table (CSV) into a {@link LabeledMatrix}, streaming line by line.
 *
 * <ul>
 *   <li>Delimiter: comma, or tab or semicolon when that is the delimiter of the first line; cells may be
 *   double-quoted; UTF-8 with an optional byte-order mark; LF or CRLF line ends; blank lines are skipped.
 *   <li>Header: the first line is a header when any of its cells is not a number (with
 *   {@link RowLabels#FIRST_COLUMN}: any cell after the first). Without a header the columns are named
 *   c1..cm.
 *   <li>Row labels: the first column holds row labels when any of its cells below the header is not a
 *   number ({@link RowLabels#AUTO}), always ({@link RowLabels#FIRST_COLUMN}) or never
 *   ({@link RowLabels#NONE}); without them the rows are named r1..rn.
 *   <li>Columns to drop (by header name) are removed before anything else, so the first column is the
 *   first one kept.
 *   <li>Every other cell must be a finite number.
 * </ul>
 *
 * Errors are {@link TableFormatException}s naming the file, the line and the column: a missing or empty
 * file, a header without data rows, a row with another number of cells than the header (or the first
 * row), a cell that is not a number, NaN or an infinity.
 */
public final class LabeledMatrixReader {

    private LabeledMatrixReader() {
    }

    /**
     * @param file the table
     * @param mode whether the first column holds row labels
     * @return the matrix and its labels
     * @throws TableFormatException for a missing or malformed file
     * @throws IOException when the file cannot be read
     */
    public static LabeledMatrix read(Path file, RowLabels mode) throws IOException {
        return read(file, mode, List.of());
    }

    /**
     * @param file the table
     * @param mode whether the first column holds row labels
     * @param dropColumns header names of columns to ignore (each must be in the header)
     * @return the matrix and its labels
     * @throws TableFormatException for a missing or malformed file, or a column to drop that is not there
     * @throws IOException when the file cannot be read
     */
    public static LabeledMatrix read(Path file, RowLabels mode, Collection<String> dropColumns) throws IOException {
        return read(file, mode, dropColumns, false);
    }

    /**
     * @param file the table
     * @param mode whether the first column holds row labels
     * @param dropColumns header names of columns to ignore (each must be in the header)
     * @param nonnegative whether a negative value is an error (naming its line and column), as for NMF
     * @return the matrix and its labels
     * @throws TableFormatException for a missing or malformed file, a column to drop that is not there, or
     *     (with {@code nonnegative}) a negative value
     * @throws IOException when the file cannot be read
     */
    public static LabeledMatrix read(Path file, RowLabels mode, Collection<String> dropColumns, boolean nonnegative)
            throws IOException {
        if (Files.isDirectory(file)) {
            throw new TableFormatException(file, 0, null, "is a folder, not a table file");
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return new Parse(file, mode, new LinkedHashSet<>(dropColumns), nonnegative).run(in);
        } catch (NoSuchFileException e) {
            throw new TableFormatException(file, 0, null, "file not found");
        } catch (CharacterCodingException e) {
            throw new TableFormatException(file, 0, null, "is not UTF-8 text");
        }
    }

    /** The state of one read. */
    private static final class Parse {
        private final Path file;
        private final RowLabels mode;
        private final Set<String> drop;
        private final boolean nonnegative;
        private char delimiter;
        private int width;
        private int[] kept;
        private List<String> names;
        private boolean header;
        private long headerLine;
        private final List<String> firstCells = new ArrayList<>();
        private double[] firstValues = new double[64];
        private long[] lines = new long[64];
        private double[] rest = new double[256];
        private int rows;
        private int restSize;
        private boolean firstHasText;

        Parse(Path file, RowLabels mode, Set<String> drop, boolean nonnegative) {
            this.file = file;
            this.mode = mode;
            this.drop = drop;
            this.nonnegative = nonnegative;
        }

        LabeledMatrix run(BufferedReader in) throws IOException {
            long lineNo = 0;
            String line;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (lineNo == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (line.isBlank()) {
                    continue;
                }
                if (kept == null) {
                    first(line, lineNo);
                } else {
                    row(Cells.split(line, delimiter), lineNo);
                }
            }
            return finish();
        }

        private void first(String line, long lineNo) throws TableFormatException {
            delimiter = Cells.delimiter(line);
            List<String> cells = Cells.split(line, delimiter);
            width = cells.size();
            int from = mode == RowLabels.FIRST_COLUMN ? 1 : 0;
            header = cells.stream().skip(from).anyMatch(c -> !Cells.isNumber(c));
            if (!drop.isEmpty() && !header) {
                throw new TableFormatException(file, lineNo, null, "columns to drop need a header, "
                        + "and the first line has only numbers");
            }
            for (String d : drop) {
                if (!cells.contains(d)) {
                    throw new TableFormatException(file, lineNo, null, "no column " + TableFormatException.quote(d)
                            + " to drop in the header");
                }
            }
            kept = java.util.stream.IntStream.range(0, width).filter(j -> !drop.contains(cells.get(j))).toArray();
            if (kept.length == 0) {
                throw new TableFormatException(file, lineNo, null, "every column is dropped");
            }
            names = header ? Arrays.stream(kept).mapToObj(cells::get).toList() : null;
            headerLine = lineNo;
            if (!header) {
                row(cells, lineNo);
            }
        }

        private String column(int j) {
            return header ? TableFormatException.quote(names.get(j)) : Integer.toString(kept[j] + 1);
        }

        private void row(List<String> cells, long lineNo) throws TableFormatException {
            if (cells.size() != width) {
                throw new TableFormatException(file, lineNo, null, "has " + cells.size() + " cells, the "
                        + (header ? "header" : "first row") + " has " + width);
            }
            String first = cells.get(kept[0]);
            boolean firstIsNumber = Cells.isNumber(first);
            double firstValue = Double.NaN;
            if (mode == RowLabels.NONE) {
                firstValue = number(first, lineNo, 0);
            } else if (firstIsNumber) {
                firstValue = Cells.parse(first);
            } else {
                firstHasText = true;
            }
            grow();
            for (int j = 1; j < kept.length; j++) {
                rest[restSize++] = number(cells.get(kept[j]), lineNo, j);
            }
            firstCells.add(first);
            firstValues[rows] = firstValue;
            lines[rows] = lineNo;
            rows++;
        }

        private double number(String cell, long lineNo, int j) throws TableFormatException {
            if (!Cells.isNumber(cell)) {
                throw new TableFormatException(file, lineNo, column(j), TableFormatException.quote(cell)
                        + " is not a number");
            }
            double v = Cells.parse(cell);
            if (!Double.isFinite(v)) {
                throw new TableFormatException(file, lineNo, column(j), TableFormatException.quote(cell)
                        + " is not a finite number");
            }
            if (nonnegative && v < 0) {
                throw negative(cell, lineNo, j);
            }
            return v;
        }

        private TableFormatException negative(String cell, long lineNo, int j) {
            return new TableFormatException(file, lineNo, column(j), TableFormatException.quote(cell)
                    + " is negative: NMF needs nonnegative entries");
        }

        private void grow() {
            if (rows == firstValues.length) {
                firstValues = Arrays.copyOf(firstValues, 2 * rows);
                lines = Arrays.copyOf(lines, 2 * rows);
            }
            if (restSize + kept.length > rest.length) {
                rest = Arrays.copyOf(rest, Math.max(2 * rest.length, restSize + kept.length));
            }
        }

        private LabeledMatrix finish() throws TableFormatException {
            if (kept == null) {
                throw new TableFormatException(file, 0, null, "is empty");
            }
            if (rows == 0) {
                throw new TableFormatException(file, 0, null, "has a header but no data rows");
            }
            boolean labels = mode == RowLabels.FIRST_COLUMN || (mode == RowLabels.AUTO && firstHasText);
            int m = labels ? kept.length - 1 : kept.length;
            if (m == 0) {
                throw new TableFormatException(file, 0, null, "has no numeric columns besides the row labels");
            }
            double[] values;
            if (labels) {
                values = Arrays.copyOf(rest, restSize);
            } else {
                values = new double[rows * m];
                for (int i = 0; i < rows; i++) {
                    if (!Double.isFinite(firstValues[i])) {
                        throw new TableFormatException(file, lines[i], column(0),
                                TableFormatException.quote(firstCells.get(i)) + " is not a finite number");
                    }
                    if (nonnegative && firstValues[i] < 0) {
                        throw negative(firstCells.get(i), lines[i], 0);
                    }
                    values[i * m] = firstValues[i];
                    System.arraycopy(rest, i * (m - 1), values, i * m + 1, m - 1);
                }
            }
            List<String> rowLabels = new ArrayList<>(rows);
            java.util.Map<String, Long> seenRows = new java.util.HashMap<>();
            for (int i = 0; i < rows; i++) {
                String label = labels ? firstCells.get(i) : "r" + (i + 1);
                Long before = seenRows.putIfAbsent(label, lines[i]);
                if (before != null) { // W.csv's rows would be ambiguous
                    throw new TableFormatException(file, lines[i], null, "row label "
                            + TableFormatException.quote(label) + " repeats the one on line " + before);
                }
                rowLabels.add(label);
            }
            List<String> columnLabels = new ArrayList<>(m);
            java.util.Set<String> seenColumns = new java.util.HashSet<>();
            for (int j = 0; j < m; j++) {
                String name = header ? names.get(labels ? j + 1 : j) : "c" + (j + 1);
                if (!seenColumns.add(name)) { // H.csv's columns would be ambiguous
                    throw new TableFormatException(file, headerLine, null, "column name "
                            + TableFormatException.quote(name) + " appears twice in the header");
                }
                columnLabels.add(name);
            }
            return new LabeledMatrix(Matrix.fromRowMajor(rows, m, values), rowLabels, columnLabels, file);
        }
    }
}
