package dev.tacit.objective;

import dev.tacit.linalg.EntryPattern;
import dev.tacit.linalg.LinearOperand;
import dev.tacit.linalg.Matrix;
import dev.tacit.linalg.SparseMatrix;

/**
 * Mean squared error over observed entries, in the convention of the core's completion loss (mean
 * over the m observations, no ½):
 *
 * <pre>
 *   ℓ(ŷ) = (1/m) Σ_e (ŷ_e − y_e)²,      ∂ℓ/∂ŷ_e = (2/m)(ŷ_e − y_e)
 * </pre>
 *
 * where ŷ_e = W_{row(e), col(e)}. Used by models that predict entries directly
 * ({@link dev.tacit.model.EntryParameterization}); {@link #value(Matrix)} and
 * {@link #valueAndGradient(Matrix, LinearOperand)} serve models that form W.
 */
public final class EntryLoss implements EntryObjective {

    private final EntryPattern pattern;
    private final double[] targets;

    /**
     * @param pattern Ω
     * @param targets y_e, one per entry of Ω (copied), finite
     */
    public EntryLoss(EntryPattern pattern, double[] targets) {
        if (targets.length != pattern.size()) {
            throw new IllegalArgumentException(targets.length + " targets for " + pattern.size() + " entries");
        }
        if (targets.length == 0) {
            throw new IllegalArgumentException("no observed entries");
        }
        for (int e = 0; e < targets.length; e++) {
            if (!Double.isFinite(targets[e])) {
                throw new IllegalArgumentException("target " + e + " is not finite: " + targets[e]);
            }
        }
        this.pattern = pattern;
        this.targets = targets.clone();
    }

    @Override
    public EntryPattern pattern() {
        return pattern;
    }

    /** @return a copy of y */
    public double[] targets() {
        return targets.clone();
    }

    @Override
    public int rows() {
        return pattern.rows();
    }

    @Override
    public int cols() {
        return pattern.cols();
    }

    @Override
    public double value(double[] predictions) {
        double s = 0;
        for (int e = 0; e < targets.length; e++) {
            double r = predictions[e] - targets[e];
            s += r * r;
        }
        return s / targets.length;
    }

    @Override
    public double valueAndGradient(double[] predictions, double[] gradient) {
        double s = 0;
        double scale = 2.0 / targets.length;
        for (int e = 0; e < targets.length; e++) {
            double r = predictions[e] - targets[e];
            s += r * r;
            gradient[e] = scale * r;
        }
        return s / targets.length;
    }

    @Override
    public double value(Matrix w) {
        double s = 0;
        for (int e = 0; e < targets.length; e++) {
            double r = w.get(pattern.row(e), pattern.col(e)) - targets[e];
            s += r * r;
        }
        return s / targets.length;
    }

    /** The gradient holder is a dense matrix: entries may repeat, which a sparse pattern does not allow. */
    @Override
    public LinearOperand newGradient() {
        return Matrix.zeros(pattern.rows(), pattern.cols());
    }

    @Override
    public double valueAndGradient(Matrix w, LinearOperand gradient) {
        if (gradient instanceof SparseMatrix) {
            throw new IllegalArgumentException("EntryLoss takes the dense gradient of newGradient()");
        }
        Matrix g = (Matrix) gradient;
        g.fill(0.0);
        double s = 0;
        double scale = 2.0 / targets.length;
        for (int e = 0; e < targets.length; e++) {
            int u = pattern.row(e);
            int i = pattern.col(e);
            double r = w.get(u, i) - targets[e];
            s += r * r;
            g.set(u, i, g.get(u, i) + scale * r);
        }
        return s / targets.length;
    }
}
