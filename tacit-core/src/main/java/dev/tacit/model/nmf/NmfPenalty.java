package dev.tacit.model.nmf;

/**
 * Elastic-net penalties on W and H with scikit-learn's parameters ({@code NMF(alpha_W, alpha_H,
 * l1_ratio)}) and its scaling since 1.2 ({@code NMF._compute_regularization}): for X of n rows
 * (n_samples) and m columns (n_features),
 *
 * <pre>
 *   l1_W = m·α_W·ρ     l2_W = m·α_W·(1 − ρ)
 *   l1_H = n·α_H·ρ     l2_H = n·α_H·(1 − ρ)
 *   penalty(W, H) = l1_W Σ|W| + ½ l2_W ‖W‖²_F + l1_H Σ|H| + ½ l2_H ‖H‖²_F
 * </pre>
 *
 * (ρ = l1_ratio), added to the {@link NmfLoss} term to give the objective that both solvers decrease.
 * The defaults are sklearn's: α_W = α_H = 0, ρ = 0.
 *
 * @param alphaW α_W ≥ 0
 * @param alphaH α_H ≥ 0 (sklearn's {@code alpha_H="same"} is {@link #of(double, double)} with α_H = α_W)
 * @param l1Ratio ρ ∈ [0, 1]
 */
public record NmfPenalty(double alphaW, double alphaH, double l1Ratio) {

    /** No penalty (sklearn's defaults). */
    public static final NmfPenalty NONE = new NmfPenalty(0.0, 0.0, 0.0);

    /** Validates the parameters. */
    public NmfPenalty {
        if (!(alphaW >= 0) || !Double.isFinite(alphaW)) {
            throw new IllegalArgumentException("alpha_W must be non-negative and finite, got " + alphaW);
        }
        if (!(alphaH >= 0) || !Double.isFinite(alphaH)) {
            throw new IllegalArgumentException("alpha_H must be non-negative and finite, got " + alphaH);
        }
        if (!(l1Ratio >= 0 && l1Ratio <= 1)) {
            throw new IllegalArgumentException("l1_ratio must be in [0, 1], got " + l1Ratio);
        }
    }

    /**
     * sklearn's {@code alpha_H="same"}.
     *
     * @param alpha α_W = α_H
     * @param l1Ratio ρ
     * @return the penalty
     */
    public static NmfPenalty of(double alpha, double l1Ratio) {
        return new NmfPenalty(alpha, alpha, l1Ratio);
    }

    /** @param n rows of X @param m columns of X @return l1_W = m·α_W·ρ */
    public double l1W(int n, int m) {
        return m * alphaW * l1Ratio;
    }

    /** @param n rows of X @param m columns of X @return l2_W = m·α_W·(1 − ρ) */
    public double l2W(int n, int m) {
        return m * alphaW * (1.0 - l1Ratio);
    }

    /** @param n rows of X @param m columns of X @return l1_H = n·α_H·ρ */
    public double l1H(int n, int m) {
        return n * alphaH * l1Ratio;
    }

    /** @param n rows of X @param m columns of X @return l2_H = n·α_H·(1 − ρ) */
    public double l2H(int n, int m) {
        return n * alphaH * (1.0 - l1Ratio);
    }
}
