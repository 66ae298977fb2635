package dev.tacit.diagnostics;

/** Functions of a spectrum σ₁ ≥ σ₂ ≥ … ≥ 0. */
public final class Spectra {

    private Spectra() {
    }

    /**
     * Effective rank of Roy &amp; Vetterli (2007): {@code exp(H(p))} with {@code p_i = σ_i/Σσ} and
     * {@code H(p) = −Σ_{p_i>0} p_i log p_i}. Equals r for r equal non-zero singular values; 0 for W = 0.
     *
     * @param sigma singular values
     * @return the effective rank
     */
    public static double effectiveRank(double[] sigma) {
        double total = nuclearNorm(sigma);
        if (!(total > 0)) {
            return 0.0;
        }
        double h = 0;
        for (double s : sigma) {
            if (s > 0) {
                double p = s / total;
                h -= p * Math.log(p);
            }
        }
        return Math.exp(h);
    }

    /** @return the nuclear norm Σσ_i */
    public static double nuclearNorm(double[] sigma) {
        double s = 0;
        for (double v : sigma) {
            s += v;
        }
        return s;
    }

    /**
     * {@code Σ σ_i^p}: the Schatten-p quasi-norm raised to the power p. With p = 2/N this is the quantity
     * Arora et al.'s code logs as "Schatten norm" for a depth-N factorization.
     *
     * @param sigma singular values
     * @param p exponent &gt; 0
     * @return Σσ^p
     */
    public static double schattenPower(double[] sigma, double p) {
        double s = 0;
        for (double v : sigma) {
            if (v > 0) {
                s += Math.pow(v, p);
            }
        }
        return s;
    }

    /**
     * @param sigma singular values, non-increasing
     * @param relativeTolerance count σ_i &gt; relativeTolerance·σ₁
     * @return the numerical rank
     */
    public static int numericalRank(double[] sigma, double relativeTolerance) {
        if (sigma.length == 0 || !(sigma[0] > 0)) {
            return 0;
        }
        int r = 0;
        for (double v : sigma) {
            if (v > relativeTolerance * sigma[0]) {
                r++;
            }
        }
        return r;
    }
}
