package dev.tacit.model.nmf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tacit.linalg.Matrix;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The row-block-streamed W half of the Frobenius MU and coordinate-descent sweeps ({@link StreamedWUpdate})
 * against the textbook sweeps written out in plain loops (sklearn's formulas), on shapes that are not
 * multiples of the block size (both halves end in a partial block) and with penalties.
 */
class StreamedSweepTest {

    private static final int N = 2 * StreamedWUpdate.BLOCK_ROWS + 13;
    private static final int M = 23;
    private static final int K = 4;
    private static final int SWEEPS = 6;

    private static double[][] random(int r, int c, SplittableRandom rng) {
        double[][] a = new double[r][c];
        for (double[] row : a) {
            for (int j = 0; j < c; j++) {
                row[j] = rng.nextDouble();
            }
        }
        return a;
    }

    private static double[][] times(double[][] a, double[][] b) {
        double[][] c = new double[a.length][b[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int p = 0; p < b.length; p++) {
                for (int j = 0; j < b[0].length; j++) {
                    c[i][j] += a[i][p] * b[p][j];
                }
            }
        }
        return c;
    }

    private static double[][] t(double[][] a) {
        double[][] c = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                c[j][i] = a[i][j];
            }
        }
        return c;
    }

    /** f ← f ⊙ num / (den + l1 + l2·f), sklearn's _multiplicative_update_w/h (β = 2). */
    private static void mu(double[][] f, double[][] num, double[][] den, double l1, double l2) {
        for (int i = 0; i < f.length; i++) {
            for (int j = 0; j < f[0].length; j++) {
                double d = den[i][j] + l1 + l2 * f[i][j];
                f[i][j] *= num[i][j] / (d == 0 ? NmfLoss.EPSILON : d);
            }
        }
    }

    /** sklearn's _update_cdnmf_fast on W (rows × k) with A = HHᵀ + l2·I and B = XHᵀ − l1. */
    private static void cd(double[][] w, double[][] hht, double[][] xht, double l1, double l2) {
        int k = hht.length;
        for (int t = 0; t < k; t++) {
            double hess = hht[t][t] + l2;
            for (int i = 0; i < w.length; i++) {
                double grad = -(xht[i][t] - l1);
                for (int r = 0; r < k; r++) {
                    grad += (hht[t][r] + (r == t ? l2 : 0.0)) * w[i][r];
                }
                if (hess != 0.0) {
                    w[i][t] = Math.max(w[i][t] - grad / hess, 0.0);
                }
            }
        }
    }

    private static void assertSame(double[][] expected, Matrix actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[0].length; j++) {
                double e = expected[i][j];
                assertEquals(e, actual.get(i, j), 1e-10 * Math.max(1.0, Math.abs(e)), what + " (" + i + ", " + j + ")");
            }
        }
    }

    /** A random X, W, H (the arrays the textbook sweeps update) and the same as objective and model. */
    private record Problem(double[][] x, double[][] w, double[][] h, NmfObjective objective, Nmf model) {
        static Problem random(long seed) {
            SplittableRandom rng = new SplittableRandom(seed);
            double[][] x = StreamedSweepTest.random(N, M, rng);
            double[][] w = StreamedSweepTest.random(N, K, rng);
            double[][] h = StreamedSweepTest.random(K, M, rng);
            NmfObjective objective = NmfObjective.of(Matrix.of(x), NmfLoss.FROBENIUS, NmfPenalty.of(0.02, 0.5));
            return new Problem(x, w, h, objective, Nmf.of(Matrix.of(w), Matrix.of(h)));
        }
    }

    @Test
    void multiplicativeSweepsEqualTheTextbookUpdates() {
        Problem p = Problem.random(5);
        double[][] x = p.x();
        double[][] w = p.w();
        double[][] h = p.h();
        NmfObjective objective = p.objective();
        Nmf model = p.model();
        MultiplicativeUpdateRule rule = new MultiplicativeUpdateRule();
        rule.init(model, objective);
        for (int s = 0; s < SWEEPS; s++) {
            rule.evaluate(model, objective);
            rule.update(model, objective);
            mu(w, times(x, t(h)), times(w, times(h, t(h))), objective.l1W(), objective.l2W());
            double[][] ht = t(h);
            mu(ht, times(t(x), w), times(ht, times(t(w), w)), objective.l1H(), objective.l2H());
            h = t(ht);
        }
        assertSame(w, model.w(), "W");
        assertSame(h, model.h(), "H");
    }

    @Test
    void coordinateDescentSweepsEqualTheTextbookUpdates() {
        Problem p = Problem.random(6);
        double[][] x = p.x();
        double[][] w = p.w();
        double[][] h = p.h();
        NmfObjective objective = p.objective();
        Nmf model = p.model();
        HalsRule rule = new HalsRule();
        rule.init(model, objective);
        for (int s = 0; s < SWEEPS; s++) {
            double f = rule.evaluate(model, objective);
            double[][] r = times(w, h);
            double direct = 0;
            for (int i = 0; i < N; i++) {
                for (int j = 0; j < M; j++) {
                    direct += 0.5 * (x[i][j] - r[i][j]) * (x[i][j] - r[i][j]);
                }
            }
            assertEquals(direct + objective.penaltyValue(Matrix.of(w), Matrix.of(h)), f, 1e-9 * f, "F at sweep " + s);
            rule.update(model, objective);
            cd(w, times(h, t(h)), times(x, t(h)), objective.l1W(), objective.l2W());
            double[][] ht = t(h);
            cd(ht, times(t(w), w), times(t(x), w), objective.l1H(), objective.l2H());
            h = t(ht);
        }
        assertSame(w, model.w(), "W");
        assertSame(h, model.h(), "H");
    }
}
