package dev.tacit.model.factored;

import java.util.Arrays;

/**
 * Cholesky factorization S = L·Lᵀ of a small symmetric positive definite k×k matrix held row-major in
 * a heap array, and the solve S·x = b by forward then backward substitution (Golub &amp; Van Loan,
 * Matrix Computations, §4.2). Used for the k×k normal equations of alternating least squares,
 * k ≲ a few hundred: k³/6 multiply-adds to factor, k² per solve. Plain loops, no allocation.
 */
final class DenseCholesky {

    private DenseCholesky() {
    }

    /**
     * Overwrites the lower triangle of {@code a} with L (the strict upper triangle is left as it was).
     *
     * @param a k×k row-major, symmetric positive definite (modified)
     * @param k order
     * @throws ArithmeticException if a pivot is not positive
     */
    static void factor(double[] a, int k) {
        for (int j = 0; j < k; j++) {
            int rj = j * k;
            double d = a[rj + j];
            for (int t = 0; t < j; t++) {
                d -= a[rj + t] * a[rj + t];
            }
            if (!(d > 0)) {
                throw new ArithmeticException("matrix is not positive definite (pivot " + d + " at row " + j + ")");
            }
            double ljj = Math.sqrt(d);
            a[rj + j] = ljj;
            for (int i = j + 1; i < k; i++) {
                int ri = i * k;
                double s = a[ri + j];
                for (int t = 0; t < j; t++) {
                    s -= a[ri + t] * a[rj + t];
                }
                a[ri + j] = s / ljj;
            }
        }
    }

    /**
     * Solves L·Lᵀ·x = b in place.
     *
     * @param l the factor from {@link #factor} (lower triangle read)
     * @param k order
     * @param b right-hand side at b[offset .. offset+k), overwritten with x
     * @param offset start of b
     */
    static void solve(double[] l, int k, double[] b, int offset) {
        for (int i = 0; i < k; i++) {
            int ri = i * k;
            double s = b[offset + i];
            for (int t = 0; t < i; t++) {
                s -= l[ri + t] * b[offset + t];
            }
            b[offset + i] = s / l[ri + i];
        }
        for (int i = k - 1; i >= 0; i--) {
            double s = b[offset + i];
            for (int t = i + 1; t < k; t++) {
                s -= l[t * k + i] * b[offset + t];
            }
            b[offset + i] = s / l[i * k + i];
        }
    }

    /**
     * @param l the factor from {@link #factor}
     * @param k order
     * @return S⁻¹ = L⁻ᵀ·L⁻¹, row-major k×k (symmetric), by k solves against the unit vectors
     */
    static double[] inverse(double[] l, int k) {
        double[] inv = new double[k * k];
        double[] column = new double[k];
        for (int c = 0; c < k; c++) {
            Arrays.fill(column, 0.0);
            column[c] = 1.0;
            solve(l, k, column, 0);
            for (int r = 0; r < k; r++) {
                inv[r * k + c] = column[r];
            }
        }
        return inv;
    }
}
