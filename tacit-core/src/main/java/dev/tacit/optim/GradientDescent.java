package dev.tacit.optim;

import dev.tacit.linalg.Matrix;
import java.util.List;

/** Plain gradient descent, {@code θ ← θ − η·∂ℓ/∂θ}. Stateless. */
public final class GradientDescent implements Optimizer {

    private final double learningRate;

    /** @param learningRate η &gt; 0 */
    public GradientDescent(double learningRate) {
        this.learningRate = LearningRates.check(learningRate);
    }

    @Override
    public void init(List<Matrix> parameters) {
        // stateless
    }

    @Override
    public void step(List<Matrix> parameters, List<Matrix> gradients) {
        for (int j = 0; j < parameters.size(); j++) {
            parameters.get(j).addScaled(-learningRate, gradients.get(j));
        }
    }

    @Override
    public void reset() {
        // stateless
    }

    @Override
    public double lastStepSize() {
        return learningRate;
    }

    @Override
    public GradientDescent copy() {
        return new GradientDescent(learningRate);
    }

    @Override
    public OptimizerKind kind() {
        return OptimizerKind.GD;
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public String toString() {
        return "GradientDescent(lr=" + learningRate + ")";
    }
}
