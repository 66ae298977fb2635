/**
 * Nonnegative matrix factorization X ≈ W·H (W n×k ≥ 0, H k×m ≥ 0) on the core's
 * {@link dev.tacit.fit.UpdateRule}/{@link dev.tacit.fit.Trainer}, with scikit-learn's conventions
 * ({@code sklearn.decomposition.NMF}, version 1.2) as the golden reference: the β-divergence objectives
 * of {@code _beta_divergence} ({@link dev.tacit.model.nmf.NmfLoss}), the penalty scaling of
 * {@code _compute_regularization} ({@link dev.tacit.model.nmf.NmfPenalty}), the initializations of
 * {@code _initialize_nmf} ({@link dev.tacit.model.nmf.NmfInit}), the solvers {@code solver="mu"}
 * ({@link dev.tacit.model.nmf.MultiplicativeUpdateRule}) and {@code solver="cd"}
 * ({@link dev.tacit.model.nmf.HalsRule}) and their stopping rules
 * ({@link dev.tacit.model.nmf.NmfStopping}). Entry point: {@link dev.tacit.model.nmf.Nmf#fit}.
 */
package dev.tacit.model.nmf;
