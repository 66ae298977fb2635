package dev.tacit.model.udv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.data.EntrySample;
import dev.tacit.data.LowRankGenerator;
import dev.tacit.fit.FitResult;
import dev.tacit.fit.GradientStep;
import dev.tacit.fit.Trainer;
import dev.tacit.linalg.Matrix;
import dev.tacit.model.Parameterization;
import dev.tacit.objective.CompletionLoss;
import dev.tacit.optim.Adam;
import dev.tacit.optim.GradientDescent;
import dev.tacit.optim.GroupRmsProp;
import dev.tacit.optim.Optimizer;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Property tests of the projection in afterUpdate, with every optimizer, and argument validation. */
class UdvProjectionTest {

    private static final double SLACK = 1 + 1e-12;

    private static void assertFeasible(Matrix u, Matrix d, Matrix v, double radius, String what) {
        assertTrue(u.frobeniusNorm() <= radius * SLACK, what + ": ‖U‖ = " + u.frobeniusNorm());
        if (v != null) {
            assertTrue(v.frobeniusNorm() <= radius * SLACK, what + ": ‖V‖ = " + v.frobeniusNorm());
        }
        for (int c = 0; c < d.size(); c++) {
            assertTrue(d.getFlat(c) >= 0, what + ": d_" + c + " = " + d.getFlat(c));
        }
    }

    @Test
    void constraintsHoldAfterEveryUpdateForEveryOptimizer() {
        SplittableRandom rng = new SplittableRandom(11);
        Matrix truth = LowRankGenerator.generate(8, 7, 2, rng);
        truth.scale(10);
        EntrySample s = EntrySample.sampleUniform(truth, 30, rng);
        EntrySample sym = EntrySample.sampleUniform(truth.times(truth.transpose()), 30, rng);
        for (Optimizer opt : List.of(new GradientDescent(0.5), new Adam(0.3), new GroupRmsProp(0.3))) {
            double radius = 0.7;
            Udv p = Udv.initialize(8, 7, 5, radius, 0.5, new SplittableRandom(1));
            Udu q = Udu.initialize(8, 5, radius, 0.5, new SplittableRandom(1));
            CompletionLoss loss = new CompletionLoss(s);
            CompletionLoss symLoss = new CompletionLoss(sym);
            GradientStep a = new GradientStep(opt);
            GradientStep b = new GradientStep(opt);
            a.init(p, loss);
            b.init(q, symLoss);
            boolean clipped = false;
            for (int t = 0; t < 40; t++) {
                a.evaluate(p, loss);
                a.update(p, loss);
                b.evaluate(q, symLoss);
                b.update(q, symLoss);
                assertFeasible(p.u(), p.d(), p.v(), radius, opt + " udv step " + t);
                assertFeasible(q.u(), q.d(), null, radius, opt + " udu step " + t);
                clipped |= p.u().frobeniusNorm() > radius * (1 - 1e-9);
            }
            assertTrue(clipped, opt + ": the ball was never active; the test does not exercise the projection");
        }
    }

    @Test
    void trainerRunKeepsTheConstraints() {
        SplittableRandom rng = new SplittableRandom(12);
        Matrix truth = LowRankGenerator.generate(8, 8, 2, rng);
        EntrySample s = EntrySample.sampleUniform(truth, 40, rng);
        Udu q = Udu.initialize(8, 4, 2.0, 1e-2, rng);
        FitResult r = Trainer.builder().maxIterations(300).tolerance(0).build()
                .fit(q, new CompletionLoss(s), new GradientStep(new Adam(1e-2)));
        assertTrue(Double.isFinite(r.trainLoss()));
        assertFeasible(q.u(), q.d(), null, 2.0, "after fit");
    }

    @Test
    void aPointInsideTheFeasibleSetIsUnchanged() {
        SplittableRandom rng = new SplittableRandom(13);
        Udv p = Udv.initialize(6, 5, 3, 5.0, 2.0, rng);
        p.d().setFlat(1, 0.0); // boundary of the orthant counts as inside
        double[] u = p.u().toArray();
        double[] d = p.d().toArray();
        double[] v = p.v().toArray();
        p.afterUpdate();
        assertArrayEquals(u, p.u().toArray(), 0.0);
        assertArrayEquals(d, p.d().toArray(), 0.0);
        assertArrayEquals(v, p.v().toArray(), 0.0);
        Udu q = Udu.initialize(6, 3, 5.0, 5.0, rng); // exactly on the sphere
        double[] qu = q.u().toArray();
        q.afterUpdate();
        assertArrayEquals(qu, q.u().toArray(), 0.0);
    }

