package dev.tacit.fit;

import dev.tacit.linalg.LinearOperand;
import dev.tacit.linalg.Matrix;
import dev.tacit.model.Parameterization;
import dev.tacit.objective.Objective;
import dev.tacit.optim.Optimizer;
import java.util.List;

/**
 * A first-order step: D = ∇ℓ(W) from the objective, ∂ℓ/∂θ by the parameterization's chain rule,
 * then the optimizer's update and the parameterization's constraints. Allocates nothing per step.
 */
public final class GradientStep implements UpdateRule {

    private final Optimizer optimizer;
    private LinearOperand endToEndGradient;
    private List<Matrix> gradients;

    /** @param optimizer the optimizer (its settings; state is created per run) */
    public GradientStep(Optimizer optimizer) {
        this.optimizer = optimizer.copy();
    }

    /** @return the optimizer */
    public Optimizer optimizer() {
        return optimizer;
    }

    @Override
    public void init(Parameterization parameterization, Objective objective) {
        if (objective.rows() != parameterization.rows() || objective.cols() != parameterization.cols()) {
            throw new IllegalArgumentException("objective is " + objective.rows() + "x" + objective.cols()
                    + " but the parameterization is " + parameterization.rows() + "x" + parameterization.cols());
        }
        endToEndGradient = objective.newGradient();
        gradients = parameterization.newGradientBuffers();
        optimizer.init(parameterization.factors());
    }

    @Override
    public double evaluate(Parameterization parameterization, Objective objective) {
        Matrix w = parameterization.endToEnd();
        double loss = objective.valueAndGradient(w, endToEndGradient);
        if (Double.isFinite(loss)) {
            parameterization.backward(endToEndGradient, gradients);
        }
        return loss;
    }

    @Override
    public void update(Parameterization parameterization, Objective objective) {
        optimizer.step(parameterization.factors(), gradients);
        parameterization.afterUpdate();
    }

    /** @return the parameter gradients of the last evaluation (read only) */
    public List<Matrix> gradients() {
        return gradients;
    }

    @Override
    public double lastStepSize() {
        return optimizer.lastStepSize();
    }

    @Override
    public GradientStep copy() {
        return new GradientStep(optimizer);
    }

    @Override
    public String toString() {
        return "GradientStep(" + optimizer + ")";
    }
}
