package dev.tacit.model.nmf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.linalg.Matrix;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Minimum-volume NMF ({@link NmfSolver#MIN_VOLUME}): monotone objective, simplex rows, planted recovery; and its
 * max-volume counterpart ({@link NmfSolver#MAX_VOLUME}).
 */
class MinVolumeNmfTest {

    private static NmfSettings minVol(double lambda) {
        return NmfSettings.defaults().withSolver(NmfSolver.MIN_VOLUME).withInit(NmfInit.SPA).withTolerance(0.0)
                .withVolume(VolumeSettings.DEFAULT.withLambda(lambda));
    }

    /**
     * X = W₀H₀ with rows of W₀ on the simplex; with {@code zeros} &gt; 0, each row gets that many exact zeros
     * (chosen at random) and entries otherwise in [0.25, 0.75] before normalization, so that no row is near a
     * vertex; optionally the first k rows are pure (separable).
     */
    private static Matrix[] planted(int n, int m, int k, int zeros, boolean pureRows, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Matrix w0 = Matrix.onHeap(n, k);
        Matrix h0 = Matrix.onHeap(k, m);
        for (int t = 0; t < k; t++) {
            for (int j = 0; j < m; j++) {
                h0.set(t, j, rng.nextDouble() < 0.3 ? 0.0 : rng.nextDouble());
            }
        }
        for (int i = 0; i < n; i++) {
            double[] row = new double[k];
            double s = 0;
            for (int t = 0; t < k; t++) {
                row[t] = zeros > 0 ? 0.25 + 0.5 * rng.nextDouble() : -Math.log(1 - rng.nextDouble());
            }
            for (int z = 0; z < zeros; z++) {
                row[rng.nextInt(k)] = 0.0;
            }
            if (pureRows && i < k) {
                row = new double[k];
                row[i] = 1.0;
            }
            for (double v : row) {
                s += v;
            }
            if (s == 0) {
                row[0] = 1;
                s = 1;
            }
            for (int t = 0; t < k; t++) {
                w0.set(i, t, row[t] / s);
            }
        }
        return new Matrix[] {w0, h0, w0.times(h0)};
    }

    @Test
    void objectiveWithLogDetNeverIncreases() {
        for (long seed = 1; seed <= 3; seed++) {
            Matrix x = planted(40, 25, 4, 1, false, seed)[2];
            SplittableRandom rng = new SplittableRandom(seed);
            for (int e = 0; e < x.size(); e++) {
                x.setFlat(e, x.getFlat(e) + 0.05 * rng.nextDouble());
            }
            for (NmfInit init : new NmfInit[] {NmfInit.SPA, NmfInit.NNDSVDA, NmfInit.RANDOM}) {
                for (double lambda : new double[] {0.0, 0.01, 0.5}) {
                    NmfFit fit = Nmf.fit(x, 4, minVol(lambda).withInit(init).withSeed(seed).withMaxIterations(150));
                    double[] f = fit.objectiveHistory();
                    assertEquals(151, f.length);
                    for (int t = 1; t < f.length; t++) {
                        assertTrue(f[t] <= f[t - 1] + 1e-10 * Math.abs(f[t - 1]),
                                init + " lambda " + lambda + " seed " + seed + ": F rose at " + t + ": " + f[t - 1]
                                        + " -> " + f[t]);
                    }
                    // F is the data term plus (λ'/2) log det(HHᵀ + δI)
                    double data = NmfObjective.of(x, NmfLoss.FROBENIUS, NmfPenalty.NONE)
                            .value(fit.w().times(fit.h()));
                    double volume = MinVolumeRule.logVolume(fit.h(), VolumeSettings.DEFAULT_DELTA);
                    assertEquals(data + 0.5 * fit.volumeWeight() * volume, fit.objective(),
                            1e-9 * Math.max(1, Math.abs(fit.objective())));
                }
            }
        }
    }

    @Test
    void rowsOfWStayOnTheSimplex() {
        Matrix x = planted(30, 20, 3, 1, false, 5)[2];
        for (int e = 0; e < x.size(); e++) {
            x.setFlat(e, 7.0 * x.getFlat(e));
        }
        NmfFit fit = Nmf.fit(x, 3, minVol(0.01).withMaxIterations(50));
        for (int i = 0; i < fit.w().rows(); i++) {
            double s = 0;
            for (int t = 0; t < 3; t++) {
                double v = fit.w().get(i, t);
                assertTrue(v >= 0, "W[" + i + "][" + t + "] = " + v);
                s += v;
            }
            assertEquals(1.0, s, 1e-12, "row " + i + " of W");
        }
        for (int e = 0; e < fit.h().size(); e++) {
            assertTrue(fit.h().getFlat(e) >= 0);
        }
        assertTrue(fit.volumeWeight() > 0);
    }

    @Test
    void recoversPlantedVerticesUpToPermutation() {
        // separable (pure rows) and sufficiently scattered without pure rows (every row has a zero: points on
        // the boundary of the simplex, vertices not among the data)
        for (boolean pure : new boolean[] {true, false}) {
            Matrix[] p = planted(200, 30, 3, 1, pure, 11);
            NmfFit fit = Nmf.fit(p[2], 3, minVol(0.01).withMaxIterations(1500));
            double ch = NmfTestSupport.worstCongruence(NmfTestSupport.columns(p[1].transpose()),
                    NmfTestSupport.columns(fit.h().transpose()));
            double cw = NmfTestSupport.worstCongruence(NmfTestSupport.columns(p[0]), NmfTestSupport.columns(fit.w()));
            assertTrue(ch >= 0.99 && cw >= 0.99, "pure rows " + pure + ": congruence H " + ch + ", W " + cw
                    + ", rel error " + fit.relativeError());
            assertTrue(fit.relativeError() < 2e-2, "rel error " + fit.relativeError());
        }
    }

    @Test
    void minVolumeShrinksTheVolumeOfAPlainFit() {
        Matrix x = planted(200, 30, 3, 1, false, 13)[2];
        NmfFit plain = Nmf.fit(x, 3, minVol(0.0).withMaxIterations(300));
        NmfFit mv = Nmf.fit(x, 3, minVol(0.01).withMaxIterations(300));
        double d = VolumeSettings.DEFAULT_DELTA;
        assertTrue(MinVolumeRule.logVolume(mv.h(), d) <= MinVolumeRule.logVolume(plain.h(), d) + 1e-9,
                MinVolumeRule.logVolume(mv.h(), d) + " > " + MinVolumeRule.logVolume(plain.h(), d));
    }

    @Test
    void maxVolumeObjectiveNeverIncreasesAndRowsOfHStayOnTheSimplex() {
        for (long seed = 1; seed <= 2; seed++) {
            Matrix x = planted(40, 25, 3, 1, false, seed)[2];
            for (double lambda : new double[] {0.0, 0.01, 0.3}) {
                NmfFit fit = Nmf.fit(x, 3, minVol(lambda).withSolver(NmfSolver.MAX_VOLUME).withSeed(seed)
                        .withMaxIterations(150));
                double[] f = fit.objectiveHistory();
                for (int t = 1; t < f.length; t++) {
                    assertTrue(f[t] <= f[t - 1] + 1e-10 * Math.abs(f[t - 1]),
                            "lambda " + lambda + " seed " + seed + ": F rose at " + t + ": " + f[t - 1] + " -> " + f[t]);
                }
                double data = NmfObjective.of(x, NmfLoss.FROBENIUS, NmfPenalty.NONE).value(fit.w().times(fit.h()));
                double volume = MinVolumeRule.logVolume(fit.h(), VolumeSettings.DEFAULT_DELTA);
                assertEquals(data - 0.5 * fit.volumeWeight() * volume, fit.objective(),
                        1e-9 * Math.max(1, Math.abs(fit.objective())));
                for (int r = 0; r < 3; r++) {
                    double s = 0;
                    for (int j = 0; j < fit.h().cols(); j++) {
                        assertTrue(fit.h().get(r, j) >= 0);
                        s += fit.h().get(r, j);
                    }
                    assertEquals(1.0, s, 1e-12, "row " + r + " of H");
                }
                for (int e = 0; e < fit.w().size(); e++) {
                    assertTrue(fit.w().getFlat(e) >= 0);
                }
            }
        }
    }

    @Test
    void maxVolumeExceedsMinVolumeOnANonUniqueFactorization() {
        // rows of W shrunk towards the centre of the simplex (½·uniform + ½·centre): the data triangle lies well
        // inside the vertices' triangle, so there are many exact factorizations, of different volume
        Matrix[] p = planted(100, 20, 3, 0, false, 17);
        Matrix w0 = p[0];
        for (int e = 0; e < w0.size(); e++) {
            w0.setFlat(e, 0.5 * w0.getFlat(e) + 0.5 / 3);
        }
        Matrix x = w0.times(p[1]);
        // with noise: λ' is relative to the initial residual (as minvolNMF and MAV-NMF), which is ~0 on exact data
        SplittableRandom rng = new SplittableRandom(3);
        for (int e = 0; e < x.size(); e++) {
            x.setFlat(e, x.getFlat(e) * (1 + 0.05 * rng.nextDouble()));
        }
        for (int i = 0; i < x.rows(); i++) { // rows of X sum to 1 (profiles), so rows of H can too
            double s = 0;
            for (int j = 0; j < x.cols(); j++) {
                s += x.get(i, j);
            }
            for (int j = 0; j < x.cols(); j++) {
                x.set(i, j, x.get(i, j) / s);
            }
        }
        double d = VolumeSettings.DEFAULT_DELTA;
        NmfFit min = Nmf.fit(x, 3, minVol(0.1).withMaxIterations(500));
        // λ' is relative to the initial residual and log det (as minvolNMF), both small here, and the alternating
        // steps move slowly along the valley of near-exact fits: max-volume needs a large λ to move in 500 sweeps
        // (here the true H, rows normalized, has log volume ≈ −4.96, the data hull ≈ −5.6)
        NmfSettings maxVol = minVol(10.0).withSolver(NmfSolver.MAX_VOLUME);
        NmfFit start = Nmf.fit(x, 3, maxVol.withMaxIterations(0));
        NmfFit max = Nmf.fit(x, 3, maxVol.withMaxIterations(500));
        double gap = MinVolumeRule.logVolume(max.h(), d) - MinVolumeRule.logVolume(min.h(), d);
        assertTrue(gap > 0.4, "log-volume gap " + gap + ": min " + MinVolumeRule.logVolume(min.h(), d) + ", max start "
                + MinVolumeRule.logVolume(start.h(), d) + ", max end " + MinVolumeRule.logVolume(max.h(), d) + ", rel errors "
                + min.relativeError() + " " + max.relativeError());
        assertTrue(MinVolumeRule.logVolume(max.h(), d) > MinVolumeRule.logVolume(start.h(), d) + 0.4);
        assertTrue(min.relativeError() < 0.05 && max.relativeError() < 0.05,
                min.relativeError() + " " + max.relativeError());
    }

    @Test
    void badInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new VolumeSettings(-0.1, 0.1, 10));
        assertThrows(IllegalArgumentException.class, () -> new VolumeSettings(Double.NaN, 0.1, 10));
        assertThrows(IllegalArgumentException.class, () -> new VolumeSettings(0.1, 0.0, 10));
        assertThrows(IllegalArgumentException.class, () -> new VolumeSettings(0.1, -1.0, 10));
        assertThrows(IllegalArgumentException.class, () -> new VolumeSettings(0.1, 0.1, 0));
        Matrix x = planted(20, 10, 3, 1, false, 3)[2];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Nmf.fit(x, 3, minVol(0.01).withLoss(NmfLoss.KULLBACK_LEIBLER)));
        assertTrue(e.getMessage().contains("FROBENIUS"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Nmf.fit(x, 3, minVol(0.01).withPenalty(NmfPenalty.of(0.1, 0.5))));
        assertTrue(e.getMessage().contains("penalty"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Nmf.fit(x, 3, minVol(0.01)
                .withSolver(NmfSolver.MAX_VOLUME).withLoss(NmfLoss.ITAKURA_SAITO)));
        assertTrue(e.getMessage().contains("FROBENIUS"), e.getMessage());
    }

    @Test
    void simplexProjectionIsTheEuclideanOne() {
        double[] f = {0.5, 2.0, -1.0, 0.2, 0.3, 0.5};
        FastGradient.project(f, 2, 3, FastGradient.RowConstraint.SIMPLEX);
        assertEquals(0.0, f[0], 1e-15);
        assertEquals(1.0, f[1], 1e-15);
        assertEquals(0.0, f[2], 1e-15);
        assertEquals(0.2, f[3], 1e-15);
        assertEquals(0.3, f[4], 1e-15);
        assertEquals(0.5, f[5], 1e-15);
        double[] q = {4, 1, 0, 1, 3, 0, 0, 0, 1};
        // eigenvalues of [[4,1],[1,3]]: (7 ± √5)/2
        assertEquals((7 + Math.sqrt(5)) / 2, FastGradient.maxEigenvalue(q, 3), 1e-12);
    }
}
