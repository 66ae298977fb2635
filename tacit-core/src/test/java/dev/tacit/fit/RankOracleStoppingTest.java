package dev.tacit.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.data.Seeds;
import dev.tacit.linalg.LinearOperand;
import dev.tacit.linalg.Matrix;
import dev.tacit.linalg.SvdMode;
import dev.tacit.model.deep.DeepProduct;
import dev.tacit.model.deep.Init;
import dev.tacit.objective.Objective;
import dev.tacit.optim.GradientDescent;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RankOracleStoppingTest {

    /** ½‖W − X‖²_F. */
    private record Full(Matrix x) implements Objective {
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
            return 0.5 * w.minus(x).frobeniusNormSquared();
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
    }

    /** 10×10 with σ = 1, 0.5, 0.1, 0.05, ... */
    private static Matrix target() {
        int n = 10;
        SplittableRandom rng = new SplittableRandom(11);
        Matrix g1 = Matrix.zeros(n, n);
        Matrix g2 = Matrix.zeros(n, n);
        for (int k = 0; k < n * n; k++) {
            g1.setFlat(k, rng.nextGaussian());
            g2.setFlat(k, rng.nextGaussian());
        }
        Matrix p = g1.svd(SvdMode.THIN).u().copy();
        Matrix q = g2.svd(SvdMode.THIN).u().copy();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = j == 0 ? 1.0 : j == 1 ? 0.5 : 0.1 * Math.pow(0.5, j - 2);
                p.set(i, j, p.get(i, j) * s);
            }
        }
        return p.times(q.transpose());
    }

    private static DeepProduct model(int n, double alpha) {
        // entries of U and V ~ N(0, α²): the Gaussian init draws std √scale/√n for n×n layers
        return DeepProduct.initialize(n, n, new int[] {n}, Init.GAUSSIAN, alpha * alpha * n,
                Seeds.stream(3, Seeds.Stream.INITIALIZATION));
    }

    @Test
    void bestRankApproximationIsTheTruncatedSvd() {
        Matrix x = target();
        Matrix x1 = RankOracleStopping.bestRankApproximation(x, 1);
        double[] s = x1.singularValues();
        assertEquals(1.0, s[0], 1e-12);
        assertEquals(0.0, s[1], 1e-12);
        Matrix x2 = RankOracleStopping.bestRankApproximation(x, 2);
        double tail = 0;
        double[] sx = x.singularValues();
        for (int i = 2; i < sx.length; i++) {
            tail += sx[i] * sx[i];
        }
        assertEquals(Math.sqrt(tail), x.minus(x2).frobeniusNorm(), 1e-12);
        assertEquals(Math.sqrt(tail) / x2.frobeniusNorm(), new RankOracleStopping(x2, 0, "d").distance(x), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> RankOracleStopping.bestRankApproximation(x, 0));
        assertThrows(IllegalArgumentException.class, () -> RankOracleStopping.bestRankApproximation(x, 11));
    }

    @Test
    void findsAndRestoresTheIterateClosestToTheRankOneApproximation() {
        Matrix x = target();
        RankOracleStopping rule = RankOracleStopping.forRank(x, 1, 0);
        DeepProduct p = model(10, 1e-3);
        FitResult fit = Trainer.builder().maxIterations(1500).tolerance(0).logEvery(1).diagnostic(rule)
                .listener(rule).build().fit(p, new Full(x), new GradientStep(new GradientDescent(0.2)));
        assertEquals(StopReason.MAX_ITERATIONS, fit.stopReason()); // patience 0 never stops
        double best = rule.bestDistance();
        long at = rule.bestIteration();
        // GD passes close to X_1 (σ_2/σ_1 = 1/2), then goes on to fit X (distance ‖X − X_1‖/‖X_1‖ ≈ 0.51)
        assertTrue(best < 0.05, "best distance " + best);
        assertTrue(at > 0 && at < 1500, "best iteration " + at);
        assertTrue(rule.lastDistance() > 0.4, "final distance " + rule.lastDistance());
        double[] col = fit.history().column("dist_r1");
        double min = Double.POSITIVE_INFINITY;
        for (double d : col) {
            min = Math.min(min, d);
        }
        assertEquals(best, min, 0.0);
        assertEquals(best, col[(int) at], 0.0);
        rule.restoreBest(p);
        assertEquals(best, rule.distance(p.endToEnd()), 1e-15);
    }

    @Test
    void smallerInitGetsCloser() {
        Matrix x = target();
        double[] best = new double[2];
        double[] alphas = {1e-2, 1e-5};
        for (int i = 0; i < 2; i++) {
            RankOracleStopping rule = RankOracleStopping.forRank(x, 2, 0);
            Trainer.builder().maxIterations(1500).tolerance(0).logEvery(1).listener(rule).build()
                    .fit(model(10, alphas[i]), new Full(x), new GradientStep(new GradientDescent(0.2)));
            best[i] = rule.bestDistance();
        }
        assertTrue(best[1] < best[0] / 5, best[0] + " then " + best[1]);
    }

    @Test
    void patienceStopsTheRunAfterTheMinimum() {
        Matrix x = target();
        RankOracleStopping rule = RankOracleStopping.forRank(x, 1, 5);
        DeepProduct p = model(10, 1e-3);
        FitResult fit = Trainer.builder().maxIterations(5000).tolerance(0).logEvery(10).listener(rule).build()
                .fit(p, new Full(x), new GradientStep(new GradientDescent(0.2)));
        assertEquals(StopReason.LISTENER, fit.stopReason());
        assertEquals(rule.bestIteration() + 50, fit.iterations());
        assertTrue(rule.bestDistance() < 0.05, "best " + rule.bestDistance());
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> new RankOracleStopping(Matrix.zeros(3, 3), 0, "d"));
        assertThrows(IllegalArgumentException.class, () -> new RankOracleStopping(Matrix.identity(3), -1, "d"));
        RankOracleStopping r = new RankOracleStopping(Matrix.identity(3), 0, "d");
        assertThrows(IllegalArgumentException.class, () -> r.distance(Matrix.zeros(2, 3)));
        DeepProduct p = model(3, 0.1);
        Matrix before = p.endToEnd().copy();
        r.restoreBest(p); // nothing logged: no-op
        assertEquals(0.0, before.minus(p.endToEnd()).frobeniusNorm(), 0.0);
    }
}
