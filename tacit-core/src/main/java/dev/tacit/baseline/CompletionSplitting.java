package dev.tacit.baseline;

import dev.tacit.data.EntrySample;
import dev.tacit.linalg.Matrix;

/**
 * Completion: {@code C = {Z : |Z_ij − y_ij| ≤ δ, (i,j) ∈ Ω}}. The projection is closed form: observed
 * entries of X + U are clipped to [y − δ, y + δ], unobserved entries are free (copied).
 */
final class CompletionSplitting extends Splitting {

    private final int[] flat;
    private final double[] lower;
    private final double[] upper;
    private Matrix z;
    private Matrix next;
    private final Matrix u;
    private final Matrix diff;

    /**
     * @param sample the observations
     * @param scale divide y and δ by this (normalization)
     * @param delta δ in the units of y
     */
    CompletionSplitting(EntrySample sample, double scale, double delta) {
        int n1 = sample.rows();
        int n2 = sample.cols();
        int m = sample.size();
        flat = new int[m];
        lower = new double[m];
        upper = new double[m];
        z = Matrix.zeros(n1, n2);
        for (int k = 0; k < m; k++) {
            flat[k] = sample.row(k) * n2 + sample.col(k);
            double y = sample.value(k) / scale;
            lower[k] = y - delta / scale;
            upper[k] = y + delta / scale;
            z.setFlat(flat[k], y);
        }
        next = Matrix.zeros(n1, n2);
        u = Matrix.zeros(n1, n2);
        diff = Matrix.zeros(n1, n2);
    }

    @Override
    int dimension() {
        return z.size();
    }

    @Override
    Matrix z() {
        return z;
    }

    @Override
    Matrix dual() {
        return u;
    }

    @Override
    void update(Matrix x, double alpha) {
        // relaxed X̂ = αX⁺ + (1 − α)Z, kept in diff
        diff.copyFrom(x);
        diff.scale(alpha);
        diff.addScaled(1.0 - alpha, z);
        // Z⁺ = Π_C(X̂ + U)
        next.copyFrom(diff);
        next.addScaled(1.0, u);
        for (int k = 0; k < flat.length; k++) {
            double v = next.getFlat(flat[k]);
            if (v < lower[k]) {
                next.setFlat(flat[k], lower[k]);
            } else if (v > upper[k]) {
                next.setFlat(flat[k], upper[k]);
            }
        }
        // U⁺ = U + X̂ − Z⁺
        u.addScaled(1.0, diff);
        u.addScaled(-1.0, next);
        diff.copyFrom(next);
        diff.addScaled(-1.0, z);
        changeSq = diff.frobeniusNormSquared();
        // r = X⁺ − Z⁺
        diff.copyFrom(x);
        diff.addScaled(-1.0, next);
        primalResidualSq = diff.frobeniusNormSquared();
        Matrix t = z;
        z = next;
        next = t;
        firstBlockSq = x.frobeniusNormSquared();
        secondBlockSq = z.frobeniusNormSquared();
        dualSq = u.frobeniusNormSquared();
    }

    @Override
    void scaleDuals(double factor) {
        u.scale(factor);
    }

    @Override
    void restore(Matrix x) {
        for (int k = 0; k < flat.length; k++) {
            double v = x.getFlat(flat[k]);
            x.setFlat(flat[k], Math.min(upper[k], Math.max(lower[k], v)));
        }
    }

    @Override
    double maxViolation(Matrix x) {
        double worst = 0;
        for (int k = 0; k < flat.length; k++) {
            double v = x.getFlat(flat[k]);
            worst = Math.max(worst, Math.max(lower[k] - v, v - upper[k]));
        }
        return worst;
    }
}
