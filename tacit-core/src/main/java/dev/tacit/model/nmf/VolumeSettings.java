package dev.tacit.model.nmf;

/**
 * Parameters of minimum- and maximum-volume NMF ({@link NmfSolver#MIN_VOLUME}, {@link MinVolumeRule};
 * {@link NmfSolver#MAX_VOLUME}, {@link MaxVolumeRule}), with the conventions of Gillis' {@code minvolNMF}
 * (nmfbook; Leplat, Ang &amp; Gillis, "Minimum-volume rank-deficient NMF", ICASSP 2019), for min-volume:
 *
 * <pre>
 *   F(W, H) = ½‖X − WH‖²_F + (λ'/2)·log det(HHᵀ + δI),    λ' = λ·max(10⁻⁶, ‖X − W₀H₀‖²_F) / |log det(H₀H₀ᵀ + δI)|
 * </pre>
 *
 * where (W₀, H₀) is the initialization: λ is <i>relative</i>, so that it balances the two terms whatever the
 * scale of X (minvolNMF's {@code options.lambda}; the effective weight λ' is reported as
 * {@link NmfFit#volumeWeight()}). Defaults: λ = {@value #DEFAULT_LAMBDA} (the value Qi &amp; van der Heijden's
 * time-budget code passes, {@code nmf_family.md} §0.1; nmfbook's own default is 0.1), δ =
 * {@value #DEFAULT_DELTA} (minvolNMF's default and MAV-NMF's volume measure), {@value #DEFAULT_INNER_ITERATIONS}
 * fast-gradient steps per factor and sweep (minvolNMF's {@code inneriter}). Max-volume uses the same λ' with
 * the opposite sign of the volume term ({@link MaxVolumeRule}).
 *
 * @param lambda λ ≥ 0, relative weight of the volume term (0: simplex-constrained NMF without volume term)
 * @param delta δ &gt; 0, keeps log det finite when H is rank deficient
 * @param innerIterations fast-gradient steps per factor in each sweep, ≥ 1
 */
public record VolumeSettings(double lambda, double delta, int innerIterations) {

    /** The λ of the review's time-budget code. */
    public static final double DEFAULT_LAMBDA = 0.01;
    /** minvolNMF's δ. */
    public static final double DEFAULT_DELTA = 0.1;
    /** minvolNMF's {@code inneriter}. */
    public static final int DEFAULT_INNER_ITERATIONS = 10;
    /** The defaults. */
    public static final VolumeSettings DEFAULT =
            new VolumeSettings(DEFAULT_LAMBDA, DEFAULT_DELTA, DEFAULT_INNER_ITERATIONS);

    /** Validates the parameters. */
    public VolumeSettings {
        if (!(lambda >= 0) || !Double.isFinite(lambda)) {
            throw new IllegalArgumentException("the volume weight lambda must be finite and >= 0, got " + lambda);
        }
        if (!(delta > 0) || !Double.isFinite(delta)) {
            throw new IllegalArgumentException("delta of log det(HH^T + delta I) must be finite and > 0, got " + delta);
        }
        if (innerIterations < 1) {
            throw new IllegalArgumentException("inner iterations must be >= 1, got " + innerIterations);
        }
    }

    /** @param l λ @return a copy with it */
    public VolumeSettings withLambda(double l) {
        return new VolumeSettings(l, delta, innerIterations);
    }

    /** @param d δ @return a copy with it */
    public VolumeSettings withDelta(double d) {
        return new VolumeSettings(lambda, d, innerIterations);
    }
}
