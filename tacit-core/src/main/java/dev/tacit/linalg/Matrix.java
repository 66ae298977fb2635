package dev.tacit.linalg;

import java.nio.DoubleBuffer;
import java.util.Arrays;

/**
 * A dense, row-major {@code rows×cols} matrix of doubles whose storage belongs to a {@link Backend}
 * (off-heap for native OpenBLAS, on the heap for pure Java).
 *
 * <p>Methods named as verbs modify {@code this} in place and say so; products write into an output
 * matrix given by the caller so that training loops allocate nothing per step. Matrices of different
 * backends must not be mixed in one operation.
 */
public final class Matrix implements LinearOperand {

    /** Products with at least this many multiply-adds are split by rows over the worker threads. */
    private static final long PARALLEL_FLOPS = 400_000L;

    /** Products of {@link #onHeap} matrices at least this large (m·n·k) run on the native backend. */
    private static final long HEAP_NATIVE_FLOPS = 32_768L;

    private final Backend backend;
    private final int rows;
    private final int cols;
    private final DoubleBuffer data;

    private Matrix(Backend backend, int rows, int cols, DoubleBuffer data) {
        this.backend = backend;
        this.rows = rows;
        this.cols = cols;
        this.data = data;
    }

    /**
     * @param rows number of rows, ≥ 0
     * @param cols number of columns, ≥ 0
     * @return a zero matrix on the JVM's backend
     */
    public static Matrix zeros(int rows, int cols) {
        return zeros(Backends.get(), rows, cols);
    }

