package dev.tacit.linalg;

import java.util.Arrays;

/**
 * A sparse {@code rows×cols} matrix with a fixed pattern of stored entries (compressed sparse rows)
 * and mutable values: the shape of a completion gradient, which is non-zero only on the observed set Ω.
 *
 * <p>The pattern is fixed at construction; {@link #setValue(int, double)} changes values in the
 * order of {@link #row(int)}/{@link #col(int)} (sorted by row, then column). Products with dense
 * matrices never store a dense copy of this matrix beyond an optional work buffer of the
 * {@link SparseKernel#DENSE_GEMM} kernel, reused across calls.
 */
public final class SparseMatrix implements LinearOperand {

    private final Backend backend;
    private final int rows;
    private final int cols;
    private final int[] rowPtr;
    private final int[] colIdx;
    private final int[] rowIdx;
    private final double[] values;
    private final SparseKernel kernel;
    private Matrix denseWork;
    private boolean denseStale = true;

    private SparseMatrix(Backend backend, int rows, int cols, int[] rowIdx, int[] colIdx, SparseKernel requested) {
        this.backend = backend;
        this.rows = rows;
        this.cols = cols;
        this.rowIdx = rowIdx;
        this.colIdx = colIdx;
        this.values = new double[rowIdx.length];
        this.rowPtr = new int[rows + 1];
        for (int r : rowIdx) {
            rowPtr[r + 1]++;
        }
        for (int i = 0; i < rows; i++) {
            rowPtr[i + 1] += rowPtr[i];
        }
        SparseKernel k = requested;
        if (k == SparseKernel.AUTO) {
            double threshold = backend.kind() == BackendKind.NATIVE_OPENBLAS
                    ? SparseKernel.NATIVE_DENSE_THRESHOLD : SparseKernel.JAVA_DENSE_THRESHOLD;
            k = density() >= threshold ? SparseKernel.DENSE_GEMM : SparseKernel.SPARSE;
        }
        this.kernel = k;
    }

    /**
     * Creates the pattern from coordinates, which must be sorted by (row, column) and distinct.
     *
     * @param backend backend of the dense matrices this will be multiplied with
     * @param rows number of rows
     * @param cols number of columns
     * @param rowIdx row of each entry (copied)
     * @param colIdx column of each entry (copied)
     * @return a sparse matrix with all values zero
     * @throws IllegalArgumentException if indices are out of range, unsorted or duplicated
     */
    public static SparseMatrix pattern(Backend backend, int rows, int cols, int[] rowIdx, int[] colIdx) {
        return pattern(backend, rows, cols, rowIdx, colIdx, SparseKernel.configured());
    }

    /**
     * As {@link #pattern(Backend, int, int, int[], int[])} with an explicit product kernel.
     *
     * @param kernel the kernel (AUTO decides by density)
     */
    public static SparseMatrix pattern(Backend backend, int rows, int cols, int[] rowIdx, int[] colIdx,
                                       SparseKernel kernel) {
        if (rowIdx.length != colIdx.length) {
            throw new IllegalArgumentException("row and column index arrays differ in length");
        }
        for (int k = 0; k < rowIdx.length; k++) {
            if (rowIdx[k] < 0 || rowIdx[k] >= rows || colIdx[k] < 0 || colIdx[k] >= cols) {
                throw new IllegalArgumentException("entry " + k + " at (" + rowIdx[k] + ", " + colIdx[k]
                        + ") is outside " + rows + "x" + cols);
            }
            if (k > 0) {
                long prev = (long) rowIdx[k - 1] * cols + colIdx[k - 1];
                long cur = (long) rowIdx[k] * cols + colIdx[k];
                if (cur <= prev) {
                    throw new IllegalArgumentException("entries must be sorted and distinct; entry " + k + " at ("
                            + rowIdx[k] + ", " + colIdx[k] + ") is not");
                }
            }
        }
        return new SparseMatrix(backend, rows, cols, rowIdx.clone(), colIdx.clone(), kernel);
    }

    /** @return number of rows */
    @Override
    public int rows() {
        return rows;
    }

    /** @return number of columns */
    @Override
    public int cols() {
        return cols;
    }

    /** @return number of stored entries */
    public int nnz() {
        return values.length;
    }

    /** @return nnz / (rows·cols) */
    public double density() {
        return rows == 0 || cols == 0 ? 0.0 : (double) values.length / ((double) rows * cols);
    }

    /** @return the kernel products with this matrix use */
    public SparseKernel kernel() {
        return kernel;
    }

    /** @return row of stored entry k */
    public int row(int k) {
        return rowIdx[k];
    }

    /** @return column of stored entry k */
    public int col(int k) {
        return colIdx[k];
    }

