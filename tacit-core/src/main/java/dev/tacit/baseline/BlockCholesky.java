package dev.tacit.baseline;

import dev.tacit.linalg.Matrix;
import dev.tacit.linalg.Transpose;

/**
 * Cholesky factorization {@code S = L·Lᵀ} of a symmetric positive definite {@code p×p} matrix, blocked so
 * that almost all of the work is matrix products on the numeric backend ({@link Matrix#multiply}); only
 * the {@code b×b} diagonal blocks are factored and inverted in plain Java.
 *
 * <p>The matrix is cut into blocks of at most {@link #BLOCK} rows and columns. Right-looking
 * algorithm: for each block column k, {@code L_kk = chol(S_kk)}, the panel {@code L_ik = S_ik·L_kk^{-T}}
 * (i &gt; k) and the trailing update {@code S_ij ← S_ij − L_ik·L_jkᵀ} (k &lt; j ≤ i). Only the lower block
 * triangle is stored, together with the inverses {@code L_kk^{-1}} of the diagonal blocks, which turn
 * each triangular solve into block matrix-vector products. Using the inverses of the diagonal blocks is
 * accurate for the well-conditioned matrices this package factors ({@code I + 𝒜𝒜ᵀ}, all eigenvalues ≥ 1).
 *
 * <p>Cost: p³/6 multiply-adds to factor, p² per {@link #solve} or {@link #multiply}. Not thread-safe (solves use internal
 * work vectors).
 */
final class BlockCholesky {

    /** Block size (rows and columns of the diagonal blocks, the last one may be smaller). */
    static final int BLOCK = 256;

    /** Fills one block of the matrix to factor. */
    @FunctionalInterface
    interface BlockSource {
        /**
         * @param i block row
         * @param j block column, j ≤ i
         * @param out the block S_ij, of shape size(i)×size(j), zero on entry; to be filled
         */
        void fill(int i, int j, Matrix out);
    }

    private final int size;
    private final int[] offset;
    private final Matrix[][] lower;
    private final Matrix[] diagonal;
    private final Matrix[] diagonalInverse;
    private final Matrix[] forward;
    private final Matrix[] backward;

    private BlockCholesky(int size, int[] offset, Matrix[][] lower, Matrix[] diagonal, Matrix[] diagonalInverse) {
        this.size = size;
        this.offset = offset;
        this.lower = lower;
        this.diagonal = diagonal;
        this.diagonalInverse = diagonalInverse;
        int blocks = offset.length - 1;
        this.forward = new Matrix[blocks];
        this.backward = new Matrix[blocks];
        for (int i = 0; i < blocks; i++) {
            forward[i] = Matrix.zeros(blockSize(i), 1);
            backward[i] = Matrix.zeros(blockSize(i), 1);
        }
    }

    /** @return the block boundaries for a p×p matrix: offsets 0 = o₀ &lt; o₁ &lt; … &lt; o_K = p */
    static int[] partition(int size) {
        int blocks = Math.max(1, (size + BLOCK - 1) / BLOCK);
        int[] offset = new int[blocks + 1];
        for (int i = 0; i < blocks; i++) {
            // equal-sized blocks, so that the last one is not a sliver
            offset[i + 1] = (int) ((long) size * (i + 1) / blocks);
        }
        return offset;
    }

    /**
     * Factors the matrix whose lower blocks {@code source} provides.
     *
     * @param size p ≥ 1
     * @param offset block boundaries from {@link #partition(int)}
     * @param source the blocks S_ij, j ≤ i
     * @return the factorization
     * @throws ArithmeticException if the matrix is not (numerically) positive definite
     */
    static BlockCholesky factor(int size, int[] offset, BlockSource source) {
        int blocks = offset.length - 1;
        Matrix[][] a = new Matrix[blocks][];
        for (int i = 0; i < blocks; i++) {
            a[i] = new Matrix[i + 1];
            int bi = offset[i + 1] - offset[i];
            for (int j = 0; j <= i; j++) {
                a[i][j] = Matrix.zeros(bi, offset[j + 1] - offset[j]);
                source.fill(i, j, a[i][j]);
            }
        }
        Matrix[] diag = new Matrix[blocks];
        Matrix[] inv = new Matrix[blocks];
        for (int k = 0; k < blocks; k++) {
            int bk = offset[k + 1] - offset[k];
            double[] d = a[k][k].toArray();
            choleskyInPlace(d, bk, offset[k]);
            diag[k] = Matrix.fromRowMajor(bk, bk, d);
            inv[k] = Matrix.fromRowMajor(bk, bk, invertLower(d, bk));
            a[k][k] = null;
            for (int i = k + 1; i < blocks; i++) {
                Matrix panel = Matrix.zeros(a[i][k].rows(), bk);
                Matrix.multiply(Transpose.NO, a[i][k], Transpose.YES, inv[k], panel);
                a[i][k] = panel;
            }
            for (int i = k + 1; i < blocks; i++) {
                for (int j = k + 1; j <= i; j++) {
                    Matrix.multiply(-1.0, Transpose.NO, a[i][k], Transpose.YES, a[j][k], 1.0, a[i][j]);
                }
            }
        }
        return new BlockCholesky(size, offset, a, diag, inv);
    }

