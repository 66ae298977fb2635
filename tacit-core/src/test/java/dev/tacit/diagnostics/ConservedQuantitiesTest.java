package dev.tacit.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.data.EntrySample;
import dev.tacit.data.LowRankGenerator;
import dev.tacit.fit.FitResult;
import dev.tacit.fit.GradientStep;
import dev.tacit.fit.Trainer;
import dev.tacit.linalg.Matrix;
import dev.tacit.model.deep.DeepProduct;
import dev.tacit.model.deep.Init;
import dev.tacit.objective.CompletionLoss;
import dev.tacit.optim.GradientDescent;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ConservedQuantitiesTest {

    /** ΔC_h = η²(G_{h+1}ᵀG_{h+1} − G_hG_hᵀ) to 1e-8 relative at η = 1e-3 (issue 6), full observation. */
    @Test
    void stepChangeIsExact() {
        SplittableRandom rng = new SplittableRandom(3);
        Matrix target = LowRankGenerator.generate(10, 10, 2, rng);
        DeepProduct p = DeepProduct.square(10, 10, 3, Init.GAUSSIAN, 1.0, rng);
        double eta = 1e-3;
        Matrix d = p.endToEnd().minus(target);
        List<Matrix> g = p.newGradientBuffers();
        p.backward(d, g);
        List<Matrix> before = ConservedQuantities.all(p);
        ConservedQuantities cq = new ConservedQuantities(p);
        for (int j = 0; j < 3; j++) {
            p.factors().get(j).addScaled(-eta, g.get(j));
        }
        p.afterUpdate();
        List<Matrix> after = ConservedQuantities.all(p);
        double[] drift = cq.drift(p);
        for (int h = 1; h < 3; h++) {
            Matrix delta = after.get(h - 1).minus(before.get(h - 1));
            Matrix predicted = ConservedQuantities.stepChange(g, eta, h);
            assertTrue(delta.frobeniusNorm() > 0);
            assertEquals(delta.frobeniusNorm(), drift[h - 1], 1e-15);
            double rel = delta.minus(predicted).frobeniusNorm() / delta.frobeniusNorm();
            assertTrue(rel <= 1e-8, "h=" + h + ": " + rel);
        }
    }

    /** As a Trainer diagnostic: zero at iteration 0, small and O(η) afterwards. */
    @Test
    void driftIsLoggedAndScalesWithTheStep() {
        double[] last = new double[2];
        double[] etas = {1e-3, 1e-2};
        for (int i = 0; i < 2; i++) {
            SplittableRandom rng = new SplittableRandom(8);
            Matrix truth = LowRankGenerator.generate(12, 12, 2, rng);
            truth.scale(1.0 / truth.singularValues()[0]);
            EntrySample s = EntrySample.sampleUniform(truth, 144, rng);
            DeepProduct p = DeepProduct.square(12, 12, 3, Init.GAUSSIAN, 1.0, rng);
            long iterations = Math.round(0.5 / etas[i]);
            Trainer t = Trainer.builder().maxIterations(iterations).tolerance(0).logEvery(10)
                    .diagnostic(new ConservedQuantities(3)).build();
            FitResult r = t.fit(p, new CompletionLoss(s), new GradientStep(new GradientDescent(etas[i])));
            assertEquals(0.0, r.history().column("conserved_drift_1")[0]);
            last[i] = Math.max(r.history().last("conserved_drift_1"), r.history().last("conserved_drift_2"));
            assertTrue(last[i] > 0 && last[i] < 0.1, "drift " + last[i]);
        }
        double ratio = last[1] / last[0];
        assertTrue(ratio > 5 && ratio < 20, "drift ratio for 10x the step: " + ratio);
    }

    @Test
    void rejectsDepthOne() {
        assertThrows(IllegalArgumentException.class, () -> new ConservedQuantities(1));
    }
}