    /** @return value of stored entry k */
    public double value(int k) {
        return values[k];
    }

    /** Sets the value of stored entry k. Modifies this. */
    public void setValue(int k, double v) {
        values[k] = v;
        denseStale = true;
    }

    /** @return a copy of the values, in storage order */
    public double[] values() {
        return values.clone();
    }

    /** @return {@code Σ v_k²} */
    @Override
    public double frobeniusNormSquared() {
        double s = 0;
        for (double v : values) {
            s += v * v;
        }
        return s;
    }

    @Override
    public void copyInto(Matrix out) {
        if (out.rows() != rows || out.cols() != cols) {
            throw new IllegalArgumentException("shape mismatch");
        }
        out.fill(0.0);
        scatterInto(out);
    }

    /** @return a new dense matrix with the same entries (for tests and diagnostics, not for training) */
    public Matrix toDense() {
        Matrix d = Matrix.zeros(backend, rows, cols);
        scatterInto(d);
        return d;
    }

    private void scatterInto(Matrix d) {
        for (int k = 0; k < values.length; k++) {
            d.setFlat(rowIdx[k] * cols + colIdx[k], values[k]);
        }
    }

    private synchronized Matrix dense() {
        if (denseWork == null) {
            denseWork = Matrix.zeros(backend, rows, cols);
            denseStale = true;
        }
        if (denseStale) {
            scatterInto(denseWork); // the pattern is fixed, so entries outside it stay zero
            denseStale = false;
        }
        return denseWork;
    }

    /**
     * {@code out = S·op(b)}. Modifies out; b and this are not modified.
     *
     * @param tb whether b is transposed
     * @param b dense matrix with {@code cols()} rows of op(b)
     * @param out dense {@code rows()×n} output
     */
    @Override
    public void times(Transpose tb, Matrix b, Matrix out) {
        int n = tb == Transpose.NO ? b.cols() : b.rows();
        int kb = tb == Transpose.NO ? b.rows() : b.cols();
        if (kb != cols || out.rows() != rows || out.cols() != n) {
            throw new IllegalArgumentException("shape mismatch: S " + rows + "x" + cols + ", op(B) " + kb + "x" + n
                    + ", C " + out.rows() + "x" + out.cols());
        }
        if (kernel == SparseKernel.DENSE_GEMM) {
            Matrix.multiply(Transpose.NO, dense(), tb, b, out);
            return;
        }
        out.fill(0.0);
        for (int i = 0; i < rows; i++) {
            int outBase = i * n;
            for (int p = rowPtr[i]; p < rowPtr[i + 1]; p++) {
                int j = colIdx[p];
                double v = values[p];
                if (tb == Transpose.NO) {
                    int bBase = j * n;
                    for (int c = 0; c < n; c++) {
                        out.setFlat(outBase + c, out.getFlat(outBase + c) + v * b.getFlat(bBase + c));
                    }
                } else {
                    int bc = b.cols();
                    for (int c = 0; c < n; c++) {
                        out.setFlat(outBase + c, out.getFlat(outBase + c) + v * b.getFlat(c * bc + j));
                    }
                }
            }
        }
    }

    /**
     * {@code out = op(a)·S}. Modifies out; a and this are not modified.
     *
     * @param ta whether a is transposed
     * @param a dense matrix, op(a) has {@code rows()} columns
     * @param out dense {@code m×cols()} output
     */
    @Override
    public void timesLeft(Transpose ta, Matrix a, Matrix out) {
        int m = ta == Transpose.NO ? a.rows() : a.cols();
        int ka = ta == Transpose.NO ? a.cols() : a.rows();
        if (ka != rows || out.rows() != m || out.cols() != cols) {
            throw new IllegalArgumentException("shape mismatch: op(A) " + m + "x" + ka + ", S " + rows + "x" + cols
                    + ", C " + out.rows() + "x" + out.cols());
        }
        if (kernel == SparseKernel.DENSE_GEMM) {
            Matrix.multiply(ta, a, Transpose.NO, dense(), out);
            return;
        }
        out.fill(0.0);
        int ac = a.cols();
        for (int r = 0; r < m; r++) {
            int outBase = r * cols;
            for (int k = 0; k < values.length; k++) {
                int i = rowIdx[k];
                double aval = ta == Transpose.NO ? a.getFlat(r * ac + i) : a.getFlat(i * ac + r);
                int idx = outBase + colIdx[k];
                out.setFlat(idx, out.getFlat(idx) + aval * values[k]);
            }
        }
    }

    @Override
    public String toString() {
        return "SparseMatrix " + rows + "x" + cols + " nnz=" + values.length + " kernel=" + kernel
                + (values.length <= 10 ? " " + Arrays.toString(values) : "");
    }
}
