package dev.tacit.baseline;

import dev.tacit.linalg.Matrix;

/**
 * The outcome of a {@link NuclearNormMinimization} solve.
 *
 * @param solution the final iterate X (the output of the singular value thresholding step, in the units
 *     of the observations), n₁×n₂
 * @param iterations number of ADMM iterations performed
 * @param converged whether the stopping rule held (primal and dual residuals and the constraint violation
 *     below their tolerances, see {@link NuclearNormMinimization}) before the iteration budget ran out
 * @param maxConstraintViolation {@code max_k (|r_k| − δ)₊} at {@code solution}, where r_k = X_ij − y_ij
 *     (completion) or ⟨A_k, X⟩ − y_k (sensing): the largest amount by which a constraint is exceeded, 0 if
 *     X is feasible
 * @param nuclearNorm ‖solution‖_* = Σσ_i(X)
 * @param seconds wall time of the whole solve (setup, such as the factorization for sensing, included)
 */
public record NuclearNormResult(Matrix solution, int iterations, boolean converged, double maxConstraintViolation,
                                double nuclearNorm, double seconds) {
}
