package dev.tacit.model.factored;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.fit.EarlyStopping;
import dev.tacit.fit.EntryGradientStep;
import dev.tacit.fit.FitResult;
import dev.tacit.fit.StopReason;
import dev.tacit.fit.Trainer;
import dev.tacit.linalg.EntryPattern;
import dev.tacit.linalg.Matrix;
import dev.tacit.objective.EntryLoss;
import dev.tacit.optim.Adam;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Chain rule, dense/entry agreement and training of {@link FactoredProduct}. */
class FactoredProductTest {

    private static EntryPattern randomPattern(int rows, int cols, int m, SplittableRandom rng) {
        int[] r = new int[m];
        int[] c = new int[m];
        for (int e = 0; e < m; e++) {
            r[e] = rng.nextInt(rows);
            c[e] = rng.nextInt(cols);
        }
        return EntryPattern.of(rows, cols, r, c);
    }

    private static double[] gaussian(int m, SplittableRandom rng) {
        double[] y = new double[m];
        for (int e = 0; e < m; e++) {
            y[e] = 3 + rng.nextDouble() * 2;
        }
        return y;
    }

    private static double loss(FactoredProduct p, EntryLoss o) {
        p.afterUpdate();
        double[] pred = new double[o.pattern().size()];
        p.predict(o.pattern(), pred);
        return o.value(pred);
    }

    @ParameterizedTest(name = "depth {0}, {1}")
    @CsvSource({"1,NONE", "1,MEAN_AND_BIASES", "2,MEAN", "2,MEAN_AND_BIASES", "3,MEAN_AND_BIASES", "4,NONE"})
    void entryGradientMatchesFiniteDifferences(int depth, BiasTerms bias) {
        SplittableRandom rng = new SplittableRandom(depth * 31L + bias.ordinal());
        FactoredProduct p = FactoredProduct.initialize(7, 6, depth, 3, 1.0, bias, 3.5, rng);
        // move biases off zero so their gradients are exercised at a generic point
        for (Matrix f : p.factors()) {
            for (int k = 0; k < f.size(); k++) {
                f.setFlat(k, f.getFlat(k) + 0.3 * rng.nextGaussian());
            }
        }
        p.afterUpdate();
        EntryPattern pattern = randomPattern(7, 6, 25, rng); // repeats allowed
        EntryLoss o = new EntryLoss(pattern, gaussian(25, rng));
        double[] pred = new double[25];
        double[] g = new double[25];
        p.predict(pattern, pred);
        o.valueAndGradient(pred, g);
        List<Matrix> grads = p.newGradientBuffers();
        p.backward(pattern, g, grads);
        double h = 1e-6;
        for (int j = 0; j < p.factors().size(); j++) {
            Matrix f = p.factors().get(j);
            for (int k = 0; k < f.size(); k++) {
                double orig = f.getFlat(k);
                f.setFlat(k, orig + h);
                double plus = loss(p, o);
                f.setFlat(k, orig - h);
                double minus = loss(p, o);
                f.setFlat(k, orig);
                p.afterUpdate();
                double fd = (plus - minus) / (2 * h);
                assertEquals(fd, grads.get(j).getFlat(k), 1e-7 * Math.max(1.0, Math.abs(fd)),
                        "factor " + j + " entry " + k);
            }
        }
    }

    @ParameterizedTest(name = "depth {0}")
    @CsvSource({"1", "2", "3"})
    void densePathAgreesWithEntryPath(int depth) {
        SplittableRandom rng = new SplittableRandom(depth);
        FactoredProduct p = FactoredProduct.initialize(5, 8, depth, 4, 1.0, BiasTerms.MEAN_AND_BIASES, 2.0, rng);
        EntryPattern pattern = randomPattern(5, 8, 20, rng);
        EntryLoss o = new EntryLoss(pattern, gaussian(20, rng));
        double[] pred = new double[20];
        double[] g = new double[20];
        p.predict(pattern, pred);
        double entryLoss = o.valueAndGradient(pred, g);
        Matrix w = p.endToEnd();
        for (int e = 0; e < 20; e++) {
            assertEquals(w.get(pattern.row(e), pattern.col(e)), pred[e], 1e-12);
            assertEquals(p.predict(pattern.row(e), pattern.col(e)), pred[e], 1e-12);
        }
        var dense = o.newGradient();
        assertEquals(entryLoss, o.valueAndGradient(w, dense), 1e-12);
        List<Matrix> a = p.newGradientBuffers();
        List<Matrix> b = p.newGradientBuffers();
        p.backward(pattern, g, a);
        p.backward(dense, b);
        for (int j = 0; j < a.size(); j++) {
            assertArrayEquals(b.get(j).toArray(), a.get(j).toArray(), 1e-12, "factor " + j);
        }
    }

