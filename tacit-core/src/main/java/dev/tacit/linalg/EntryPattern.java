package dev.tacit.linalg;

import java.util.Arrays;

/**
 * An immutable set of m matrix positions (row(e), col(e)), e = 0…m−1, in a given order, with the row-
 * and column-grouped orderings that the sparse kernels of {@link EntryKernels} need. Duplicated
 * positions are allowed (a rating data set never has them, a mini-batch may).
 *
 * <p>Entry e keeps its index in every kernel: values and outputs are arrays indexed by e, so a pattern
 * can be built once per data set (or mini-batch) and shared by the loss, the model and the diagnostics.
 */
public final class EntryPattern {

    private final int rows;
    private final int cols;
    private final int[] row;
    private final int[] col;
    private final int[] rowPtr; // entries of row i: byRow[rowPtr[i] .. rowPtr[i+1])
    private final int[] byRow;
    private final int[] colPtr; // entries of column j: byCol[colPtr[j] .. colPtr[j+1])
    private final int[] byCol;

    private EntryPattern(int rows, int cols, int[] row, int[] col) {
        this.rows = rows;
        this.cols = cols;
        this.row = row;
        this.col = col;
        this.rowPtr = new int[rows + 1];
        this.byRow = group(row, rows, rowPtr);
        this.colPtr = new int[cols + 1];
        this.byCol = group(col, cols, colPtr);
    }

    /**
     * @param rows number of rows of the matrix, ≥ 1
     * @param cols number of columns, ≥ 1
     * @param row row of each entry (copied)
     * @param col column of each entry (copied)
     * @return the pattern
     * @throws IllegalArgumentException if the arrays differ in length or an index is out of range
     */
    public static EntryPattern of(int rows, int cols, int[] row, int[] col) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("matrix size must be positive, got " + rows + "x" + cols);
        }
        if (row.length != col.length) {
            throw new IllegalArgumentException("row and column arrays differ in length: " + row.length + " vs "
                    + col.length);
        }
        for (int e = 0; e < row.length; e++) {
            if (row[e] < 0 || row[e] >= rows || col[e] < 0 || col[e] >= cols) {
                throw new IllegalArgumentException("entry " + e + " at (" + row[e] + ", " + col[e] + ") is outside "
                        + rows + "x" + cols);
            }
        }
        return new EntryPattern(rows, cols, row.clone(), col.clone());
    }

    /**
     * @param positions indices into this pattern
     * @return the pattern of those entries, in the given order (same matrix size)
     */
    public EntryPattern subset(int[] positions) {
        int[] r = new int[positions.length];
        int[] c = new int[positions.length];
        for (int k = 0; k < positions.length; k++) {
            r[k] = row[positions[k]];
            c[k] = col[positions[k]];
        }
        return new EntryPattern(rows, cols, r, c);
    }

    private static int[] group(int[] key, int n, int[] ptr) {
        for (int k : key) {
            ptr[k + 1]++;
        }
        for (int i = 0; i < n; i++) {
            ptr[i + 1] += ptr[i];
        }
        int[] fill = Arrays.copyOf(ptr, n);
        int[] order = new int[key.length];
        for (int e = 0; e < key.length; e++) {
            order[fill[key[e]]++] = e;
        }
        return order;
    }

    /** @return rows of the matrix */
    public int rows() {
        return rows;
    }

    /** @return columns of the matrix */
    public int cols() {
        return cols;
    }

    /** @return m, the number of entries */
    public int size() {
        return row.length;
    }

    /** @param e entry index @return its row */
    public int row(int e) {
        return row[e];
    }

    /** @param e entry index @return its column */
    public int col(int e) {
        return col[e];
    }

    /** @param i a row @return the number of entries in it */
    public int rowCount(int i) {
        return rowPtr[i + 1] - rowPtr[i];
    }

    /** @param j a column @return the number of entries in it */
    public int colCount(int j) {
        return colPtr[j + 1] - colPtr[j];
    }

    int[] rowArray() {
        return row;
    }

    int[] colArray() {
        return col;
    }

    int[] rowPtr() {
        return rowPtr;
    }

    int[] byRow() {
        return byRow;
    }

    int[] colPtr() {
        return colPtr;
    }

    int[] byCol() {
        return byCol;
    }
}
