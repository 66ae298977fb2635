package dev.tacit.model.udv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.data.EntrySample;
import dev.tacit.data.LowRankGenerator;
import dev.tacit.linalg.EntryPattern;
import dev.tacit.linalg.Matrix;
import dev.tacit.model.EntryParameterization;
import dev.tacit.objective.EntryLoss;
import dev.tacit.optim.GradientDescent;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link GaugeSteps}: projected GD at radius c·α₀ with the gauge-covariant steps, started from the gauge image
 * (c·U, d/c²[, c·V]) of a start at radius α₀, follows the image of the α₀ trajectory step for step, so the
 * end-to-end matrices agree; with one uniform step they do not.
 */
class GaugeStepsTest {

    private static final double ALPHA0 = 1.5;
    private static final int STEPS = 300;

    /** A seeded rank-2 completion problem: its pattern and loss. */
    private record Problem(EntryPattern pattern, EntryLoss loss) {

        static Problem of(int rows, int cols, long seed) {
            SplittableRandom rng = new SplittableRandom(seed);
            Matrix x = LowRankGenerator.gaussian(rows, 2, rng).times(LowRankGenerator.gaussian(2, cols, rng));
            x.scale(Math.sqrt((double) rows * cols) / x.frobeniusNorm());
            EntrySample s = EntrySample.sampleUniform(x, rows * cols / 3, rng);
            EntryPattern pattern = EntryPattern.of(rows, cols, s.rowIndices(), s.colIndices());
            return new Problem(pattern, new EntryLoss(pattern, s.values()));
        }
    }

    /** Runs {@value #STEPS} steps of projected GD and returns the end-to-end matrix. */
    private static Matrix run(EntryParameterization p, Problem pr, GradientDescent gd) {
        EntryPattern pattern = pr.pattern();
        EntryLoss loss = pr.loss();
        int steps = STEPS;
        double[] pred = new double[pattern.size()];
        double[] g = new double[pattern.size()];
        List<Matrix> grads = p.newGradientBuffers();
        gd.init(p.factors());
        for (int t = 0; t < steps; t++) {
            p.predict(pattern, pred);
            loss.valueAndGradient(pred, g);
            p.backward(pattern, g, grads);
            gd.step(p.factors(), grads);
            p.afterUpdate();
        }
        return p.endToEnd().copy();
    }

    private static Matrix scaled(Matrix m, double c) {
        Matrix out = m.copy();
        out.scale(c);
        return out;
    }

    private static double relativeDistance(Matrix a, Matrix b) {
        return a.minus(b).frobeniusNorm() / b.frobeniusNorm();
    }

    @Test
    void uduTrajectoryIsTheGaugeImageAtEveryRadius() {
        int n = 20;
        int k = 5;
        Problem pr = Problem.of(n, n, 7);
        SplittableRandom rng = new SplittableRandom(11);
        Matrix u0 = Projections.gaussianOfNorm(n, k, 1.2, rng);
        Matrix d0 = Projections.ones(k);
        double eta = 0.05;
        Matrix reference = run(Udu.of(u0, d0, ALPHA0), pr, new GradientDescent(eta));
        boolean ballBinds = false;
        for (double alpha : new double[] {1.0, 4.5, 10.0}) {
            double c = alpha / ALPHA0;
            Udu p = Udu.of(scaled(u0, c), scaled(d0, 1 / (c * c)), alpha);
            Matrix w = run(p, pr, GradientDescent.blockwise(eta, GaugeSteps.udu(alpha, ALPHA0)));
            assertEquals(0.0, relativeDistance(w, reference), 1e-10, "radius " + alpha);
            ballBinds |= Math.abs(p.u().frobeniusNorm() - alpha) < 1e-9 * alpha;
            Udu uniform = Udu.of(scaled(u0, c), scaled(d0, 1 / (c * c)), alpha);
            Matrix wu = run(uniform, pr, new GradientDescent(eta));
            assertTrue(!wu.isFinite() || relativeDistance(wu, reference) > 1e-3, "uniform steps are not covariant");
        }
        assertTrue(ballBinds, "the test must exercise the projection onto the ball");
    }

    @Test
    void udvTrajectoryIsTheGaugeImageAtEveryRadius() {
        int rows = 15;
        int cols = 12;
        int k = 4;
        Problem pr = Problem.of(rows, cols, 3);
        SplittableRandom rng = new SplittableRandom(5);
        Matrix u0 = Projections.gaussianOfNorm(rows, k, 1.2, rng);
        Matrix v0 = Projections.gaussianOfNorm(cols, k, 1.2, rng);
        Matrix d0 = Projections.ones(k);
        double eta = 0.05;
        Matrix reference = run(Udv.of(u0, d0, v0, ALPHA0), pr, new GradientDescent(eta));
        for (double alpha : new double[] {1.0, 10.0}) {
            double c = alpha / ALPHA0;
            Udv p = Udv.of(scaled(u0, c), scaled(d0, 1 / (c * c)), scaled(v0, c), alpha);
            Matrix w = run(p, pr, GradientDescent.blockwise(eta, GaugeSteps.udv(alpha, ALPHA0)));
            assertEquals(0.0, relativeDistance(w, reference), 1e-10, "radius " + alpha);
        }
    }

    @Test
    void multipliersAreOneAtTheReferenceAndValidated() {
        assertArrayEquals(new double[] {1, 1}, GaugeSteps.udu(ALPHA0, ALPHA0), 0);
        assertArrayEquals(new double[] {4, 1.0 / 16, 4}, GaugeSteps.udv(2 * ALPHA0, ALPHA0), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> GaugeSteps.udu(0, ALPHA0));
        assertThrows(IllegalArgumentException.class, () -> GaugeSteps.udv(1, Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> GradientDescent.blockwise(0.1));
        assertThrows(IllegalArgumentException.class, () -> GradientDescent.blockwise(0.1, 1, -1));
    }
}
