package dev.tacit.objective;

import dev.tacit.linalg.LinearOperand;
import dev.tacit.linalg.Matrix;

/**
 * A differentiable loss ℓ(W) of the end-to-end matrix W (n₁×n₂). It knows the data, not the model.
 *
 * <p>Lifecycle: {@link #newGradient()} once, then {@link #valueAndGradient(Matrix, LinearOperand)} every
 * step with the same gradient object, which is overwritten (so training allocates nothing per step).
 */
public interface Objective {

    /** @return n₁, the rows of W */
    int rows();

    /** @return n₂, the columns of W */
    int cols();

    /** @param w the end-to-end matrix (not modified) @return ℓ(W) */
    double value(Matrix w);

    /**
     * @return a gradient holder of the right kind: a {@link dev.tacit.linalg.SparseMatrix} with the
     *     observed pattern for completion, a dense {@link Matrix} otherwise
     */
    LinearOperand newGradient();

    /**
     * Computes ℓ(W) and writes ∇ℓ(W) into {@code gradient}.
     *
     * @param w the end-to-end matrix (not modified)
     * @param gradient a holder from {@link #newGradient()} (modified)
     * @return ℓ(W)
     */
    double valueAndGradient(Matrix w, LinearOperand gradient);
}
