package dev.tacit.model.udv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tacit.data.EntrySample;
import dev.tacit.data.LinearMeasurements;
import dev.tacit.data.LowRankGenerator;
import dev.tacit.linalg.LinearOperand;
import dev.tacit.linalg.Matrix;
import dev.tacit.model.Parameterization;
import dev.tacit.objective.CompletionLoss;
import dev.tacit.objective.Objective;
import dev.tacit.objective.SensingLoss;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Finite-difference checks of the chain rules of {@link Udv} and {@link Udu} through both core objectives, at
 * points strictly inside the feasible set (so that the projection in afterUpdate is the identity).
 */
class UdvGradientTest {

    private static double loss(Parameterization p, Objective o) {
        p.afterUpdate();
        return o.value(p.endToEnd());
    }

    static void check(Parameterization p, Objective o) {
        LinearOperand g = o.newGradient();
        o.valueAndGradient(p.endToEnd(), g);
        List<Matrix> grads = p.newGradientBuffers();
        p.backward(g, grads);
        double h = 1e-6;
        SplittableRandom rng = new SplittableRandom(3);
        for (int j = 0; j < p.factors().size(); j++) {
            Matrix f = p.factors().get(j);
            for (int trial = 0; trial < Math.min(12, f.size()); trial++) {
                int k = f.size() <= 12 ? trial : rng.nextInt(f.size());
                double orig = f.getFlat(k);
                f.setFlat(k, orig + h);
                double plus = loss(p, o);
                f.setFlat(k, orig - h);
                double minus = loss(p, o);
                f.setFlat(k, orig);
                p.afterUpdate();
                double fd = (plus - minus) / (2 * h);
                double an = grads.get(j).getFlat(k);
                assertEquals(fd, an, 1e-6 * Math.max(1.0, Math.abs(fd)), "factor " + j + " entry " + k);
            }
        }
    }

    /** d away from 0 so that ±h never clips. */
    static void spreadD(Matrix d, SplittableRandom rng) {
        for (int c = 0; c < d.size(); c++) {
            d.setFlat(c, 0.5 + rng.nextDouble());
        }
    }

    @Test
    void udvCompletion() {
        SplittableRandom rng = new SplittableRandom(1);
        Matrix truth = LowRankGenerator.generate(6, 5, 2, rng);
        EntrySample s = EntrySample.sampleUniform(truth, 14, rng);
        Udv p = Udv.initialize(6, 5, 4, 10.0, 1.5, rng);
        spreadD(p.d(), rng);
        p.afterUpdate();
        check(p, new CompletionLoss(s));
    }

    @Test
    void udvSensing() {
        SplittableRandom rng = new SplittableRandom(2);
        Matrix truth = LowRankGenerator.generate(5, 4, 2, rng);
        LinearMeasurements m = LinearMeasurements.gaussian(truth, 9, rng);
        Udv p = Udv.initialize(5, 4, 3, 10.0, 1.5, rng);
        spreadD(p.d(), rng);
        p.afterUpdate();
        check(p, new SensingLoss(m));
    }

    @Test
    void uduCompletion() {
        SplittableRandom rng = new SplittableRandom(3);
        Matrix truth = LowRankGenerator.generate(6, 6, 2, rng);
        EntrySample s = EntrySample.sampleUniform(truth, 15, rng); // Ω not symmetric: G is not symmetric
        Udu p = Udu.initialize(6, 4, 10.0, 1.5, rng);
        spreadD(p.d(), rng);
        p.afterUpdate();
        check(p, new CompletionLoss(s));
    }

    @Test
    void uduSensing() {
        SplittableRandom rng = new SplittableRandom(4);
        Matrix truth = LowRankGenerator.generate(5, 5, 2, rng);
        LinearMeasurements m = LinearMeasurements.gaussian(truth, 9, rng);
        Udu p = Udu.initialize(5, 3, 10.0, 1.5, rng);
        spreadD(p.d(), rng);
        p.afterUpdate();
        check(p, new SensingLoss(m));
    }

    @Test
    void plainUuCompletionAndSensing() {
        SplittableRandom rng = new SplittableRandom(5);
        Matrix truth = LowRankGenerator.generate(6, 6, 2, rng);
        EntrySample s = EntrySample.sampleUniform(truth, 15, rng);
        Udu p = Udu.plain(6, 3, 2.0, rng);
        assertEquals(1, p.factors().size());
        check(p, new CompletionLoss(s));
        LinearMeasurements m = LinearMeasurements.gaussian(truth, 9, rng);
        check(p, new SensingLoss(m));
    }

    @Test
    void endToEndMatchesTheDefinition() {
        SplittableRandom rng = new SplittableRandom(6);
        Udv p = Udv.initialize(4, 3, 2, 10.0, 1.0, rng);
        spreadD(p.d(), rng);
        p.afterUpdate();
        Matrix w = p.endToEnd();
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 3; j++) {
                double s = 0;
                for (int c = 0; c < 2; c++) {
                    s += p.u().get(i, c) * p.d().getFlat(c) * p.v().get(j, c);
                }
                assertEquals(s, w.get(i, j), 1e-14);
            }
        }
        Udu q = Udu.initialize(4, 2, 10.0, 1.0, rng);
        spreadD(q.d(), rng);
        q.afterUpdate();
        Matrix x = q.endToEnd();
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                assertEquals(x.get(j, i), x.get(i, j), 1e-14);
            }
        }
    }
}
