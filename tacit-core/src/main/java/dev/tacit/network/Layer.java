package dev.tacit.network;

import dev.tacit.linalg.Matrix;
import java.util.List;

/**
 * One affine map of a network, applied to a mini-batch X (n×in, one example per row): {@code Y = X·Wᵀ + 1·bᵀ}
 * with the layer's end-to-end matrix W (out×in) and bias b.
 *
 * <p>Lifecycle of a training step: {@link #forward} (remembers its input), {@link #backward} (fills
 * {@link #gradients()} and returns ∂ℓ/∂X), an optimizer step on {@link #parameters()}, then {@link #project()}
 * to restore the layer's constraints. A layer is not thread-safe.
 */
public interface Layer {

    /** @return input width */
    int inputs();

    /** @return output width */
    int outputs();

    /**
     * @param x the batch, n×{@link #inputs()} (not modified; kept by reference until the next forward)
     * @return the outputs, n×{@link #outputs()}, a new matrix
     */
    Matrix forward(Matrix x);

    /**
     * Back-propagates through the last {@link #forward} call: overwrites {@link #gradients()} with ∂ℓ/∂θ.
     *
     * @param gradOutput ∂ℓ/∂Y, n×{@link #outputs()} (not modified)
     * @return ∂ℓ/∂X, n×{@link #inputs()}, a new matrix
     */
    Matrix backward(Matrix gradOutput);

    /** @return the trainable blocks, in a fixed order (live views: an optimizer updates them in place) */
    List<Matrix> parameters();

    /** @return the gradient blocks, same order and shapes as {@link #parameters()} */
    List<Matrix> gradients();

    /** Projects the parameters back onto the layer's feasible set (a no-op when unconstrained). Modifies this. */
    void project();

    /** @return the end-to-end matrix W (out×in), a new matrix */
    Matrix endToEnd();

    /** @return the bias b as an out×1 matrix, a new matrix */
    Matrix bias();

    /** @return the number of trainable scalars */
    int parameterCount();

    /** @return an independent deep copy */
    Layer copy();
}
