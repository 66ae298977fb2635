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
 *
 * <p>Beyond scikit-learn: minimum-volume NMF ({@link dev.tacit.model.nmf.NmfSolver#MIN_VOLUME},
 * {@link dev.tacit.model.nmf.MinVolumeRule}: rows of W on the simplex, ½‖X − WH‖² + (λ'/2)·log det(HHᵀ + δI),
 * Leplat, Ang &amp; Gillis 2019) with the SPA start ({@link dev.tacit.model.nmf.NmfInit#SPA}); sparse X
 * ({@link dev.tacit.model.nmf.Nmf#fit(dev.tacit.linalg.SparseMatrix, int, dev.tacit.model.nmf.NmfSettings)}):
 * the multiplicative updates with the Frobenius or KL loss on the stored entries only, X never densified and
 * WH never formed (for KL the ratio X/(WH) is computed at the stored entries, as sklearn's
 * {@code _special_sparse_dot}); the latent budget family ({@link dev.tacit.model.nmf.LatentBudgets}) and its
 * identifiability analysis ({@link dev.tacit.model.nmf.Identifiability}).
 */
package dev.tacit.model.nmf;
