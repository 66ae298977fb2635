package dev.tacit.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.data.EntrySample;
import dev.tacit.data.LowRankGenerator;
import dev.tacit.data.Seeds;
import dev.tacit.diagnostics.Balancedness;
import dev.tacit.diagnostics.ReconstructionError;
import dev.tacit.diagnostics.SpectralSummary;
import dev.tacit.linalg.Matrix;
import dev.tacit.model.deep.DeepProduct;
import dev.tacit.model.deep.Init;
import dev.tacit.objective.CompletionLoss;
import dev.tacit.optim.GradientDescent;
import dev.tacit.optim.GroupRmsProp;
import org.junit.jupiter.api.Test;

class TrainerTest {

    private static FitResult run(long seed, int iterations, dev.tacit.optim.Optimizer opt) {
        Matrix truth = LowRankGenerator.generate(40, 40, 3, Seeds.stream(seed, Seeds.Stream.GROUND_TRUTH));
        EntrySample s = EntrySample.sampleUniform(truth, 500, Seeds.stream(seed, Seeds.Stream.OBSERVATIONS));
        DeepProduct p = DeepProduct.square(40, 40, 3, Init.GAUSSIAN, 1e-3, Seeds.stream(seed, Seeds.Stream.INITIALIZATION));
        Trainer t = Trainer.builder().maxIterations(iterations).tolerance(0).logEvery(50)
                .diagnostic(new ReconstructionError(truth)).diagnostic(new SpectralSummary(3, 3))
                .diagnostic(new Balancedness(3)).build();
        return t.fit(p, new CompletionLoss(s), new GradientStep(opt));
    }

    @Test
    void sameSeedGivesIdenticalHistory() {
        FitResult a = run(5, 400, new GroupRmsProp(1e-2));
        FitResult b = run(5, 400, new GroupRmsProp(1e-2));
        assertEquals(a.history().size(), b.history().size());
        for (int i = 0; i < a.history().size(); i++) {
            assertArrayEquals(a.history().row(i), b.history().row(i), "row " + i);
        }
        FitResult c = run(6, 400, new GroupRmsProp(1e-2));
        assertTrue(c.history().last("train_loss") != a.history().last("train_loss"));
    }

    @Test
    void logsFirstLastAndEveryK() {
        FitResult r = run(1, 120, new GroupRmsProp(1e-2));
        assertEquals(StopReason.MAX_ITERATIONS, r.stopReason());
        assertEquals(120, r.iterations());
        double[] it = r.history().column("iteration");
        assertArrayEquals(new double[] {0, 50, 100, 120}, it);
        assertEquals(r.trainLoss(), r.history().last("train_loss"));
        assertTrue(r.history().has("balancedness_2"));
        assertTrue(r.history().last("train_loss") < r.history().column("train_loss")[0]);
    }

    @Test
    void divergenceStopsWithItsStep() {
        FitResult r = run(2, 10_000, new GradientDescent(1e3));
        assertEquals(StopReason.DIVERGED, r.stopReason());
        assertTrue(r.iterations() < 10_000);
        assertTrue(!Double.isFinite(r.trainLoss()));
        assertEquals((double) r.iterations(), r.history().last("iteration"));
    }

    @Test
    void toleranceAndListenerStops() {
        Matrix truth = LowRankGenerator.generate(10, 10, 1, Seeds.stream(0, Seeds.Stream.GROUND_TRUTH));
        EntrySample s = EntrySample.sampleUniform(truth, 80, Seeds.stream(0, Seeds.Stream.OBSERVATIONS));
        DeepProduct p = DeepProduct.square(10, 10, 2, Init.GAUSSIAN, 1e-2, Seeds.stream(0, Seeds.Stream.INITIALIZATION));
        FitResult r = Trainer.builder().tolerance(1e-4).logEvery(10).build()
                .fit(p, new CompletionLoss(s), new GradientStep(new GroupRmsProp(1e-2)));
        assertEquals(StopReason.TOLERANCE, r.stopReason());
        assertTrue(r.converged());
        assertTrue(r.trainLoss() <= 1e-4);

        DeepProduct q = DeepProduct.square(10, 10, 2, Init.GAUSSIAN, 1e-2, Seeds.stream(0, Seeds.Stream.INITIALIZATION));
        FitResult l = Trainer.builder().logEvery(10).listener((state, h) -> state.iteration() >= 30 ? Decision.STOP : Decision.CONTINUE)
                .build().fit(q, new CompletionLoss(s), new GradientStep(new GroupRmsProp(1e-2)));
        assertEquals(StopReason.LISTENER, l.stopReason());
        assertEquals(30, l.iterations());
    }

    @Test
    void badSettingsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Trainer.builder().logEvery(0));
        assertThrows(IllegalArgumentException.class, () -> Trainer.builder().tolerance(-1));
        assertThrows(IllegalArgumentException.class, () -> new GroupRmsProp(-1e-3));
        assertThrows(IllegalArgumentException.class, () -> DeepProduct.square(5, 5, 0, Init.GAUSSIAN, 1e-3, new java.util.SplittableRandom(1)));
    }
}