    /** @return p */
    int size() {
        return size;
    }

    private int blockSize(int i) {
        return offset[i + 1] - offset[i];
    }

    /**
     * Solves {@code S·x = rhs}.
     *
     * @param rhs p×1 (not modified)
     * @param out p×1, receives x (may be the same matrix as rhs)
     */
    void solve(Matrix rhs, Matrix out) {
        int blocks = offset.length - 1;
        // forward: L·y = rhs, y_i = L_ii^{-1}(rhs_i − Σ_{j<i} L_ij y_j)
        for (int i = 0; i < blocks; i++) {
            Matrix t = backward[i];
            for (int r = 0; r < t.rows(); r++) {
                t.setFlat(r, rhs.getFlat(offset[i] + r));
            }
            for (int j = 0; j < i; j++) {
                Matrix.multiply(-1.0, Transpose.NO, lower[i][j], Transpose.NO, forward[j], 1.0, t);
            }
            Matrix.multiply(Transpose.NO, diagonalInverse[i], Transpose.NO, t, forward[i]);
        }
        // backward: Lᵀ·x = y, x_i = L_ii^{-T}(y_i − Σ_{j>i} L_jiᵀ x_j); forward[i] holds y_i, then t_i
        for (int i = blocks - 1; i >= 0; i--) {
            Matrix t = forward[i];
            for (int j = i + 1; j < blocks; j++) {
                Matrix.multiply(-1.0, Transpose.YES, lower[j][i], Transpose.NO, backward[j], 1.0, t);
            }
            Matrix.multiply(Transpose.YES, diagonalInverse[i], Transpose.NO, t, backward[i]);
        }
        for (int i = 0; i < blocks; i++) {
            Matrix x = backward[i];
            for (int r = 0; r < x.rows(); r++) {
                out.setFlat(offset[i] + r, x.getFlat(r));
            }
        }
    }

    /**
     * Multiplies by the factored matrix: {@code out = S·x = L·(Lᵀ·x)}.
     *
     * @param x p×1 (not modified)
     * @param out p×1, receives S·x (may be the same matrix as x)
     */
    void multiply(Matrix x, Matrix out) {
        int blocks = offset.length - 1;
        for (int i = 0; i < blocks; i++) {
            Matrix t = forward[i];
            for (int r = 0; r < t.rows(); r++) {
                t.setFlat(r, x.getFlat(offset[i] + r));
            }
        }
        // t = Lᵀ·x: t_i = L_iiᵀ x_i + Σ_{j>i} L_jiᵀ x_j
        for (int i = 0; i < blocks; i++) {
            Matrix.multiply(Transpose.YES, diagonal[i], Transpose.NO, forward[i], backward[i]);
            for (int j = i + 1; j < blocks; j++) {
                Matrix.multiply(1.0, Transpose.YES, lower[j][i], Transpose.NO, forward[j], 1.0, backward[i]);
            }
        }
        // out = L·t: out_i = L_ii t_i + Σ_{j<i} L_ij t_j
        for (int i = 0; i < blocks; i++) {
            Matrix o = forward[i];
            Matrix.multiply(Transpose.NO, diagonal[i], Transpose.NO, backward[i], o);
            for (int j = 0; j < i; j++) {
                Matrix.multiply(1.0, Transpose.NO, lower[i][j], Transpose.NO, backward[j], 1.0, o);
            }
            for (int r = 0; r < o.rows(); r++) {
                out.setFlat(offset[i] + r, o.getFlat(r));
            }
        }
    }

    /** In-place lower Cholesky of a row-major n×n array (the strict upper triangle is zeroed). */
    private static void choleskyInPlace(double[] a, int n, int globalOffset) {
        for (int j = 0; j < n; j++) {
            double d = a[j * n + j];
            for (int k = 0; k < j; k++) {
                d -= a[j * n + k] * a[j * n + k];
            }
            if (!(d > 0)) {
                throw new ArithmeticException("matrix is not positive definite (pivot " + d + " at row "
                        + (globalOffset + j) + ")");
            }
            double ljj = Math.sqrt(d);
            a[j * n + j] = ljj;
            for (int i = j + 1; i < n; i++) {
                double s = a[i * n + j];
                for (int k = 0; k < j; k++) {
                    s -= a[i * n + k] * a[j * n + k];
                }
                a[i * n + j] = s / ljj;
            }
            for (int k = j + 1; k < n; k++) {
                a[j * n + k] = 0.0;
            }
        }
    }

    /** @return the inverse of a lower-triangular row-major n×n matrix (lower triangular too) */
    private static double[] invertLower(double[] l, int n) {
        double[] x = new double[n * n];
        // solve L·x_c = e_c for each column c; x_c is zero above row c
        for (int c = 0; c < n; c++) {
            x[c * n + c] = 1.0 / l[c * n + c];
            for (int i = c + 1; i < n; i++) {
                double s = 0;
                for (int k = c; k < i; k++) {
                    s -= l[i * n + k] * x[k * n + c];
                }
                x[i * n + c] = s / l[i * n + i];
            }
        }
        return x;
    }
}
