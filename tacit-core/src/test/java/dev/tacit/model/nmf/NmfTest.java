package dev.tacit.model.nmf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.linalg.Backends;
import dev.tacit.linalg.Matrix;
import dev.tacit.linalg.SparseMatrix;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** NMF against scikit-learn's numbers (bench/nmf/make_reference.py) and its defining properties. */
class NmfTest {

    private static final int K = 5;

    private static Matrix csv(String name) throws IOException {
        try (InputStream in = NmfTest.class.getResourceAsStream("/nmf/" + name)) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim().split("\n");
            double[][] rows = new double[lines.length][];
            for (int i = 0; i < lines.length; i++) {
                String[] parts = lines[i].trim().split(",");
                rows[i] = new double[parts.length];
                for (int j = 0; j < parts.length; j++) {
                    rows[i][j] = Double.parseDouble(parts[j]);
                }
            }
            return Matrix.of(rows);
        }
    }

    private static Properties reference() throws IOException {
        Properties p = new Properties();
        try (InputStream in = NmfTest.class.getResourceAsStream("/nmf/reference.properties")) {
            p.load(in);
        }
        return p;
    }

    private static void assertClose(Matrix expected, Matrix actual, double tol, String what) {
        assertEquals(expected.rows(), actual.rows(), what);
        assertEquals(expected.cols(), actual.cols(), what);
        for (int e = 0; e < expected.size(); e++) {
            assertEquals(expected.getFlat(e), actual.getFlat(e), tol, what + " entry " + e);
        }
    }

    @Test
    void nndsvdInitializationsEqualSklearn() throws IOException {
        Matrix x = csv("X.csv");
        for (NmfInit init : List.of(NmfInit.NNDSVD, NmfInit.NNDSVDA)) {
            String name = init.name().toLowerCase();
            Nmf model = init.initialize(x, K, 0L);
            // sklearn's randomized_svd (7 power iterations) is accurate to ~1e-5 relative on this X
            Matrix w = csv(name + "_W.csv");
            Matrix h = csv(name + "_H.csv");
            assertClose(w, model.w(), 1e-4 * Math.sqrt(w.frobeniusNormSquared() / w.size()) * 10, name + " W");
            assertClose(h, model.h(), 1e-4 * Math.sqrt(h.frobeniusNormSquared() / h.size()) * 10, name + " H");
        }
    }

    @Test
    void objectivesAfter200SweepsAgreeWithSklearnWithinOnePercent() throws IOException {
        Matrix x = csv("X.csv");
        Properties ref = reference();
        String[][] cases = {
            {"cd", "frobenius", "nndsvda"}, {"cd", "frobenius", "nndsvd"}, {"mu", "frobenius", "nndsvda"},
            {"mu", "kullback-leibler", "nndsvda"}, {"mu", "itakura-saito", "nndsvda"}};
        for (String[] c : cases) {
            NmfSolver solver = c[0].equals("cd") ? NmfSolver.COORDINATE_DESCENT : NmfSolver.MULTIPLICATIVE_UPDATE;
            NmfLoss loss = switch (c[1]) {
                case "frobenius" -> NmfLoss.FROBENIUS;
                case "kullback-leibler" -> NmfLoss.KULLBACK_LEIBLER;
                default -> NmfLoss.ITAKURA_SAITO;
            };
            NmfInit init = c[2].equals("nndsvd") ? NmfInit.NNDSVD : NmfInit.NNDSVDA;
            NmfFit fit = Nmf.fit(x, K, NmfSettings.defaults().withSolver(solver).withLoss(loss).withInit(init)
                    .withTolerance(0.0));
            double expected = Double.parseDouble(ref.getProperty(String.join(".", c)));
            assertEquals(200, fit.iterations(), String.join(".", c));
            assertEquals(expected, fit.objective(), 0.01 * expected, String.join(".", c));
            double direct = NmfObjective.of(x, loss, NmfPenalty.NONE).value(fit.w().times(fit.h()));
            assertEquals(direct, fit.objective(), 1e-9 * Math.max(1, direct), "history vs direct " + c[1]);
        }
    }

    @Test
    void defaultToleranceStopsNearSklearnsIteration() throws IOException {
        Matrix x = csv("X.csv");
        Properties ref = reference();
        NmfFit cd = Nmf.fit(x, K, NmfSettings.defaults());
        NmfFit mu = Nmf.fit(x, K, NmfSettings.defaults().withSolver(NmfSolver.MULTIPLICATIVE_UPDATE));
        assertTrue(cd.converged() && mu.converged());
        long cdRef = Long.parseLong(ref.getProperty("cd.default_tol.n_iter"));
        long muRef = Long.parseLong(ref.getProperty("mu.default_tol.n_iter"));
        assertTrue(Math.abs(cd.iterations() - cdRef) <= 2, "cd stopped at " + cd.iterations() + ", sklearn " + cdRef);
        assertEquals(muRef, mu.iterations(), "mu stops on a multiple of 10");
        NmfFit capped = Nmf.fit(x, K, NmfSettings.defaults().withMaxIterations(20));
        assertTrue(!capped.converged() && capped.iterations() == 20);
    }

    private static Matrix randomNonnegative(int n, int m, int r, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Matrix a = Matrix.onHeap(n, r);
        Matrix b = Matrix.onHeap(r, m);
        for (int e = 0; e < a.size(); e++) {
            a.setFlat(e, Math.abs(rng.nextGaussian()));
        }
        for (int e = 0; e < b.size(); e++) {
            b.setFlat(e, Math.abs(rng.nextGaussian()));
        }
        Matrix x = a.times(b);
        for (int e = 0; e < x.size(); e++) {
            x.setFlat(e, x.getFlat(e) + 0.5 * rng.nextDouble());
        }
        return x;
    }

    @Test
    void objectiveNeverIncreases() {
        for (long seed = 1; seed <= 3; seed++) {
            Matrix x = randomNonnegative(40, 30, 6, seed);
            for (NmfInit init : List.of(NmfInit.RANDOM, NmfInit.NNDSVDA)) {
                List<NmfSettings> all = new ArrayList<>();
                all.add(NmfSettings.defaults());
                all.add(NmfSettings.defaults().withPenalty(NmfPenalty.of(0.01, 0.5)));
                for (NmfLoss loss : NmfLoss.values()) {
                    all.add(NmfSettings.defaults().withSolver(NmfSolver.MULTIPLICATIVE_UPDATE).withLoss(loss));
                }
                all.add(NmfSettings.defaults().withSolver(NmfSolver.MULTIPLICATIVE_UPDATE)
                        .withPenalty(NmfPenalty.of(0.01, 0.5)));
                for (NmfSettings s : all) {
                    NmfFit fit = Nmf.fit(x, 4, s.withInit(init).withSeed(seed).withTolerance(0.0)
                            .withMaxIterations(60));
                    double[] f = fit.objectiveHistory();
                    for (int t = 1; t < f.length; t++) {
                        assertTrue(f[t] <= f[t - 1] + 1e-9 * Math.abs(f[t - 1]),
                                s + " seed " + seed + ": F rose at " + t + ": " + f[t - 1] + " -> " + f[t]);
                    }
                }
            }
        }
    }

    @Test
    void recoversPlantedSeparableFactors() {
        int n = 60;
        int m = 50;
        int k = 4;
        SplittableRandom rng = new SplittableRandom(7);
        Matrix w0 = Matrix.onHeap(n, k);
        Matrix h0 = Matrix.onHeap(k, m);
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < k; t++) {
                w0.set(i, t, i < k ? (i == t ? 1 : 0) : (rng.nextDouble() < 0.5 ? 0 : rng.nextDouble()));
            }
        }
        for (int t = 0; t < k; t++) {
            for (int j = 0; j < m; j++) {
                h0.set(t, j, j < k ? (j == t ? 1 : 0) : (rng.nextDouble() < 0.5 ? 0 : rng.nextDouble()));
            }
        }
        Matrix x = w0.times(h0);
        for (NmfSolver solver : List.of(NmfSolver.COORDINATE_DESCENT, NmfSolver.MULTIPLICATIVE_UPDATE)) {
            NmfFit fit = Nmf.fit(x, k, NmfSettings.defaults().withSolver(solver).withTolerance(0.0)
                    .withMaxIterations(solver == NmfSolver.COORDINATE_DESCENT ? 400 : 2000));
            assertTrue(fit.relativeError() < 1e-2, solver + " rel error " + fit.relativeError());
            double cw = NmfTestSupport.worstCongruence(NmfTestSupport.columns(w0), NmfTestSupport.columns(fit.w()));
            double ch = NmfTestSupport.worstCongruence(NmfTestSupport.columns(h0.transpose()),
                    NmfTestSupport.columns(fit.h().transpose()));
            assertTrue(cw >= 0.99 && ch >= 0.99, solver + " congruence W " + cw + ", H " + ch);
        }
    }

    @Test
    void badInputIsRefusedWithClearMessages() throws IOException {
        Matrix x = csv("X.csv");
        Matrix negative = x.copy();
        negative.set(2, 3, -1.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Nmf.fit(negative, K, NmfSettings.defaults()));
        assertTrue(e.getMessage().contains("row 2, column 3"), e.getMessage());
        Matrix nan = x.copy();
        nan.set(4, 1, Double.NaN);
        e = assertThrows(IllegalArgumentException.class, () -> Nmf.fit(nan, K, NmfSettings.defaults()));
        assertTrue(e.getMessage().contains("row 4, column 1") && e.getMessage().contains("NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Nmf.fit(x, 21, NmfSettings.defaults()));
        assertTrue(e.getMessage().contains("min(n, m)") && e.getMessage().contains("21"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Nmf.fit(x, K, NmfSettings.defaults().withLoss(NmfLoss.KULLBACK_LEIBLER)));
        assertTrue(e.getMessage().contains("FROBENIUS"), e.getMessage());
        Matrix zeros = x.copy();
        zeros.set(0, 0, 0.0);
        e = assertThrows(IllegalArgumentException.class, () -> Nmf.fit(zeros, K, NmfSettings.defaults()
                .withSolver(NmfSolver.MULTIPLICATIVE_UPDATE).withLoss(NmfLoss.ITAKURA_SAITO)));
        assertTrue(e.getMessage().contains("zeros"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new NmfPenalty(-1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> NmfPenalty.of(0.1, 1.5));
    }

    @Test
    void allZeroDataIsRefusedInsteadOfGivingANanRelativeError() {
        // ‖X − WH‖_F/‖X‖_F was 0/0 = NaN, which metrics.json cannot hold
        for (NmfSolver solver : new NmfSolver[] {NmfSolver.COORDINATE_DESCENT, NmfSolver.MULTIPLICATIVE_UPDATE}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Nmf.fit(Matrix.zeros(6, 5), 2, NmfSettings.defaults().withSolver(solver)));
            assertTrue(e.getMessage().contains("all zero"), e.getMessage());
        }
        SparseMatrix empty = SparseMatrix.pattern(Backends.get(), 6, 5, new int[] {1}, new int[] {2});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Nmf.fit(empty, 2,
                NmfSettings.defaults().withSolver(NmfSolver.MULTIPLICATIVE_UPDATE)));
        assertTrue(e.getMessage().contains("all zero"), e.getMessage());
    }
}
