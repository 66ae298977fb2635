package dev.tacit.experiments;

/** Whether {@code tacit factor} adds the identifiability (feasible range) analysis. */
public enum RangeAnalysis {
    /** Fit only. */
    NONE,
    /** Fit, then the inner and outer extreme solutions and the uniqueness verdict. */
    IDENTIFIABILITY
}
