package dev.tacit.model.nmf;

/** The NMF solvers: scikit-learn's two ({@code solver} names) and minimum-volume NMF. */
public enum NmfSolver {
    /** {@code solver="cd"}: coordinate descent / HALS ({@link HalsRule}), Frobenius loss only; sklearn's default. */
    COORDINATE_DESCENT,
    /** {@code solver="mu"}: multiplicative updates ({@link MultiplicativeUpdateRule}), every {@link NmfLoss}. */
    MULTIPLICATIVE_UPDATE,
    /**
     * Minimum-volume NMF ({@link MinVolumeRule}; Gillis' {@code minvolNMF}, not in sklearn): rows of W on the
     * unit simplex, penalty (λ'/2)·log det(HHᵀ + δI) with {@link NmfSettings#volume()}; Frobenius loss
     * only, no elastic-net penalty. Best started from {@link NmfInit#SPA}.
     */
    MIN_VOLUME,
    /**
     * Maximum-volume NMF ({@link MaxVolumeRule}; after Qi &amp; van der Heijden's MAV-NMF): rows of H on the
     * unit simplex, penalty −(λ'/2)·log det(HHᵀ + δI); Frobenius loss only, no elastic-net penalty. With
     * {@link #MIN_VOLUME} it brackets the volumes of the (near-)exact factorizations: a small gap means a
     * (numerically) unique factorization.
     */
    MAX_VOLUME
}
