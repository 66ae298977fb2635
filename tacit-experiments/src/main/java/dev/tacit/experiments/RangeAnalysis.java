package dev.tacit.experiments;

/** Whether {@code tacit factor} adds the identifiability (feasible range) analysis. */
public enum RangeAnalysis {
    /** Fit only. */
    NONE,
    /** Fit, then the inner and outer extreme solutions and the uniqueness verdict. */
    EXTREMES,
    /**
     * {@link #EXTREMES}, next to the minimum- and maximum-volume latent budget fits (LBA least squares by
     * {@link dev.tacit.model.nmf.NmfSolver#MIN_VOLUME}, the review's {@code minvolNMF} run, and by
     * {@link dev.tacit.model.nmf.NmfSolver#MAX_VOLUME}, MAV-NMF's counterpart) and the log det(BBᵀ + 0.1 I) of
     * all of them.
     */
    IDENTIFIABILITY
}
