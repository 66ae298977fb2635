package dev.tacit.experiments;

import dev.tacit.linalg.LinearOperand;
import dev.tacit.linalg.Matrix;
import dev.tacit.objective.Objective;

/** Full observation: ℓ(W) = ½‖W − X‖²_F, ∇ℓ(W) = W − X (Jiang, Chen, Ding 2023's model-free objective). */
final class HalfFrobeniusLoss implements Objective {

    private final Matrix x;

    /** @param x the data X (copied) */
    HalfFrobeniusLoss(Matrix x) {
        this.x = x.copy();
    }

    @Override
    public int rows() {
        return x.rows();
    }

    @Override
    public int cols() {
        return x.cols();
    }

    @Override
    public double value(Matrix w) {
        double s = 0;
        for (int k = 0; k < x.size(); k++) {
            double d = w.getFlat(k) - x.getFlat(k);
            s += d * d;
        }
        return 0.5 * s;
    }

    @Override
    public LinearOperand newGradient() {
        return Matrix.zeros(x.rows(), x.cols());
    }

    @Override
    public double valueAndGradient(Matrix w, LinearOperand gradient) {
        Matrix g = (Matrix) gradient;
        g.copyFrom(w);
        g.addScaled(-1.0, x);
        return 0.5 * g.frobeniusNormSquared();
    }

    @Override
    public String toString() {
        return "HalfFrobeniusLoss(" + x.rows() + "x" + x.cols() + ")";
    }
}
