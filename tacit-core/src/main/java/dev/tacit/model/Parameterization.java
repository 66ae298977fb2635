package dev.tacit.model;

import dev.tacit.linalg.LinearOperand;
import dev.tacit.linalg.Matrix;
import java.util.List;

/**
 * Factors θ that produce an end-to-end matrix W(θ) of shape n₁×n₂, with back-propagation of a
 * gradient ∂ℓ/∂W to the factors and the family's constraints.
 *
 * <p>Lifecycle within one training step: {@link #endToEnd()} (computes and caches W and whatever the
 * backward pass needs), {@link #backward(LinearOperand, List)}, then the update rule changes
 * {@link #factors()} in place and calls {@link #afterUpdate()} (which invalidates caches and applies
 * constraints such as projections).
 */
public interface Parameterization {

    /** @return n₁ */
    int rows();

    /** @return n₂ */
    int cols();

    /**
     * @return W(θ), computed if the factors changed since the last call. The returned matrix is owned
     *     by the parameterization and must not be modified; it is overwritten by the next computation.
     */
    Matrix endToEnd();

    /**
     * Chain rule: writes ∂ℓ/∂θ_j for every factor into {@code gradients} (one matrix per factor, shaped
     * like it, from {@link #newGradientBuffers()}).
     *
     * @param dLdW the gradient with respect to W at the current θ (not modified)
     * @param gradients output buffers (modified)
     */
    void backward(LinearOperand dLdW, List<Matrix> gradients);

    /** @return the factors, live: update rules modify them in place, then call {@link #afterUpdate()} */
    List<Matrix> factors();

    /** @return zero matrices shaped like {@link #factors()} */
    List<Matrix> newGradientBuffers();

    /** Invalidates cached products and applies the family's constraints after the factors changed. */
    void afterUpdate();

    /** @return a deep copy with independent factors */
    Parameterization copy();
}
