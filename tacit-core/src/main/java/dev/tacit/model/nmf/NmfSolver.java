package dev.tacit.model.nmf;

/** The NMF solvers, by scikit-learn's {@code solver} names. */
public enum NmfSolver {
    /** {@code solver="cd"}: coordinate descent / HALS ({@link HalsRule}), Frobenius loss only; sklearn's default. */
    COORDINATE_DESCENT,
    /** {@code solver="mu"}: multiplicative updates ({@link MultiplicativeUpdateRule}), every {@link NmfLoss}. */
    MULTIPLICATIVE_UPDATE
}
