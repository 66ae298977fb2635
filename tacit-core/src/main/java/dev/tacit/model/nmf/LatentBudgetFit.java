package dev.tacit.model.nmf;

import dev.tacit.linalg.Matrix;

/**
 * A fitted latent budget model Π = A·B ({@link LatentBudgets#fit}), obtained from an NMF W·H by the
 * rescaling of Qi &amp; van der Heijden (arXiv:2512.22282; {@code nmf_family.md} §0.2):
 * D = diag(H·1), W' = W·D, B = D⁻¹·H, then A = diag(W'·1)⁻¹·W' (the final row normalisation is exact
 * in exact arithmetic when W·H reproduces the row profiles, and otherwise projects onto the LBA
 * constraint set; {@link #rowSumDeviation()} records how far it had to go).
 *
 * <p>For PLSA and LCA the joint parameterisation P(i, j) = Σ_k p_k P(i|k) P(j|k) is
 * P = U·diag(p)·B with p = {@link #componentWeights()} and U = {@link #jointRowFactor()}.
 *
 * @param model the model fitted
 * @param a mixing parameters A (n×K), nonnegative, rows sum to 1 (π_{k|i})
 * @param b latent budgets B (K×m), nonnegative, rows sum to 1 (π_{j|k})
 * @param rowMasses r_i = n_i+ / n_++ (sum to 1)
 * @param componentWeights p_k = Σ_i r_i a_ik, the "dimension proportions" of the authors' code (P(z) in PLSA/LCA)
 * @param objective the NMF core's final objective on the matrix it fitted (see {@link LatentBudgetModel})
 * @param iterations NMF sweeps
 * @param converged whether the NMF stopping rule fired
 * @param rowSumDeviation max_i |Σ_k w'_ik − t_i| / t_i before the row normalisation, t_i the row sum of the fitted matrix
 * @param nmf the underlying NMF fit (W, H on the fitted matrix)
 */
public record LatentBudgetFit(LatentBudgetModel model, Matrix a, Matrix b, double[] rowMasses,
                              double[] componentWeights, double objective, long iterations, boolean converged,
                              double rowSumDeviation, NmfFit nmf) {

    /** @return K */
    public int components() {
        return a.cols();
    }

    /** @return the fitted row profiles Π = A·B (n×m) */
    public Matrix profiles() {
        return a.times(b);
    }

    /**
     * The row factor of the symmetric (joint) parameterisation, u_ik = P(i|k) = r_i·a_ik / p_k, so that
     * Σ_k p_k u_ik b_kj = r_i (AB)_ij; columns sum to 1 (a column with p_k = 0 is left at 0).
     *
     * @return U (n×K)
     */
    public Matrix jointRowFactor() {
        Matrix u = Matrix.zeros(a.rows(), a.cols());
        for (int i = 0; i < a.rows(); i++) {
            for (int k = 0; k < a.cols(); k++) {
                double p = componentWeights[k];
                u.set(i, k, p > 0 ? rowMasses[i] * a.get(i, k) / p : 0.0);
            }
        }
        return u;
    }
}
