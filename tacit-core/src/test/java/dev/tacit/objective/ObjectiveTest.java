package dev.tacit.objective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.data.EntrySample;
import dev.tacit.data.LinearMeasurements;
import dev.tacit.data.LowRankGenerator;
import dev.tacit.linalg.LinearOperand;
import dev.tacit.linalg.Matrix;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ObjectiveTest {

    @Test
    void completionIsTheMeanSquaredErrorWithoutHalf() {
        EntrySample s = EntrySample.of(2, 2, new int[] {1, 0}, new int[] {0, 1}, new double[] {1, 2});
        Matrix w = Matrix.of(new double[][] {{0, 0}, {4, 0}});
        CompletionLoss loss = new CompletionLoss(s);
        assertEquals((9 + 4) / 2.0, loss.value(w), 1e-15);
        LinearOperand g = loss.newGradient();
        assertEquals((9 + 4) / 2.0, loss.valueAndGradient(w, g), 1e-15);
        Matrix dense = Matrix.zeros(2, 2);
        g.copyInto(dense);
        assertEquals(2.0 * (0 - 2) / 2, dense.get(0, 1), 1e-15);
        assertEquals(2.0 * (4 - 1) / 2, dense.get(1, 0), 1e-15);
        assertEquals(0, dense.get(0, 0), 0);
    }

    @Test
    void truthHasZeroLossAndGeneratorScales() {
        SplittableRandom rng = new SplittableRandom(1);
        Matrix truth = LowRankGenerator.generate(30, 20, 3, rng);
        assertEquals(Math.sqrt(600), truth.frobeniusNorm(), 1e-9);
        assertEquals(3, dev.tacit.diagnostics.Spectra.numericalRank(truth.singularValues(), 1e-10));
        assertEquals(0, new CompletionLoss(EntrySample.sampleUniform(truth, 100, rng)).value(truth), 1e-20);
        assertEquals(0, new SensingLoss(LinearMeasurements.gaussian(truth, 50, rng)).value(truth), 1e-20);
    }

    @Test
    void badSamplesAreRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> EntrySample.of(2, 2, new int[] {0, 0}, new int[] {1, 1}, new double[] {1, 2}));
        assertThrows(IllegalArgumentException.class,
                () -> EntrySample.of(2, 2, new int[] {2}, new int[] {0}, new double[] {1}));
        assertThrows(IllegalArgumentException.class,
                () -> EntrySample.of(2, 2, new int[] {0}, new int[] {0}, new double[] {Double.NaN}));
        Matrix t = Matrix.zeros(3, 3);
        assertThrows(IllegalArgumentException.class, () -> EntrySample.sampleUniform(t, 10, new SplittableRandom(1)));
        assertThrows(IllegalArgumentException.class, () -> LowRankGenerator.generate(3, 3, 4, new SplittableRandom(1)));
    }

    @Test
    void emptySampleIsRejectedNotReportedAsDivergence() {
        // (1/m)·Σ over no observations was 0/0 = NaN, which the Trainer then reported as DIVERGED at step 0
        EntrySample empty = EntrySample.of(3, 3, new int[0], new int[0], new double[0]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CompletionLoss(empty));
        assertTrue(e.getMessage().contains("no observed entries"), e.getMessage());
    }

    @Test
    void nonFiniteTruthIsRejectedBySensing() {
        // a NaN entry of W* used to give NaN measurements y_k silently
        Matrix t = Matrix.zeros(3, 3);
        t.set(1, 2, Double.NaN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LinearMeasurements.gaussian(t, 4, new SplittableRandom(1)));
        assertTrue(e.getMessage().contains("[1][2]"), e.getMessage());
        t.set(1, 2, Double.POSITIVE_INFINITY);
        assertThrows(IllegalArgumentException.class, () -> LinearMeasurements.gaussian(t, 4, new SplittableRandom(1)));
    }
}
