package dev.tacit.experiments;

/** Whether {@code tacit factor} adds the identifiability (feasible range) analysis. */
public enum RangeAnalysis {
    /** Fit only. */
    NONE,
    /**
     * Fit, then the inner and outer extreme solutions and the uniqueness verdict, next to a minimum-volume
     * latent budget fit (LBA least squares by {@link dev.tacit.model.nmf.NmfSolver#MIN_VOLUME}, the review's
     * {@code minvolNMF} run) and the log det(BBᵀ + 0.1 I) of all of them.
     */
    IDENTIFIABILITY
}
