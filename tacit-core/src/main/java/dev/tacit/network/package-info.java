/**
 * Small dense feed-forward networks trained by mini-batch Adam, for the network experiment of Hou, Sra,
 * Yurtsever (2025, arXiv 2501.16322, eq. 7; see ../shared/papers/udv_gauge_lifted.md §1.2–1.4).
 *
 * <p>A {@link dev.tacit.network.Network} is a sequence of {@link dev.tacit.network.Layer}s with an
 * {@link dev.tacit.network.Activation} after every layer but the last. Layers are either plain
 * {@link dev.tacit.network.DenseLayer}s ({@code x ↦ W·x + b}) or {@link dev.tacit.network.UdvLayer}s
 * ({@code x ↦ V·diag(w)·Uᵀx + b} with ‖U‖_F ≤ ρ, ‖V‖_F ≤ ρ, w ≥ 0, projected after every step). The
 * {@link dev.tacit.network.NetworkLoss} is softmax cross-entropy or squared error, averaged over the batch.
 * {@link dev.tacit.network.NetworkTrainer} runs seeded mini-batch {@link dev.tacit.optim.Adam}; the same
 * seed gives bit-identical networks. {@link dev.tacit.network.Truncation} replaces a layer's end-to-end
 * matrix by its best rank-r approximation without retraining.
 *
 * <p>Conventions: a mini-batch is an n×p matrix with one example per <em>row</em>, so a layer computes
 * {@code Y = X·Wᵀ + 1·bᵀ} on the batch. All matrices are {@link dev.tacit.linalg.Matrix#onHeap} matrices;
 * the products go through {@link dev.tacit.linalg.Matrix#multiply}.
 */
package dev.tacit.network;