    /**
     * @param backend the backend that owns the storage
     * @param rows number of rows, ≥ 0
     * @param cols number of columns, ≥ 0
     * @return a zero matrix
     */
    public static Matrix zeros(Backend backend, int rows, int cols) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("negative matrix size " + rows + "x" + cols);
        }
        long size = (long) rows * cols;
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("matrix too large: " + rows + "x" + cols);
        }
        return new Matrix(backend, rows, cols, backend.allocate((int) size));
    }

    /**
     * A zero matrix stored in a Java array and multiplied by the pure-Java backend, whatever the JVM's
     * backend: for models whose work is element-wise or sparse ({@link EntryKernels}), where native
     * storage would cost a copy per kernel call and the few dense products are small. Do not mix it in
     * products with matrices of another backend.
     *
     * @param rows number of rows, ≥ 0
     * @param cols number of columns, ≥ 0
     * @return the matrix
     */
    public static Matrix onHeap(int rows, int cols) {
        return zeros(Backends.heap(), rows, cols);
    }

    /** @return an independent copy stored as by {@link #onHeap(int, int)} */
    public Matrix copyOnHeap() {
        Matrix m = onHeap(rows, cols);
        m.copyFrom(this);
        return m;
    }

    private Matrix on(Backend target) {
        if (backend == target) {
            return this;
        }
        Matrix m = zeros(target, rows, cols);
        m.copyFrom(this);
        return m;
    }

    /** @return the n×n identity on the JVM's backend */
    public static Matrix identity(int n) {
        Matrix m = zeros(n, n);
        for (int i = 0; i < n; i++) {
            m.set(i, i, 1.0);
        }
        return m;
    }

    /**
     * @param values row-major entries (not modified; copied)
     * @param rows number of rows
     * @param cols number of columns
     * @return a matrix on the JVM's backend
     */
    public static Matrix fromRowMajor(int rows, int cols, double[] values) {
        return fromRowMajor(Backends.get(), rows, cols, values);
    }

    /** As {@link #fromRowMajor(int, int, double[])} on a given backend. */
    public static Matrix fromRowMajor(Backend backend, int rows, int cols, double[] values) {
        if (values.length != rows * cols) {
            throw new IllegalArgumentException("expected " + rows * cols + " values, got " + values.length);
        }
        Matrix m = zeros(backend, rows, cols);
        m.data.put(0, values);
        return m;
    }

    /** @param rowsOfValues a rectangular array (not modified) @return a matrix on the JVM's backend */
    public static Matrix of(double[][] rowsOfValues) {
        int r = rowsOfValues.length;
        int c = r == 0 ? 0 : rowsOfValues[0].length;
        Matrix m = zeros(r, c);
        for (int i = 0; i < r; i++) {
            if (rowsOfValues[i].length != c) {
                throw new IllegalArgumentException("ragged array: row " + i + " has " + rowsOfValues[i].length
                        + " entries, expected " + c);
            }
            m.data.put(i * c, rowsOfValues[i]);
        }
        return m;
    }

    /**
     * @param newRows rows of the view
     * @param newCols columns of the view, newRows·newCols = size()
     * @return a view of the same storage with another shape (row-major reshape); writes are shared
     */
    public Matrix reshape(int newRows, int newCols) {
        if ((long) newRows * newCols != size()) {
            throw new IllegalArgumentException("cannot reshape " + rows + "x" + cols + " to " + newRows + "x" + newCols);
        }
        return new Matrix(backend, newRows, newCols, data);
    }

    /** @return the backend owning this matrix */
    public Backend backend() {
        return backend;
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

    /** @return rows·cols */
    public int size() {
        return rows * cols;
    }

    /**
     * Rows [from, to) as a matrix that shares this one's storage: writes through either are seen by both. For
     * streaming a large matrix in row blocks (each block's products run while it is in cache).
     *
     * @param from first row, 0 ≤ from ≤ to
     * @param to one past the last row, ≤ rows
     * @return a (to − from)×cols view on the same backend
     */
    public Matrix rowRange(int from, int to) {
        if (from < 0 || to > rows || from > to) {
            throw new IndexOutOfBoundsException("rows [" + from + ", " + to + ") of " + rows);
        }
        DoubleBuffer view = data.duplicate().position(from * cols).limit(to * cols).slice();
        return new Matrix(backend, to - from, cols, view);
    }

    /** Raw storage, for this package's kernels only. */
    DoubleBuffer buffer() {
        return data;
    }

    /** @return entry (i, j) */
    public double get(int i, int j) {
        return data.get(i * cols + j);
    }

    /** Sets entry (i, j). Modifies this. */
    public void set(int i, int j, double v) {
        data.put(i * cols + j, v);
    }

    /** @return entry at row-major index {@code k} */
    public double getFlat(int k) {
        return data.get(k);
    }

    /** Sets the entry at row-major index {@code k}. Modifies this. */
    public void setFlat(int k, double v) {
        data.put(k, v);
    }

    /** @return a new array with the row-major entries */
    public double[] toArray() {
        double[] out = new double[size()];
        data.get(0, out);
        return out;
    }

    /**
     * Copies row i into {@code out} (bulk, no per-entry calls).
     *
     * @param i row index
     * @param out length ≥ cols (modified)
     */
    public void rowInto(int i, double[] out) {
        if (i < 0 || i >= rows) {
            throw new IndexOutOfBoundsException("row " + i + " of " + rows);
        }
        data.get(i * cols, out, 0, cols);
    }

    /** @return the entries as rows */
    public double[][] toArray2d() {
        double[][] out = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            data.get(i * cols, out[i]);
        }
        return out;
    }

    /** @return an independent copy on the same backend */
    public Matrix copy() {
        Matrix m = zeros(backend, rows, cols);
        m.copyFrom(this);
        return m;
    }

    /** Copies the entries of {@code other} (same shape) into this. Modifies this. */
    public void copyFrom(Matrix other) {
        requireSameShape(other);
        if (data.hasArray() && other.data.hasArray()) {
            System.arraycopy(other.data.array(), other.data.arrayOffset(), data.array(), data.arrayOffset(), size());
        } else {
            DoubleBuffer dst = data.duplicate();
            DoubleBuffer src = other.data.duplicate();
            src.position(0).limit(size());
            dst.position(0);
            dst.put(src);
        }
    }

    /**
     * Copies the entries of {@code other}, which may have a different shape but the same number of
     * entries, in row-major order (a reshape). Modifies this.
     */
    public void copyFromFlat(Matrix other) {
        if (other.size() != size()) {
            throw new IllegalArgumentException("size mismatch: " + size() + " vs " + other.size());
        }
        DoubleBuffer dst = data.duplicate();
        DoubleBuffer src = other.data.duplicate();
        src.position(0).limit(size());
        dst.position(0);
        dst.put(src);
    }

    /** Sets every entry to {@code v}. Modifies this. */
    public void fill(double v) {
        for (int k = 0; k < size(); k++) {
            data.put(k, v);
        }
    }

    /** {@code this = alpha·this}. Modifies this. */
    public void scale(double alpha) {
        backend.scal(size(), alpha, data);
    }

    /** {@code this = this + alpha·x} (same shape). Modifies this; x is not modified. */
    public void addScaled(double alpha, Matrix x) {
        requireSameShape(x);
        backend.axpy(size(), alpha, local(x), data);
    }

    /**
     * {@code this[i,:] = this[i,:] + alpha·x[i,:]} for one row i (same shape): for sums over the rows a sparse
     * step touched. Modifies this; x is not modified.
     *
     * @param i row index
     * @param alpha scale
     * @param x same shape as this
     */
    public void addRowScaled(int i, double alpha, Matrix x) {
        requireSameShape(x);
        if (i < 0 || i >= rows) {
            throw new IndexOutOfBoundsException("row " + i + " of " + rows);
        }
        int o = i * cols;
        if (data.hasArray() && x.data.hasArray()) {
            double[] ys = data.array();
            double[] xs = x.data.array();
            if (data.arrayOffset() == 0 && x.data.arrayOffset() == 0) {
                for (int c = o; c < o + cols; c++) { // one index for both: the JIT vectorises this
                    ys[c] += alpha * xs[c];
                }
            } else {
                int yo = data.arrayOffset() + o;
                int xo = x.data.arrayOffset() + o;
                for (int c = 0; c < cols; c++) {
                    ys[yo + c] += alpha * xs[xo + c];
                }
            }
        } else {
            for (int c = 0; c < cols; c++) {
                data.put(o + c, data.get(o + c) + alpha * x.data.get(o + c));
            }
        }
    }

    /** @return x's storage if this backend can read it directly, else a copy of it in this backend */
    private DoubleBuffer local(Matrix x) {
        if (x.backend == backend) {
            return x.data;
        }
        Matrix c = zeros(backend, x.rows, x.cols);
        c.copyFrom(x);
        return c.data;
    }

    /** @return the Frobenius inner product {@code Σ this_ij·other_ij} */
    public double dot(Matrix other) {
        requireSameShape(other);
        return backend.dot(size(), data, local(other));
    }

    /** @return {@code ‖this‖²_F} */
    @Override
    public double frobeniusNormSquared() {
        return backend.dot(size(), data, data);
    }

    /** @return {@code ‖this‖_F} */
    public double frobeniusNorm() {
        return Math.sqrt(frobeniusNormSquared());
    }

    /** @return whether every entry is finite */
    public boolean isFinite() {
        for (int k = 0; k < size(); k++) {
            if (!Double.isFinite(data.get(k))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void times(Transpose tb, Matrix b, Matrix out) {
        multiply(Transpose.NO, this, tb, b, out);
    }

    @Override
    public void timesLeft(Transpose ta, Matrix a, Matrix out) {
        multiply(ta, a, Transpose.NO, this, out);
    }

    @Override
    public void copyInto(Matrix out) {
        out.copyFrom(this);
    }

    /** @return a new matrix holding {@code thisᵀ} */
    public Matrix transpose() {
        Matrix t = zeros(backend, cols, rows);
        double[] src = toArray();
        double[] dst = new double[src.length];
        int half = ((cols / 2) / TILE) * TILE; // the two threads write disjoint row ranges of the result
        if ((long) rows * cols >= 1L << 16 && half > 0) {
            Workers.run(() -> transposeTiles(src, dst, rows, cols, 0, half),
                    () -> transposeTiles(src, dst, rows, cols, half, cols));
        } else {
            transposeTiles(src, dst, rows, cols, 0, cols);
        }
        t.data.put(0, dst, 0, dst.length);
        return t;
    }

    private static final int TILE = 64;

    /** dst (cols×rows) = srcᵀ for source columns [from, to), walked in TILE×TILE tiles. */
    private static void transposeTiles(double[] src, double[] dst, int rows, int cols, int from, int to) {
        for (int i0 = 0; i0 < rows; i0 += TILE) {
            int i1 = Math.min(rows, i0 + TILE);
            for (int j0 = from; j0 < to; j0 += TILE) {
                int j1 = Math.min(to, j0 + TILE);
                for (int i = i0; i < i1; i++) {
                    for (int j = j0; j < j1; j++) {
                        dst[j * rows + i] = src[i * cols + j];
                    }
                }
            }
        }
    }

    /** @return {@code this·other} as a new matrix */
    public Matrix times(Matrix other) {
        Matrix out = zeros(backend, rows, other.cols);
        multiply(Transpose.NO, this, Transpose.NO, other, out);
        return out;
    }

    /** @return {@code this − other} as a new matrix */
    public Matrix minus(Matrix other) {
        Matrix out = copy();
        out.addScaled(-1.0, other);
        return out;
    }

    /**
     * {@code out = op(a)·op(b)}. Modifies out (which must not alias a or b); a and b are not modified.
     * Large products are split by rows of {@code out} over the worker threads (deterministically).
     */
    public static void multiply(Transpose ta, Matrix a, Transpose tb, Matrix b, Matrix out) {
        multiply(1.0, ta, a, tb, b, 0.0, out);
    }

    /**
     * General product {@code out = alpha·op(a)·op(b) + beta·out}. Modifies out (which must not alias a
     * or b); a and b are not modified.
     *
     * @throws IllegalArgumentException when the shapes do not conform
     */
    public static void multiply(double alpha, Transpose ta, Matrix a, Transpose tb, Matrix b, double beta,
                                Matrix out) {
        int m = ta == Transpose.NO ? a.rows : a.cols;
        int k = ta == Transpose.NO ? a.cols : a.rows;
        int kb = tb == Transpose.NO ? b.rows : b.cols;
        int n = tb == Transpose.NO ? b.cols : b.rows;
        if (k != kb || out.rows != m || out.cols != n) {
            throw new IllegalArgumentException("shape mismatch: op(A) " + m + "x" + k + ", op(B) " + kb + "x" + n
                    + ", C " + out.rows + "x" + out.cols);
        }
        if (out == a || out == b) {
            throw new IllegalArgumentException("the output of a product must not alias an input");
        }
        Backend jvm = Backends.get();
        if (out.backend == Backends.heap() && jvm != out.backend && (long) m * n * k >= HEAP_NATIVE_FLOPS) {
            // heap matrices: large products run natively; the native binding copies whole heap arrays in and
            // out (O(size), the product is O(m·n·k)); no row split, since sliced heap buffers cannot be passed
            jvm.gemm(ta, tb, m, n, k, alpha, a.on(Backends.heap()).data, a.cols, b.on(Backends.heap()).data, b.cols,
                    beta, out.data, out.cols);
            return;
        }
        if (a.backend != out.backend || b.backend != out.backend) { // mixed storage: compute on out's backend
            multiply(alpha, ta, a.on(out.backend), tb, b.on(out.backend), beta, out);
            return;
        }
        if (Workers.threads() > 1 && m >= 16 && (long) m * n * k >= PARALLEL_FLOPS) {
            int half = m / 2;
            Workers.run(() -> rowBlock(alpha, ta, a, tb, b, beta, out, 0, half),
                    () -> rowBlock(alpha, ta, a, tb, b, beta, out, half, m));
        } else {
            a.backend.gemm(ta, tb, m, n, k, alpha, a.data, a.cols, b.data, b.cols, beta, out.data, out.cols);
        }
    }

    /** Rows [from, to) of out = alpha·op(a)·op(b) + beta·out. */
    private static void rowBlock(double alpha, Transpose ta, Matrix a, Transpose tb, Matrix b, double beta,
                                 Matrix out, int from, int to) {
        int n = out.cols;
        int k = ta == Transpose.NO ? a.cols : a.rows;
        DoubleBuffer aBlock = slice(a.data, ta == Transpose.NO ? from * a.cols : from);
        DoubleBuffer cBlock = slice(out.data, from * n);
        a.backend.gemm(ta, tb, to - from, n, k, alpha, aBlock, a.cols, b.data, b.cols, beta, cBlock, n);
    }

    private static DoubleBuffer slice(DoubleBuffer buffer, int offset) {
        if (offset == 0) {
            return buffer;
        }
        return buffer.duplicate().position(offset).slice();
    }

    /**
     * @param mode values only, or values and thin factors
     * @return the singular value decomposition of this (not modified)
     */
    public Svd svd(SvdMode mode) {
        return backend.svd(rows, cols, data, mode);
    }

    /** @return the singular values of this, non-increasing */
    public double[] singularValues() {
        return svd(SvdMode.VALUES).singularValues();
    }

    private void requireSameShape(Matrix other) {
        if (other.rows != rows || other.cols != cols) {
            throw new IllegalArgumentException("shape mismatch: " + rows + "x" + cols + " vs " + other.rows + "x"
                    + other.cols);
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Matrix ").append(rows).append('x').append(cols);
        if (size() <= 36) {
            for (int i = 0; i < rows; i++) {
                sb.append(i == 0 ? " [" : "; ");
                double[] row = new double[cols];
                data.get(i * cols, row);
                sb.append(Arrays.toString(row));
            }
            sb.append(']');
        }
        return sb.toString();
    }
}
