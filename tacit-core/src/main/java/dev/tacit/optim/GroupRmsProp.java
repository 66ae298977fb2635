package dev.tacit.optim;

import dev.tacit.linalg.Matrix;
import java.util.List;

/**
 * GroupRMSprop, exactly as in the official code of Arora et al. 2019 ({@code opt.py}; also
 * {@code group_rmsprop_optimizer.py} of Razin &amp; Cohen 2020): gradient descent whose single global
 * step size adapts to the total gradient norm.
 *
 * <pre>
 *   v ← β·v + (1 − β)·Σ_j ‖g_j‖²_F            (one scalar for all parameters), t ← t + 1
 *   η_t = η / ( √(v / (1 − β^t)) + ε )
 *   θ_j ← θ_j − η_t·g_j                       for every parameter j
 * </pre>
 *
 * Defaults: β = 0.99, ε = 1e-4 (the value {@code main.py} passes; the class default there is 1e-6).
 */
public final class GroupRmsProp implements Optimizer {

    /** β of the paper's code. */
    public static final double DEFAULT_BETA = 0.99;
    /** ε of the paper's {@code main.py}. */
    public static final double DEFAULT_EPSILON = 1e-4;

    private final double learningRate;
    private final double beta;
    private final double epsilon;
    private double v;
    private long t;
    private double betaPower = 1.0;
    private double last;

    /** @param learningRate η &gt; 0, with the default β and ε */
    public GroupRmsProp(double learningRate) {
        this(learningRate, DEFAULT_BETA, DEFAULT_EPSILON);
    }

    /**
     * @param learningRate η &gt; 0
     * @param beta β in [0, 1)
     * @param epsilon ε &gt; 0 and finite (with ε = 0 a zero gradient, e.g. at a stationary point, gives the step
     *     η/0 = ∞ and NaN parameters)
     */
    public GroupRmsProp(double learningRate, double beta, double epsilon) {
        this.learningRate = LearningRates.check(learningRate);
        if (!(beta >= 0 && beta < 1)) {
            throw new IllegalArgumentException("beta must be in [0, 1), got " + beta);
        }
        if (!(epsilon > 0) || !Double.isFinite(epsilon)) {
            throw new IllegalArgumentException("epsilon must be positive and finite, got " + epsilon);
        }
        this.beta = beta;
        this.epsilon = epsilon;
    }

    @Override
    public void init(List<Matrix> parameters) {
        reset();
    }

    @Override
    public void step(List<Matrix> parameters, List<Matrix> gradients) {
        double total = 0;
        for (Matrix g : gradients) {
            total += g.frobeniusNormSquared();
        }
        v = beta * v + (1 - beta) * total;
        t++;
        betaPower *= beta;
        double stepSize = learningRate / (Math.sqrt(v / (1 - betaPower)) + epsilon);
        last = stepSize;
        for (int j = 0; j < parameters.size(); j++) {
            parameters.get(j).addScaled(-stepSize, gradients.get(j));
        }
    }

    @Override
    public void reset() {
        v = 0;
        t = 0;
        betaPower = 1.0;
        last = 0;
    }

    @Override
    public double lastStepSize() {
        return last;
    }

    @Override
    public GroupRmsProp copy() {
        return new GroupRmsProp(learningRate, beta, epsilon);
    }

    @Override
    public OptimizerKind kind() {
        return OptimizerKind.GROUP_RMSPROP;
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public String toString() {
        return "GroupRmsProp(lr=" + learningRate + ", beta=" + beta + ", eps=" + epsilon + ")";
    }
}
