package dev.tacit.optim;

import dev.tacit.linalg.Matrix;
import dev.tacit.linalg.UpdateKernels;
import java.util.ArrayList;
import java.util.List;

/**
 * Adam (Kingma &amp; Ba, ICLR 2015, Algorithm 1), per entry:
 *
 * <pre>
 *   m ← β₁m + (1 − β₁)g,  v ← β₂v + (1 − β₂)g²,  t ← t + 1
 *   θ ← θ − η · (m / (1 − β₁^t)) / (√(v / (1 − β₂^t)) + ε)
 * </pre>
 *
 * Defaults β₁ = 0.9, β₂ = 0.999, ε = 1e-8 (PyTorch's).
 */
public final class Adam implements Optimizer {

    /** Default β₁. */
    public static final double DEFAULT_BETA1 = 0.9;
    /** Default β₂. */
    public static final double DEFAULT_BETA2 = 0.999;
    /** Default ε. */
    public static final double DEFAULT_EPSILON = 1e-8;

    private final double learningRate;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final List<double[]> first = new ArrayList<>();
    private final List<double[]> second = new ArrayList<>();
    private long t;
    private double p1 = 1.0;
    private double p2 = 1.0;

    /** @param learningRate η &gt; 0 with default β₁, β₂, ε */
    public Adam(double learningRate) {
        this(learningRate, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPSILON);
    }

    /**
     * @param learningRate η &gt; 0
     * @param beta1 β₁ in [0, 1)
     * @param beta2 β₂ in [0, 1)
     * @param epsilon ε &gt; 0
     */
    public Adam(double learningRate, double beta1, double beta2, double epsilon) {
        this.learningRate = LearningRates.check(learningRate);
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("betas must be in [0, 1), got " + beta1 + ", " + beta2);
        }
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("epsilon must be positive, got " + epsilon);
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    @Override
    public void init(List<Matrix> parameters) {
        first.clear();
        second.clear();
        for (Matrix p : parameters) {
            first.add(new double[p.size()]);
            second.add(new double[p.size()]);
        }
        t = 0;
        p1 = 1.0;
        p2 = 1.0;
    }

    @Override
    public void step(List<Matrix> parameters, List<Matrix> gradients) {
        if (first.size() != parameters.size()) {
            init(parameters);
        }
        t++;
        p1 *= beta1;
        p2 *= beta2;
        double c1 = 1 - p1;
        double c2 = 1 - p2;
        for (int j = 0; j < parameters.size(); j++) {
            Matrix p = parameters.get(j);
            Matrix g = gradients.get(j);
            UpdateKernels.adam(p, g, first.get(j), second.get(j), beta1, beta2, learningRate, c1, c2, epsilon);
        }
    }

    @Override
    public void reset() {
        for (double[] a : first) {
            java.util.Arrays.fill(a, 0);
        }
        for (double[] a : second) {
            java.util.Arrays.fill(a, 0);
        }
        t = 0;
        p1 = 1.0;
        p2 = 1.0;
    }

    @Override
    public double lastStepSize() {
        return learningRate;
    }

    @Override
    public Adam copy() {
        return new Adam(learningRate, beta1, beta2, epsilon);
    }

    @Override
    public OptimizerKind kind() {
        return OptimizerKind.ADAM;
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public String toString() {
        return "Adam(lr=" + learningRate + ", beta1=" + beta1 + ", beta2=" + beta2 + ", eps=" + epsilon + ")";
    }
}
