package dev.tacit.model.deep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.data.EntrySample;
import dev.tacit.data.LinearMeasurements;
import dev.tacit.data.LowRankGenerator;
import dev.tacit.linalg.LinearOperand;
import dev.tacit.linalg.Matrix;
import dev.tacit.objective.CompletionLoss;
import dev.tacit.objective.Objective;
import dev.tacit.objective.SensingLoss;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Finite-difference checks of the chain rule of {@link DeepProduct} through both objectives. */
class DeepProductGradientTest {

    private static double loss(DeepProduct p, Objective o) {
        p.afterUpdate();
        return o.value(p.endToEnd());
    }

    private static void check(DeepProduct p, Objective o) {
        LinearOperand d = o.newGradient();
        o.valueAndGradient(p.endToEnd(), d);
        List<Matrix> grads = p.newGradientBuffers();
        p.backward(d, grads);
        double h = 1e-6;
        SplittableRandom rng = new SplittableRandom(3);
        for (int j = 0; j < p.depth(); j++) {
            Matrix layer = p.factors().get(j);
            for (int trial = 0; trial < 12; trial++) {
                int k = rng.nextInt(layer.size());
                double orig = layer.getFlat(k);
                layer.setFlat(k, orig + h);
                double plus = loss(p, o);
                layer.setFlat(k, orig - h);
                double minus = loss(p, o);
                layer.setFlat(k, orig);
                p.afterUpdate();
                double fd = (plus - minus) / (2 * h);
                double an = grads.get(j).getFlat(k);
                assertEquals(fd, an, 1e-6 * Math.max(1.0, Math.abs(fd)), "layer " + (j + 1) + " entry " + k);
            }
        }
    }

    @ParameterizedTest(name = "completion depth {0}, widths {1}")
    @CsvSource({"1,''", "2,4", "3,6;3", "4,5;7;2"})
    void completionGradient(int depth, String hidden) {
        int[] widths = hidden.isEmpty() ? new int[0]
                : java.util.Arrays.stream(hidden.split(";")).mapToInt(Integer::parseInt).toArray();
        SplittableRandom rng = new SplittableRandom(depth);
        Matrix truth = LowRankGenerator.generate(6, 5, 2, rng);
        EntrySample s = EntrySample.sampleUniform(truth, 14, rng);
        DeepProduct p = DeepProduct.initialize(6, 5, widths, Init.GAUSSIAN, 1.0, rng);
        assertEquals(depth, p.depth());
        check(p, new CompletionLoss(s));
    }

    @ParameterizedTest(name = "sensing depth {0}")
    @CsvSource({"1", "2", "3"})
    void sensingGradient(int depth) {
        SplittableRandom rng = new SplittableRandom(10 + depth);
        Matrix truth = LowRankGenerator.generate(5, 4, 2, rng);
        LinearMeasurements m = LinearMeasurements.gaussian(truth, 9, rng);
        int[] hidden = new int[depth - 1];
        java.util.Arrays.fill(hidden, 3);
        DeepProduct p = DeepProduct.initialize(5, 4, hidden, Init.GAUSSIAN, 1.0, rng);
        check(p, new SensingLoss(m));
    }

    @ParameterizedTest(name = "identity init, depth {0}")
    @CsvSource({"1", "2", "3", "4"})
    void identityInitGivesScaledIdentity(int depth) {
        DeepProduct p = DeepProduct.square(7, 7, depth, Init.IDENTITY, 1e-3, new SplittableRandom(1));
        Matrix w = p.endToEnd();
        for (int i = 0; i < 7; i++) {
            for (int j = 0; j < 7; j++) {
                assertEquals(i == j ? 1e-3 : 0.0, w.get(i, j), 1e-15);
            }
        }
    }

    @ParameterizedTest(name = "gaussian init scale, depth {0}")
    @CsvSource({"1", "2", "3", "4"})
    void gaussianInitHasThePapersScale(int depth) {
        // the official code asserts ‖W(0)‖_F / (scale·√n) ∈ [0.8, 1.2]
        DeepProduct p = DeepProduct.square(100, 100, depth, Init.GAUSSIAN, 1e-3, new SplittableRandom(7));
        double ratio = p.endToEnd().frobeniusNorm() / (1e-3 * Math.sqrt(100));
        assertTrue(ratio > 0.8 && ratio < 1.2, "ratio " + ratio);
    }
}
