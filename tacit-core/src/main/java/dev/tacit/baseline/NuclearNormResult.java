package dev.tacit.baseline;

import dev.tacit.linalg.Matrix;

/**
 * The outcome of a {@link NuclearNormMinimization} solve.
 *
 * @param solution the minimizer found, n₁×n₂, in the units of the observations: the last ADMM iterate X
 *     (a singular value thresholding output) after the least-norm feasibility correction described in
 *     {@link NuclearNormMinimization}
 * @param iterations number of ADMM iterations performed
 * @param converged whether the stopping rule (relative primal and dual residuals below the convergence
 *     tolerance, see {@link NuclearNormMinimization}) held before the iteration budget ran out
 * @param maxConstraintViolation {@code max_k (|r_k| − δ)₊} at {@code solution}, where r_k = X_ij − y_ij
 *     (completion) or ⟨A_k, X⟩ − y_k (sensing): the largest amount by which a constraint is exceeded, 0 if
 *     X is feasible (up to rounding, it is 0 for completion and about 1e-15·|y| for sensing with
 *     m ≤ n₁n₂)
 * @param nuclearNorm ‖solution‖_* = Σσ_i(X), computed from the returned matrix
 * @param seconds wall time of the whole solve (setup, such as the factorization for sensing, included)
 */
public record NuclearNormResult(Matrix solution, int iterations, boolean converged, double maxConstraintViolation,
                                double nuclearNorm, double seconds) {
}
