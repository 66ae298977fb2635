package dev.tacit.model;

import dev.tacit.linalg.EntryPattern;
import dev.tacit.linalg.Matrix;
import java.util.List;

/**
 * A parameterization that can predict and back-propagate on a set of entries Ω without forming its
 * n₁×n₂ end-to-end matrix: the form every model of ratings data takes (users × items is too large to
 * hold densely, and the loss only reads Ω).
 *
 * <p>Lifecycle within one training step: {@link #predict(EntryPattern, double[])} (caches what the
 * backward pass needs for that pattern), {@link #backward(EntryPattern, double[], List)} with
 * ∂ℓ/∂ŷ_e for the same pattern, then the update rule changes {@link #factors()} and calls
 * {@link #afterUpdate()}. {@link #endToEnd()} is still available for small problems and diagnostics.
 */
public interface EntryParameterization extends Parameterization {

    /**
     * Writes the predictions ŷ_e = W(θ)_{row(e), col(e)}.
     *
     * @param pattern entries over {@link #rows()}×{@link #cols()}
     * @param out length m (modified)
     */
    void predict(EntryPattern pattern, double[] out);

    /**
     * Chain rule from the entries: ∂ℓ/∂θ = Σ_e (∂ℓ/∂ŷ_e)·∂ŷ_e/∂θ.
     *
     * @param pattern the entries of the last {@link #predict} call
     * @param dLdPrediction ∂ℓ/∂ŷ_e, length m (not modified)
     * @param gradients buffers from {@link #newGradientBuffers()} (overwritten)
     */
    void backward(EntryPattern pattern, double[] dLdPrediction, List<Matrix> gradients);
}
