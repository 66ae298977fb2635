package dev.tacit.model.nmf;

import dev.tacit.linalg.Matrix;
import dev.tacit.linalg.Transpose;
import dev.tacit.linalg.Workers;

/**
 * A row-local W update of Frobenius NMF and the product XᵀW that the H update then needs, in one pass over a
 * dense X. In the multiplicative update ({@link MultiplicativeUpdateRule}) and in coordinate descent
 * ({@link HalsRule}) row i of the new W depends only on row i of W and of X·Hᵀ (and on HHᵀ), so X is read
 * in blocks of {@value #BLOCK_ROWS} rows, and while a block X_b is in cache:
 *
 * <pre>
 *   (XHᵀ)_b = X_b·Hᵀ,   W_b ← update(W_b, (XHᵀ)_b),   XᵀW += X_bᵀ·W_b   (the new W_b)
 * </pre>
 *
 * which is the W update followed by Xᵀ·W_new, with X read once instead of twice per sweep (both products
 * are bound by reading X). The rows are split into two fixed halves, each with its own XᵀW accumulator,
 * summed in a fixed order at the end: the result does not depend on the number of threads (one or two) nor
 * on timing. Only the summation order of XᵀW (and of the update's returned sums) differs from the unblocked
 * computation (rounding, ~1e-16 relative).
 */
final class StreamedWUpdate {

    /** Rows per block: 32 rows of 1000 doubles are 256 KB, which stays in a core's L2 cache. */
    static final int BLOCK_ROWS = 32;

    private final Matrix xht;
    private final Matrix whh;
    private final Matrix partialFirst;
    private final Matrix partialSecond;

    /**
     * @param xht n×k work matrix for X·Hᵀ
     * @param whh n×k work matrix for W·HHᵀ
     * @param cols m, the columns of X
     */
    StreamedWUpdate(Matrix xht, Matrix whh, int cols) {
        this.xht = xht;
        this.whh = whh;
        this.partialFirst = Matrix.zeros(xht.backend(), cols, xht.cols());
        this.partialSecond = Matrix.zeros(xht.backend(), cols, xht.cols());
    }

    /** The update of a block of rows of W, given the same rows of X·Hᵀ. */
    @FunctionalInterface
    interface RowUpdate {
        /**
         * @param from first row of the block in W
         * @param w the block's rows of W (updated in place)
         * @param xht the block's rows of X·Hᵀ (may be modified)
         * @return a sum over the block's coordinates to accumulate (e.g. the coordinate-descent violation), or 0
         */
        double update(int from, Matrix w, Matrix xht);
    }

    /**
     * @param x X (n×m, read)
     * @param w W (n×k, updated in place)
     * @param h H (k×m, read)
     * @param rowUpdate the W update of a block of rows
     * @param xtw out: Xᵀ·W with the updated W (m×k)
     * @return the sum of the values {@code rowUpdate} returned (first half, then second)
     */
    double run(Matrix x, Matrix w, Matrix h, RowUpdate rowUpdate, Matrix xtw) {
        int n = x.rows();
        int half = Math.max(1, (n / 2 + BLOCK_ROWS - 1) / BLOCK_ROWS) * BLOCK_ROWS;
        int split = Math.min(n, half);
        double[] sums = new double[2];
        Workers.run(() -> sums[0] = rows(x, w, h, rowUpdate, 0, split, partialFirst),
                () -> sums[1] = rows(x, w, h, rowUpdate, split, n, partialSecond));
        xtw.copyFrom(partialFirst);
        if (split < n) {
            xtw.addScaled(1.0, partialSecond);
        }
        return sums[0] + sums[1];
    }

    private double rows(Matrix x, Matrix w, Matrix h, RowUpdate rowUpdate, int from, int to, Matrix partial) {
        double sum = 0;
        double beta = 0.0;
        for (int i0 = from; i0 < to; i0 += BLOCK_ROWS) {
            int i1 = Math.min(to, i0 + BLOCK_ROWS);
            Matrix xb = x.rowRange(i0, i1);
            Matrix wb = w.rowRange(i0, i1);
            Matrix xhtb = xht.rowRange(i0, i1);
            Matrix.multiply(Transpose.NO, xb, Transpose.YES, h, xhtb);
            sum += rowUpdate.update(i0, wb, xhtb);
            Matrix.multiply(1.0, Transpose.YES, xb, Transpose.NO, wb, beta, partial);
            beta = 1.0;
        }
        return sum;
    }

    /** @return the n×k work matrix the caller may use for its own per-row products (rows as the blocks') */
    Matrix work() {
        return whh;
    }
}
