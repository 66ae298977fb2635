package dev.tacit.model.nmf;

/** The NMF solvers: scikit-learn's two ({@code solver} names) and minimum-volume NMF. */
public enum NmfSolver {
    /** {@code solver="cd"}: coordinate descent / HALS ({@link HalsRule}), Frobenius loss only; sklearn's default. */
    COORDINATE_DESCENT,
    /** {@code solver="mu"}: multiplicative updates ({@link MultiplicativeUpdateRule}), every {@link NmfLoss}. */
    MULTIPLICATIVE_UPDATE,
    /**
     * Minimum-volume NMF ({@link MinVolumeRule}; Gillis' {@code minvolNMF}, not in sklearn): rows of W on the
     * unit simplex, penalty (λ'/2)·log det(HHᵀ + δI) with {@link NmfSettings#minVolume()}; Frobenius loss
     * only, no elastic-net penalty. Best started from {@link NmfInit#SPA}.
     */
    MIN_VOLUME
}
