package dev.tacit.model.udv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tacit.data.EntrySample;
import dev.tacit.data.LowRankGenerator;
import dev.tacit.linalg.EntryPattern;
import dev.tacit.linalg.LinearOperand;
import dev.tacit.linalg.Matrix;
import dev.tacit.model.EntryParameterization;
import dev.tacit.objective.EntryLoss;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The entry path of {@link Udv} and {@link Udu} (predict/backward on Ω, nothing n₁×n₂ formed) against the dense
 * path (endToEnd, backward through a dense ∂ℓ/∂W) and against finite differences of the entry loss.
 */
class UdvEntryPathTest {

    private static void compare(EntryParameterization p, EntrySample s) {
        EntryPattern pattern = EntryPattern.of(p.rows(), p.cols(), s.rowIndices(), s.colIndices());
        EntryLoss loss = new EntryLoss(pattern, s.values());
        double[] pred = new double[pattern.size()];
        p.predict(pattern, pred);
        Matrix w = p.endToEnd();
        for (int e = 0; e < pred.length; e++) {
            assertEquals(w.get(pattern.row(e), pattern.col(e)), pred[e], 1e-13);
        }
        double[] g = new double[pred.length];
        double value = loss.valueAndGradient(pred, g);
        List<Matrix> entry = p.newGradientBuffers();
        p.backward(pattern, g, entry);
        LinearOperand dense = loss.newGradient();
        assertEquals(value, loss.valueAndGradient(w, dense), 1e-12);
        List<Matrix> viaDense = p.newGradientBuffers();
        p.backward(dense, viaDense);
        for (int j = 0; j < entry.size(); j++) {
            for (int k = 0; k < entry.get(j).size(); k++) {
                assertEquals(viaDense.get(j).getFlat(k), entry.get(j).getFlat(k), 1e-12, "factor " + j + " entry " + k);
            }
        }
        double h = 1e-6;
        for (int j = 0; j < p.factors().size(); j++) {
            Matrix f = p.factors().get(j);
            for (int k = 0; k < Math.min(8, f.size()); k++) {
                double orig = f.getFlat(k);
                f.setFlat(k, orig + h);
                p.afterUpdate();
                p.predict(pattern, pred);
                double plus = loss.value(pred);
                f.setFlat(k, orig - h);
                p.afterUpdate();
                p.predict(pattern, pred);
                double minus = loss.value(pred);
                f.setFlat(k, orig);
                p.afterUpdate();
                double fd = (plus - minus) / (2 * h);
                assertEquals(fd, entry.get(j).getFlat(k), 1e-6 * Math.max(1, Math.abs(fd)));
            }
        }
    }

    @Test
    void udvEntryPathMatchesDensePath() {
        SplittableRandom rng = new SplittableRandom(11);
        Matrix truth = LowRankGenerator.generate(9, 7, 2, rng);
        EntrySample s = EntrySample.sampleUniform(truth, 30, rng);
        Udv p = Udv.initialize(9, 7, 4, 10.0, 1.5, rng);
        UdvGradientTest.spreadD(p.d(), rng);
        p.afterUpdate();
        compare(p, s);
    }

    @Test
    void uduEntryPathMatchesDensePath() {
        SplittableRandom rng = new SplittableRandom(12);
        Matrix truth = LowRankGenerator.generate(8, 8, 2, rng);
        EntrySample s = EntrySample.sampleUniform(truth, 25, rng); // not symmetric
        Udu p = Udu.initialize(8, 3, 10.0, 1.5, rng);
        UdvGradientTest.spreadD(p.d(), rng);
        p.afterUpdate();
        compare(p, s);
        Udu plain = Udu.plain(8, 3, 1.5, rng);
        compare(plain, s);
    }
}
