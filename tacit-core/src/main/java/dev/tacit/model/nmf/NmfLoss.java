package dev.tacit.model.nmf;

/**
 * The data-fit term D(X‖WH) of NMF: the β-divergences of scikit-learn's {@code _beta_divergence}
 * (sklearn/decomposition/_nmf.py, 1.2), with its conventions for zeros:
 *
 * <pre>
 *   FROBENIUS         (β = 2):  ½ ‖X − WH‖²_F
 *   KULLBACK_LEIBLER  (β = 1):  Σ_{x_ij &gt; ε} x_ij log(x_ij / y_ij) − Σ_{x_ij &gt; ε} x_ij + Σ_ij (WH)_ij
 *   ITAKURA_SAITO     (β = 0):  Σ_{x_ij &gt; ε} (x_ij / y_ij − log(x_ij / y_ij)) − n·m
 * </pre>
 *
 * where y_ij = (WH)_ij, replaced by ε when it is exactly 0, and ε = {@link #EPSILON} (float32 machine
 * epsilon, sklearn's {@code EPSILON}). Entries with x_ij ≤ ε are left out of the sums (sklearn's
 * "0 ** (−1) = 0" rule), which is exact for KL and, for IS, is sklearn's behaviour; sklearn (and
 * {@link Nmf#fit}) refuse IS on data with zeros.
 */
public enum NmfLoss {
    /** β = 2, ½‖X − WH‖²_F. */
    FROBENIUS(2.0),
    /** β = 1, the generalized Kullback–Leibler divergence. */
    KULLBACK_LEIBLER(1.0),
    /** β = 0, the Itakura–Saito divergence. */
    ITAKURA_SAITO(0.0);

    /** sklearn's {@code EPSILON = np.finfo(np.float32).eps}. */
    public static final double EPSILON = Math.ulp(1.0f);

    private final double beta;

    NmfLoss(double beta) {
        this.beta = beta;
    }

    /** @return β of the β-divergence */
    public double beta() {
        return beta;
    }

    /**
     * The contribution of one entry, without the terms summed over all entries (for KL the
     * Σ(WH)_ij, for IS the −n·m), as in {@code _beta_divergence}.
     *
     * @param x x_ij
     * @param y (WH)_ij
     * @return the entry's term (Frobenius: ½(x − y)²; KL: x log(x/y) − x; IS: x/y − log(x/y))
     */
    double entryTerm(double x, double y) {
        if (this == FROBENIUS) {
            double r = x - y;
            return 0.5 * r * r;
        }
        if (!(x > EPSILON)) {
            return 0.0;
        }
        double div = x / (y == 0.0 ? EPSILON : y);
        return this == KULLBACK_LEIBLER ? x * Math.log(div) - x : div - Math.log(div);
    }
}
