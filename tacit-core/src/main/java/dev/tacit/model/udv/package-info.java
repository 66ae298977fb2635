/**
 * Constrained diagonal factorizations (Hou, Sra, Yurtsever 2025, arXiv 2501.16322): {@link dev.tacit.model.udv.Udv}
 * (W = U·diag(d)·Vᵀ) and {@link dev.tacit.model.udv.Udu} (W = U·diag(d)·Uᵀ), with U and V kept in Frobenius balls
 * of radius α and d ≥ 0. The constraints are applied as a Euclidean projection after every update
 * ({@link dev.tacit.model.Parameterization#afterUpdate()}), so any optimizer becomes its projected variant:
 * {@code U ← U·min(1, α/‖U‖_F)}, {@code V ← V·min(1, α/‖V‖_F)}, {@code d ← max(d, 0)} (U and V are projected
 * independently; the product of the two balls and the orthant is a product set, so this is the exact projection
 * onto the feasible set).
 *
 * <p>Choices where the paper is silent (see ../shared/papers/udv_gauge_lifted.md §1): simultaneous (Jacobi)
 * updates of all factors; the init draws U (and V) with i.i.d. Gaussian entries rescaled to Frobenius norm exactly
 * the init scale ξ (the paper's "initial distance") and sets d₀ = 1 (the paper's D₀ = I); the radius α and the
 * width k are arguments.
 */
package dev.tacit.model.udv;
