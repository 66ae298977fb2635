package dev.tacit.optim;

import dev.tacit.linalg.Matrix;
import java.util.Arrays;
import java.util.List;

/**
 * Plain gradient descent, {@code θ_j ← θ_j − η·s_j·∂ℓ/∂θ_j}. Stateless.
 *
 * <p>The per-factor multipliers s_j are 1 unless given with {@link #blockwise}: block-wise steps for
 * parameterizations whose factors live on different scales (for example the gauge-covariant steps of
 * {@code dev.tacit.model.udv.GaugeSteps}).
 */
public final class GradientDescent implements Optimizer {

    private final double learningRate;
    private final double[] multipliers; // null: every factor takes the step η

    /** @param learningRate η &gt; 0 */
    public GradientDescent(double learningRate) {
        this(learningRate, null);
    }

    private GradientDescent(double learningRate, double[] multipliers) {
        this.learningRate = LearningRates.check(learningRate);
        this.multipliers = multipliers;
    }

    /**
     * Gradient descent with step {@code η·s_j} on factor j.
     *
     * @param learningRate η &gt; 0
     * @param multipliers s_j &gt; 0 and finite, one per factor (copied)
     * @return the optimizer
     */
    public static GradientDescent blockwise(double learningRate, double... multipliers) {
        if (multipliers.length == 0) {
            throw new IllegalArgumentException("blockwise gradient descent needs one multiplier per factor, got none");
        }
        for (double s : multipliers) {
            if (!(s > 0) || !Double.isFinite(s)) {
                throw new IllegalArgumentException("step multipliers must be positive and finite, got "
                        + Arrays.toString(multipliers));
            }
        }
        return new GradientDescent(learningRate, multipliers.clone());
    }

    @Override
    public void init(List<Matrix> parameters) {
        if (multipliers != null && multipliers.length != parameters.size()) {
            throw new IllegalArgumentException(multipliers.length + " step multipliers for " + parameters.size()
                    + " factors");
        }
    }

    @Override
    public void step(List<Matrix> parameters, List<Matrix> gradients) {
        for (int j = 0; j < parameters.size(); j++) {
            double s = multipliers == null ? 1.0 : multipliers[j];
            parameters.get(j).addScaled(-learningRate * s, gradients.get(j));
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
        return new GradientDescent(learningRate, multipliers);
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
        return multipliers == null ? "GradientDescent(lr=" + learningRate + ")"
                : "GradientDescent(lr=" + learningRate + ", multipliers=" + Arrays.toString(multipliers) + ")";
    }
}
