package dev.tacit.data;

import dev.tacit.linalg.Matrix;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Observed entries of an {@code n₁×n₂} matrix for completion: positions Ω = {(i_k, j_k)} and values
 * y_k, stored sorted by (row, column) with no duplicates.
 */
public final class EntrySample {

    private final int rows;
    private final int cols;
    private final int[] rowIdx;
    private final int[] colIdx;
    private final double[] values;

    private EntrySample(int rows, int cols, int[] rowIdx, int[] colIdx, double[] values) {
        this.rows = rows;
        this.cols = cols;
        this.rowIdx = rowIdx;
        this.colIdx = colIdx;
        this.values = values;
    }

    /**
     * Creates a sample from coordinates in any order.
     *
     * @param rows n₁
     * @param cols n₂
     * @param rowIdx rows (copied)
     * @param colIdx columns (copied)
     * @param values observed values (copied), finite
     * @return the sample, sorted by (row, column)
     * @throws IllegalArgumentException on out-of-range indices, duplicates, non-finite values or
     *     mismatched lengths
     */
    public static EntrySample of(int rows, int cols, int[] rowIdx, int[] colIdx, double[] values) {
        int m = rowIdx.length;
        if (colIdx.length != m || values.length != m) {
            throw new IllegalArgumentException("rows, columns and values differ in length");
        }
        Integer[] order = new Integer[m];
        for (int k = 0; k < m; k++) {
            if (rowIdx[k] < 0 || rowIdx[k] >= rows || colIdx[k] < 0 || colIdx[k] >= cols) {
                throw new IllegalArgumentException("observation " + k + " at (" + rowIdx[k] + ", " + colIdx[k]
                        + ") is outside the " + rows + "x" + cols + " matrix");
            }
            if (!Double.isFinite(values[k])) {
                throw new IllegalArgumentException("observation " + k + " has a non-finite value " + values[k]);
            }
            order[k] = k;
        }
        Arrays.sort(order, (a, b) -> Long.compare((long) rowIdx[a] * cols + colIdx[a],
                (long) rowIdx[b] * cols + colIdx[b]));
        int[] r = new int[m];
        int[] c = new int[m];
        double[] v = new double[m];
        for (int k = 0; k < m; k++) {
            r[k] = rowIdx[order[k]];
            c[k] = colIdx[order[k]];
            v[k] = values[order[k]];
            if (k > 0 && r[k] == r[k - 1] && c[k] == c[k - 1]) {
                throw new IllegalArgumentException("duplicate observation of entry (" + r[k] + ", " + c[k] + ")");
            }
        }
        return new EntrySample(rows, cols, r, c, v);
    }

    /**
     * Samples {@code m} distinct entries uniformly without replacement and reads their values from
     * {@code truth} (the recipe of {@code gen_obs.py}).
     *
     * @param truth the full matrix
     * @param m number of observations, 1 ≤ m ≤ n₁n₂
     * @param rng randomness (advanced)
     * @return the sample
     */
    public static EntrySample sampleUniform(Matrix truth, int m, RandomGenerator rng) {
        int n1 = truth.rows();
        int n2 = truth.cols();
        long total = (long) n1 * n2;
        if (m < 1 || m > total) {
            throw new IllegalArgumentException("number of observations must be in [1, " + total + "], got " + m);
        }
        // partial Fisher-Yates over the flat indices
        int[] flat = new int[(int) total];
        for (int k = 0; k < flat.length; k++) {
            flat[k] = k;
        }
        for (int k = 0; k < m; k++) {
            int j = k + rng.nextInt(flat.length - k);
            int t = flat[k];
            flat[k] = flat[j];
            flat[j] = t;
        }
        int[] r = new int[m];
        int[] c = new int[m];
        double[] v = new double[m];
        for (int k = 0; k < m; k++) {
            r[k] = flat[k] / n2;
            c[k] = flat[k] % n2;
            v[k] = truth.getFlat(flat[k]);
        }
        return of(n1, n2, r, c, v);
    }

    /** @return n₁ */
    public int rows() {
        return rows;
    }

    /** @return n₂ */
    public int cols() {
        return cols;
    }

    /** @return |Ω| */
    public int size() {
        return values.length;
    }

    /** @return row of observation k (sorted order) */
    public int row(int k) {
        return rowIdx[k];
    }

    /** @return column of observation k */
    public int col(int k) {
        return colIdx[k];
    }

    /** @return value of observation k */
    public double value(int k) {
        return values[k];
    }

    /** @return a copy of the row indices */
    public int[] rowIndices() {
        return rowIdx.clone();
    }

    /** @return a copy of the column indices */
    public int[] colIndices() {
        return colIdx.clone();
    }

    /** @return a copy of the values */
    public double[] values() {
        return values.clone();
    }
}
