package dev.tacit.data.table;

import dev.tacit.linalg.Backends;
import dev.tacit.linalg.SparseMatrix;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Reads a numeric sparse matrix from a Matrix Market coordinate file ({@link TableFormat#MATRIX_MARKET_COORDINATE}),
 * streaming it line by line into primitive arrays (the text is never held whole): the banner
 * {@code %%MatrixMarket matrix coordinate real general} (or {@code integer}), {@code %} comment lines, the size
 * line {@code rows cols nnz}, then exactly nnz lines {@code i j value} with 1-based indices, in any order.
 *
 * <p>Everything wrong is a {@link TableFormatException} naming the file and the line: a missing or empty file,
 * another Matrix Market variant (array, pattern, complex, symmetric...), a line without 3 fields, an index
 * that is not an integer or is out of range, a value that is not a finite number (or is negative under
 * {@link Values#NONNEGATIVE}, named by row and column), a repeated (i, j), more or fewer entries than the
 * size line declares.
 */
public final class SparseMatrixReader {

    /** Which stored values are accepted. */
    public enum Values {
        /** Any finite number. */
        FINITE,
        /** Finite numbers ≥ 0 (NMF's input). */
        NONNEGATIVE
    }

    private static final String BANNER = "'%%MatrixMarket matrix coordinate real general'";
    private static final int FIRST_CAPACITY = 1 << 12;

    private SparseMatrixReader() {
    }

    /**
     * @param file a Matrix Market coordinate file
     * @param values which values are accepted
     * @return the matrix, entries sorted by (row, column), 0-based
     * @throws TableFormatException if the file is missing or not a valid file of this format
     * @throws IOException if reading fails
     */
    public static SparseMatrix read(Path file, Values values) throws IOException {
        if (Files.isDirectory(file)) {
            throw new TableFormatException(file, 0, null, "is a directory, not a file");
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return new Parse(file, in, values).run();
        } catch (NoSuchFileException e) {
            throw new TableFormatException(file, 0, null, "file not found");
        } catch (AccessDeniedException e) {
            throw new TableFormatException(file, 0, null, "cannot read the file: access denied");
        } catch (CharacterCodingException e) {
            throw new TableFormatException(file, 0, null, "not UTF-8 text");
        }
    }

    /** One pass over the file. */
    private static final class Parse {

        private final Path file;
        private final BufferedReader in;
        private final Values accepted;
        private final int[] from = new int[5];
        private final int[] to = new int[5];
        private String text = "";
        private long line;
        private int rows;
        private int cols;
        private int[] rowOf = new int[0];
        private int[] colOf = new int[0];
        private double[] valueOf = new double[0];
        private long[] lineOf = new long[0];
        private int count;

        Parse(Path file, BufferedReader in, Values accepted) {
            this.file = file;
            this.in = in;
            this.accepted = accepted;
        }

        SparseMatrix run() throws IOException {
            String banner = nextContent(false);
            if (banner == null) {
                throw new TableFormatException(file, 0, null, "is empty");
            }
            banner(banner);
            String size = nextContent(true);
            if (size == null) {
                throw new TableFormatException(file, 0, null, "has no size line 'rows columns entries' after the "
                        + "Matrix Market banner");
            }
            long declared = size(size);
            long sizeLine = line;
            int capacity = (int) Math.min(declared, FIRST_CAPACITY);
            rowOf = new int[capacity];
            colOf = new int[capacity];
            valueOf = new double[capacity];
            lineOf = new long[capacity];
            String s;
            while ((s = nextContent(true)) != null) {
                if (count == declared) {
                    throw error("more entries than the " + declared + " declared by the size line (line " + sizeLine
                            + ")");
                }
                entry(s);
            }
            if (count != declared) {
                throw new TableFormatException(file, 0, null, "the size line (line " + sizeLine + ") declares "
                        + declared + " entries, found " + count);
            }
            return build();
        }

        private void banner(String s) throws TableFormatException {
            int n = split(s);
            if (!field(0).toLowerCase(Locale.ROOT).equals("%%matrixmarket")) {
                throw error("expected the banner " + BANNER + ", found " + TableFormatException.quote(s.strip()));
            }
            if (n != 5) {
                throw error("expected the banner " + BANNER + " (5 words), found " + n + " words");
            }
            String object = field(1).toLowerCase(Locale.ROOT);
            String layout = field(2).toLowerCase(Locale.ROOT);
            String type = field(3).toLowerCase(Locale.ROOT);
            String symmetry = field(4).toLowerCase(Locale.ROOT);
            if (!object.equals("matrix")) {
                throw error("a Matrix Market " + TableFormatException.quote(object) + " is not a matrix");
            }
            if (!layout.equals("coordinate")) {
                throw error("only the Matrix Market coordinate (sparse) layout is read, found "
                        + TableFormatException.quote(layout) + " (write a dense matrix as a CSV table)");
            }
            if (!type.equals("real") && !type.equals("integer")) {
                throw error("only real or integer Matrix Market values are read, found " + TableFormatException.quote(type));
            }
            if (!symmetry.equals("general")) {
                throw error("only general Matrix Market matrices are read, found " + TableFormatException.quote(symmetry)
                        + " (write every entry and declare 'general')");
            }
        }

        private long size(String s) throws TableFormatException {
            if (split(s) != 3) {
                throw error("expected the size line 'rows columns entries', found " + TableFormatException.quote(s.strip()));
            }
            long r;
            long c;
            long nnz;
            try {
                r = Long.parseLong(field(0));
                c = Long.parseLong(field(1));
                nnz = Long.parseLong(field(2));
            } catch (NumberFormatException e) {
                throw error("expected the size line 'rows columns entries' of integers, found "
                        + TableFormatException.quote(s.strip()));
            }
            long max = Integer.MAX_VALUE - 8;
            if (r < 1 || c < 1 || nnz < 0 || r > max || c > max || nnz > max) {
                throw error("size line " + TableFormatException.quote(s.strip()) + " is out of range (rows and columns"
                        + " in 1.." + max + ", entries in 0.." + max + ")");
            }
            if ((double) nnz > (double) r * c) {
                throw error("the size line declares " + nnz + " entries, more than " + r + " x " + c + " cells");
            }
            rows = (int) r;
            cols = (int) c;
            return nnz;
        }

        private void entry(String s) throws TableFormatException {
            int n = split(s);
            if (n != 3) {
                throw error("expected 3 fields 'row column value' separated by spaces, found " + n);
            }
            int i = index(0, rows, "row");
            int j = index(1, cols, "column");
            double v;
            try {
                if (!Cells.isNumber(field(2))) { // not Java's literal forms: 4d, 4f, 0x1p2
                    throw new NumberFormatException(field(2));
                }
                v = Double.parseDouble(field(2));
            } catch (NumberFormatException e) {
                throw error("row " + i + ", column " + j + ": value " + TableFormatException.quote(field(2))
                        + " is not a number");
            }
            if (!Double.isFinite(v)) {
                throw error("row " + i + ", column " + j + ": value " + TableFormatException.quote(field(2))
                        + " is not finite");
            }
            if (accepted == Values.NONNEGATIVE && v < 0) {
                throw error("row " + i + ", column " + j + " is " + v + ": NMF needs nonnegative entries");
            }
            if (count == rowOf.length) {
                int grown = Math.max(FIRST_CAPACITY, (int) Math.min(Integer.MAX_VALUE - 8L, 2L * count));
                rowOf = Arrays.copyOf(rowOf, grown);
                colOf = Arrays.copyOf(colOf, grown);
                valueOf = Arrays.copyOf(valueOf, grown);
                lineOf = Arrays.copyOf(lineOf, grown);
            }
            rowOf[count] = i - 1;
            colOf[count] = j - 1;
            valueOf[count] = v;
            lineOf[count] = line;
            count++;
        }

        private int index(int k, int max, String what) throws TableFormatException {
            long v;
            try {
                v = Long.parseLong(field(k));
            } catch (NumberFormatException e) {
                throw error(what + " index " + TableFormatException.quote(field(k)) + " is not an integer");
            }
            if (v < 1 || v > max) {
                throw error(what + " index " + v + " is outside 1.." + max);
            }
            return (int) v;
        }

        /** Sorts the entries by (row, column) (a counting sort by row, then each row by column) and checks repeats. */
        private SparseMatrix build() throws TableFormatException {
            int[] start = new int[rows + 1];
            for (int k = 0; k < count; k++) {
                start[rowOf[k] + 1]++;
            }
            for (int i = 0; i < rows; i++) {
                start[i + 1] += start[i];
            }
            int[] fill = Arrays.copyOf(start, rows);
            long[] keys = new long[count];
            for (int k = 0; k < count; k++) {
                keys[fill[rowOf[k]]++] = ((long) colOf[k] << 31) | k;
            }
            int[] r = new int[count];
            int[] c = new int[count];
            double[] v = new double[count];
            for (int i = 0; i < rows; i++) {
                Arrays.sort(keys, start[i], start[i + 1]);
                for (int p = start[i]; p < start[i + 1]; p++) {
                    int k = (int) (keys[p] & Integer.MAX_VALUE);
                    r[p] = i;
                    c[p] = (int) (keys[p] >>> 31);
                    v[p] = valueOf[k];
                    if (p > start[i] && c[p] == c[p - 1]) {
                        int prev = (int) (keys[p - 1] & Integer.MAX_VALUE);
                        long first = Math.min(lineOf[k], lineOf[prev]);
                        long again = Math.max(lineOf[k], lineOf[prev]);
                        throw new TableFormatException(file, again, null, "row " + (i + 1) + ", column " + (c[p] + 1)
                                + " is repeated (first on line " + first + ")");
                    }
                }
            }
            rowOf = null; // the read arrays are no longer needed: let them go before the matrix copies r and c
            colOf = null;
            valueOf = null;
            lineOf = null;
            keys = null;
            SparseMatrix x = SparseMatrix.pattern(Backends.get(), rows, cols, r, c);
            for (int p = 0; p < count; p++) {
                x.setValue(p, v[p]);
            }
            return x;
        }

        /** @return the next line with content, skipping blank lines (and {@code %} comments when asked) */
        private String nextContent(boolean skipComments) throws IOException {
            String s;
            while ((s = in.readLine()) != null) {
                line++;
                if (line == 1 && !s.isEmpty() && s.charAt(0) == '\uFEFF') {
                    s = s.substring(1);
                }
                String t = s.strip();
                if (!t.isEmpty() && !(skipComments && t.startsWith("%"))) {
                    return s;
                }
            }
            return null;
        }

        /** Splits on spaces and tabs, keeping the first 5 fields; @return the number of fields */
        private int split(String s) {
            text = s;
            int n = 0;
            int k = 0;
            int len = s.length();
            while (true) {
                while (k < len && s.charAt(k) <= ' ') {
                    k++;
                }
                if (k >= len) {
                    return n;
                }
                int b = k;
                while (k < len && s.charAt(k) > ' ') {
                    k++;
                }
                if (n < from.length) {
                    from[n] = b;
                    to[n] = k;
                }
                n++;
            }
        }

        private String field(int k) {
            return text.substring(from[k], to[k]);
        }

        private TableFormatException error(String problem) {
            return new TableFormatException(file, line, null, problem);
        }
    }
}
