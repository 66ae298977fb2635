package dev.tacit.linalg;

/** What a singular value decomposition computes. */
public enum SvdMode {
    /** Singular values only. */
    VALUES,
    /** Singular values and the thin factors U (m×k) and Vᵀ (k×n), k = min(m, n). */
    THIN
}