    @Test
    void depthThreeRecoversPlantedLowRankMatrixWithEarlyStopping() {
        SplittableRandom rng = new SplittableRandom(11);
        int rows = 40;
        int cols = 30;
        double[][] u = new double[rows][2];
        double[][] v = new double[cols][2];
        for (double[] x : u) {
            x[0] = rng.nextGaussian();
            x[1] = rng.nextGaussian();
        }
        for (double[] x : v) {
            x[0] = rng.nextGaussian();
            x[1] = rng.nextGaussian();
        }
        int m = 500;
        int[] r = new int[m];
        int[] c = new int[m];
        double[] y = new double[m];
        for (int e = 0; e < m; e++) {
            r[e] = rng.nextInt(rows);
            c[e] = rng.nextInt(cols);
            y[e] = 3 + u[r[e]][0] * v[c[e]][0] + u[r[e]][1] * v[c[e]][1];
        }
        int train = 450;
        EntryPattern all = EntryPattern.of(rows, cols, r, c);
        int[] trainIdx = java.util.stream.IntStream.range(0, train).toArray();
        int[] valIdx = java.util.stream.IntStream.range(train, m).toArray();
        double[] yTrain = java.util.Arrays.copyOf(y, train);
        double[] yVal = java.util.Arrays.copyOfRange(y, train, m);
        EntryLoss loss = new EntryLoss(all.subset(trainIdx), yTrain);
        FactoredProduct p = FactoredProduct.initialize(rows, cols, 3, 16, 1e-3, BiasTerms.MEAN_AND_BIASES, 3.0, rng);
        EarlyStopping stop = new EarlyStopping(all.subset(valIdx), yVal, 50, -100, 100);
        FitResult fit = Trainer.builder().maxIterations(3000).tolerance(1e-8).logEvery(5).listener(stop).build()
                .fit(p, loss, new EntryGradientStep(new Adam(1e-2)));
        stop.restoreBest(p);
        assertTrue(fit.stopReason() != StopReason.DIVERGED);
        double baseline = 0;
        for (double t : yVal) {
            baseline += (t - 3) * (t - 3);
        }
        baseline = Math.sqrt(baseline / yVal.length);
        assertTrue(stop.bestRmse() < 0.2 * baseline, "validation RMSE " + stop.bestRmse() + " vs baseline " + baseline);
        assertEquals(stop.bestRmse(), stop.rmse(p), 1e-12, "restoreBest puts the best snapshot back");
    }

    @Test
    void sameSeedSameModel() {
        FactoredProduct a = FactoredProduct.initialize(9, 7, 3, 4, 1e-2, BiasTerms.MEAN, 1.0, new SplittableRandom(5));
        FactoredProduct b = FactoredProduct.initialize(9, 7, 3, 4, 1e-2, BiasTerms.MEAN, 1.0, new SplittableRandom(5));
        for (int j = 0; j < a.factors().size(); j++) {
            assertArrayEquals(a.factors().get(j).toArray(), b.factors().get(j).toArray(), 0.0);
        }
    }

    @Test
    void rejectsBadArguments() {
        SplittableRandom rng = new SplittableRandom(1);
        assertThrows(IllegalArgumentException.class,
                () -> FactoredProduct.initialize(3, 3, 0, 2, 1e-3, BiasTerms.NONE, 0, rng));
        assertThrows(IllegalArgumentException.class,
                () -> FactoredProduct.initialize(3, 3, 2, 0, 1e-3, BiasTerms.NONE, 0, rng));
        assertThrows(IllegalArgumentException.class,
                () -> FactoredProduct.initialize(3, 3, 2, 2, -1, BiasTerms.NONE, 0, rng));
        FactoredProduct p = FactoredProduct.initialize(3, 3, 2, 2, 1e-3, BiasTerms.NONE, 0, rng);
        EntryPattern other = EntryPattern.of(4, 3, new int[] {0}, new int[] {0});
        assertThrows(IllegalArgumentException.class, () -> p.predict(other, new double[1]));
        assertThrows(IllegalArgumentException.class, () -> EntryPattern.of(3, 3, new int[] {3}, new int[] {0}));
    }
}
