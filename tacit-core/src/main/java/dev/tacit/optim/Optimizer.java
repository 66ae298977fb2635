package dev.tacit.optim;

import dev.tacit.linalg.Matrix;
import java.util.List;

/**
 * Updates parameters from their gradients.
 *
 * <p>Lifecycle: {@link #init(List)} once with the parameters (allocates state shaped like them), then
 * {@link #step(List, List)} every iteration, {@link #reset()} to return to the freshly initialized state.
 * {@link #copy()} returns an optimizer with the same settings and no state.
 */
public interface Optimizer {

    /** Allocates state for these parameters. */
    void init(List<Matrix> parameters);

    /**
     * One update of every parameter in place.
     *
     * @param parameters modified
     * @param gradients ∂ℓ/∂θ, same shapes (not modified)
     */
    void step(List<Matrix> parameters, List<Matrix> gradients);

    /** Forgets all state (moments, step counter). */
    void reset();

    /** @return the effective global step size of the last step (the learning rate for plain GD) */
    double lastStepSize();

    /** @return same settings, fresh state */
    Optimizer copy();

    /** @return the kind of optimizer */
    OptimizerKind kind();

    /** @return the base learning rate */
    double learningRate();
}