    @Test
    void pointsOutsideAreProjected() {
        Matrix u = Matrix.of(new double[][] {{3, 0}, {0, 4}}); // ‖U‖_F = 5
        Matrix d = Matrix.of(new double[][] {{-1}, {2}});
        Matrix v = Matrix.of(new double[][] {{1, 0}, {0, 1}, {0, 0}}); // ‖V‖_F = √2 < 2
        Udv p = Udv.of(u, d, v, 2.0);
        assertEquals(2.0, p.u().frobeniusNorm(), 1e-12);
        assertEquals(1.2, p.u().get(0, 0), 1e-12);
        assertEquals(1.6, p.u().get(1, 1), 1e-12);
        assertArrayEquals(new double[] {0, 2}, p.d().toArray(), 0.0);
        assertArrayEquals(v.toArray(), p.v().toArray(), 0.0);
        Udu q = Udu.initialize(10, 3, 1e-3, 1.0, new SplittableRandom(1)); // init scale above the radius
        assertEquals(1e-3, q.u().frobeniusNorm(), 1e-15);
        // projection onto a ball is the nearest point: for any feasible y, ‖x − P(x)‖ ≤ ‖x − y‖
        Matrix x = Matrix.of(new double[][] {{3, 1}, {-2, 4}});
        Matrix px = x.copy();
        Projections.frobeniusBall(px, 1.0);
        SplittableRandom rng = new SplittableRandom(2);
        for (int t = 0; t < 100; t++) {
            Matrix y = Matrix.of(new double[][] {{rng.nextGaussian(), rng.nextGaussian()},
                    {rng.nextGaussian(), rng.nextGaussian()}});
            Projections.frobeniusBall(y, 1.0);
            assertTrue(x.minus(px).frobeniusNorm() <= x.minus(y).frobeniusNorm() + 1e-12);
        }
    }

    @Test
    void initIsSeededAndHasTheRequestedScale() {
        Udv a = Udv.initialize(7, 6, 4, 10.0, 0.3, new SplittableRandom(5));
        Udv b = Udv.initialize(7, 6, 4, 10.0, 0.3, new SplittableRandom(5));
        assertArrayEquals(a.u().toArray(), b.u().toArray(), 0.0);
        assertArrayEquals(a.v().toArray(), b.v().toArray(), 0.0);
        assertEquals(0.3, a.u().frobeniusNorm(), 1e-14);
        assertEquals(0.3, a.v().frobeniusNorm(), 1e-14);
        assertArrayEquals(new double[] {1, 1, 1, 1}, a.d().toArray(), 0.0);
        Udu plain = Udu.plain(7, 4, 0.3, new SplittableRandom(5));
        Udu udu = Udu.initialize(7, 4, 10.0, 0.3, new SplittableRandom(5));
        assertArrayEquals(plain.u().toArray(), udu.u().toArray(), 0.0);
        assertArrayEquals(plain.endToEnd().toArray(), udu.endToEnd().toArray(), 1e-15);
        Parameterization c = a.copy();
        c.factors().get(0).setFlat(0, 99);
        assertTrue(a.u().getFlat(0) != 99);
    }

    @Test
    void badArgumentsAreRejected() {
        SplittableRandom rng = new SplittableRandom(1);
        assertThrows(IllegalArgumentException.class, () -> Udv.initialize(5, 5, 2, 0.0, 1.0, rng));
        assertThrows(IllegalArgumentException.class, () -> Udv.initialize(5, 5, 2, -1.0, 1.0, rng));
        assertThrows(IllegalArgumentException.class, () -> Udv.initialize(5, 5, 2, Double.NaN, 1.0, rng));
        assertThrows(IllegalArgumentException.class, () -> Udv.initialize(5, 5, 0, 1.0, 1.0, rng));
        assertThrows(IllegalArgumentException.class, () -> Udv.initialize(5, 5, 2, 1.0, 0.0, rng));
        assertThrows(IllegalArgumentException.class, () -> Udv.initialize(0, 5, 2, 1.0, 1.0, rng));
        assertThrows(IllegalArgumentException.class, () -> Udu.initialize(5, 2, 0.0, 1.0, rng));
        assertThrows(IllegalArgumentException.class, () -> Udu.initialize(5, 0, 1.0, 1.0, rng));
        assertThrows(IllegalArgumentException.class, () -> Udu.initialize(5, 2, 1.0, -1.0, rng));
        assertThrows(IllegalArgumentException.class, () -> Udu.plain(5, 0, 1.0, rng));
        assertThrows(IllegalArgumentException.class,
                () -> Udv.of(Matrix.zeros(3, 2), Matrix.zeros(3, 1), Matrix.zeros(4, 2), 1.0));
        assertThrows(IllegalArgumentException.class, () -> Udu.of(Matrix.zeros(3, 2), Matrix.zeros(2, 1), -2.0));
    }
}
