package dev.tacit.model.nmf;

import dev.tacit.linalg.Matrix;

/**
 * Small dense helpers shared by the NMF rules: row-major copies in and out of {@link Matrix}, and
 * scikit-learn's coordinate-descent sweep {@code _update_cdnmf_fast} (sklearn/decomposition/
 * _cdnmf_fast.pyx).
 */
final class FactorSweeps {

    private FactorSweeps() {
    }

    /** Writes the row-major values into m (same size). */
    static void store(double[] values, Matrix m) {
        for (int e = 0; e < values.length; e++) {
            m.setFlat(e, values[e]);
        }
    }

    /** @return the r×c row-major array a transposed (c×r) */
    static double[] transpose(double[] a, int r, int c) {
        double[] t = new double[a.length];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                t[j * r + i] = a[i * c + j];
            }
        }
        return t;
    }

    /**
     * One cyclic coordinate-descent pass over W (n×k, row-major, modified), sklearn's
     * {@code _update_cdnmf_fast} with {@code permutation = arange(k)}: for t = 0 … k−1, for i = 0 … n−1,
     *
     * <pre>
     *   g = Σ_r HHt[t][r]·W[i][r] − XHt[i][t]
     *   pg = W[i][t] == 0 ? min(0, g) : g;  violation += |pg|
     *   if HHt[t][t] ≠ 0:  W[i][t] = max(W[i][t] − g / HHt[t][t], 0)
     * </pre>
     *
     * @param w W, n×k row-major (modified)
     * @param n rows
     * @param k columns
     * @param hht HHᵀ + l2·I, k×k row-major
     * @param xht XHᵀ − l1, n×k row-major
     * @return the violation Σ|pg|
     */
    static double coordinateSweep(double[] w, int n, int k, double[] hht, double[] xht) {
        double violation = 0;
        for (int t = 0; t < k; t++) {
            double hess = hht[t * k + t];
            int ht = t * k;
            for (int i = 0; i < n; i++) {
                int wi = i * k;
                double grad = -xht[wi + t];
                for (int r = 0; r < k; r++) {
                    grad += hht[ht + r] * w[wi + r];
                }
                double current = w[wi + t];
                double pg = current == 0.0 ? Math.min(0.0, grad) : grad;
                violation += Math.abs(pg);
                if (hess != 0.0) {
                    w[wi + t] = Math.max(current - grad / hess, 0.0);
                }
            }
        }
        return violation;
    }

    /**
     * The Frobenius objective from k×k and n×k products (sklearn's sparse-input formula in
     * {@code _beta_divergence}): ½(‖X‖² − 2⟨W, XHᵀ⟩ + ⟨WᵀW, HHᵀ⟩).
     */
    static double frobenius(double xNormSquared, Matrix w, Matrix xht, Matrix wtw, Matrix hht) {
        return 0.5 * (xNormSquared - 2.0 * w.dot(xht) + wtw.dot(hht));
    }

    /**
     * As {@link #frobenius} with ⟨W, XHᵀ⟩ = ⟨XᵀW, Hᵀ⟩ taken from Xᵀ·W (m×k) and H (k×m):
     * ½(‖X‖² − 2 Σ_{j,t} (XᵀW)_{jt} H_{tj} + ⟨WᵀW, HHᵀ⟩).
     */
    static double frobeniusFromTransposed(double xNormSquared, Matrix h, Matrix xtw, Matrix wtw, Matrix hht) {
        int k = h.rows();
        int m = h.cols();
        double[] ha = h.toArray();
        double[] xa = xtw.toArray();
        double cross = 0;
        for (int j = 0; j < m; j++) {
            for (int t = 0; t < k; t++) {
                cross += xa[j * k + t] * ha[t * m + j];
            }
        }
        return 0.5 * (xNormSquared - 2.0 * cross + wtw.dot(hht));
    }
}
