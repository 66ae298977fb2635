package dev.tacit.model.nmf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.linalg.Backends;
import dev.tacit.linalg.Matrix;
import dev.tacit.linalg.SparseMatrix;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Multiplicative updates on sparse X: the iterates of dense X, without densifying X. */
class SparseNmfTest {

    /** A random n×m matrix with about density·n·m stored entries in (0, 1], some explicitly 0. */
    private static SparseMatrix randomSparse(int n, int m, double density, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<int[]> at = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                if (rng.nextDouble() < density) {
                    at.add(new int[] {i, j});
                }
            }
        }
        int[] r = new int[at.size()];
        int[] c = new int[at.size()];
        for (int e = 0; e < r.length; e++) {
            r[e] = at.get(e)[0];
            c[e] = at.get(e)[1];
        }
        SparseMatrix x = SparseMatrix.pattern(Backends.get(), n, m, r, c);
        for (int e = 0; e < r.length; e++) {
            x.setValue(e, e % 17 == 0 ? 0.0 : rng.nextDouble());
        }
        return x;
    }

    private static void assertSameFactors(Matrix expected, Matrix actual, double relTol, String what) {
        double scale = Math.sqrt(expected.frobeniusNormSquared() / expected.size());
        for (int e = 0; e < expected.size(); e++) {
            assertEquals(expected.getFlat(e), actual.getFlat(e), relTol * scale, what + " entry " + e);
        }
    }

    @Test
    void sparseIteratesEqualDenseIterates() {
        SparseMatrix x = randomSparse(60, 45, 0.15, 3);
        Matrix dense = x.toDense();
        for (NmfLoss loss : List.of(NmfLoss.FROBENIUS, NmfLoss.KULLBACK_LEIBLER)) {
            for (NmfPenalty penalty : List.of(NmfPenalty.NONE, NmfPenalty.of(0.01, 0.5))) {
                NmfSettings s = NmfSettings.defaults().withSolver(NmfSolver.MULTIPLICATIVE_UPDATE).withLoss(loss)
                        .withInit(NmfInit.RANDOM).withSeed(5).withTolerance(0.0).withMaxIterations(50)
                        .withPenalty(penalty);
                NmfFit d = Nmf.fit(dense, 4, s);
                NmfFit sp = Nmf.fit(x, 4, s);
                String what = loss + " " + penalty;
                assertSameFactors(d.w(), sp.w(), 1e-10, what + " W");
                assertSameFactors(d.h(), sp.h(), 1e-10, what + " H");
                double[] fd = d.objectiveHistory();
                double[] fs = sp.objectiveHistory();
                assertEquals(fd.length, fs.length);
                for (int t = 0; t < fd.length; t++) {
                    assertEquals(fd[t], fs[t], 1e-10 * Math.abs(fd[t]), what + " objective at " + t);
                }
                assertEquals(d.relativeError(), sp.relativeError(), 1e-10, what);
                assertEquals(d.reconstructionError(), sp.reconstructionError(), 1e-9 * d.reconstructionError(), what);
            }
        }
    }

    @Test
    void defaultStoppingRuleStopsAtTheSameSweep() {
        SparseMatrix x = randomSparse(80, 50, 0.1, 9);
        NmfSettings s = NmfSettings.defaults().withSolver(NmfSolver.MULTIPLICATIVE_UPDATE)
                .withLoss(NmfLoss.KULLBACK_LEIBLER).withInit(NmfInit.RANDOM).withMaxIterations(500);
        assertEquals(Nmf.fit(x.toDense(), 5, s).iterations(), Nmf.fit(x, 5, s).iterations());
    }

    @Test
    void nndsvdaOnSparseDataDecreasesTheObjective() {
        SparseMatrix x = randomSparse(400, 350, 0.02, 4);
        for (NmfLoss loss : List.of(NmfLoss.FROBENIUS, NmfLoss.KULLBACK_LEIBLER)) {
            NmfFit fit = Nmf.fit(x, 6, NmfSettings.defaults().withSolver(NmfSolver.MULTIPLICATIVE_UPDATE)
                    .withLoss(loss).withTolerance(0.0).withMaxIterations(40));
            double[] f = fit.objectiveHistory();
            for (int t = 1; t < f.length; t++) {
                assertTrue(f[t] <= f[t - 1] + 1e-9 * Math.abs(f[t - 1]), loss + ": F rose at " + t);
            }
            assertTrue(f[f.length - 1] < f[0], loss + ": no progress");
        }
    }

    @Test
    void unsupportedSettingsAreRefused() {
        SparseMatrix x = randomSparse(20, 15, 0.3, 1);
        NmfSettings mu = NmfSettings.defaults().withSolver(NmfSolver.MULTIPLICATIVE_UPDATE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Nmf.fit(x, 3, NmfSettings.defaults()));
        assertTrue(e.getMessage().contains("MULTIPLICATIVE_UPDATE"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Nmf.fit(x, 3, mu.withLoss(NmfLoss.ITAKURA_SAITO)));
        assertTrue(e.getMessage().contains("ITAKURA_SAITO"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Nmf.fit(x, 3, mu.withInit(NmfInit.SPA)));
        assertTrue(e.getMessage().contains("SPA"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Nmf.fit(x, 16, mu));
        assertTrue(e.getMessage().contains("min(n, m)"), e.getMessage());
        SparseMatrix negative = randomSparse(20, 15, 0.3, 1);
        negative.setValue(2, -1.0);
        e = assertThrows(IllegalArgumentException.class, () -> Nmf.fit(negative, 3, mu));
        assertTrue(e.getMessage().contains("row " + negative.row(2) + ", column " + negative.col(2)), e.getMessage());
        assertThrows(IllegalStateException.class,
                () -> NmfObjective.of(x, NmfLoss.FROBENIUS, NmfPenalty.NONE).data());
    }
}
