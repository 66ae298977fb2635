package dev.tacit.model.nmf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.linalg.Matrix;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The latent budget adapters over NMF: row-stochastic factors, fit quality, input checks. */
class LatentBudgetsTest {

    /** Counts N = diag(totals)·A·B from a planted positive K = 3 model. */
    static Matrix plantedCounts(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = 15;
        int m = 9;
        int k = 3;
        double[][] a = randomStochastic(n, k, 0.05, rng);
        double[][] b = randomStochastic(k, m, 0.01, rng);
        double[][] x = new double[n][m];
        for (int i = 0; i < n; i++) {
            double total = 100 + 900 * rng.nextDouble();
            for (int j = 0; j < m; j++) {
                for (int c = 0; c < k; c++) {
                    x[i][j] += total * a[i][c] * b[c][j];
                }
            }
        }
        return Matrix.of(x);
    }

    static double[][] randomStochastic(int rows, int cols, double floor, SplittableRandom rng) {
        double[][] out = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            double s = 0;
            for (int j = 0; j < cols; j++) {
                out[i][j] = floor + rng.nextDouble();
                s += out[i][j];
            }
            for (int j = 0; j < cols; j++) {
                out[i][j] /= s;
            }
        }
        return out;
    }

    static Matrix profiles(Matrix x) {
        Matrix p = x.copy();
        for (int i = 0; i < x.rows(); i++) {
            double s = 0;
            for (int j = 0; j < x.cols(); j++) {
                s += x.get(i, j);
            }
            for (int j = 0; j < x.cols(); j++) {
                p.set(i, j, x.get(i, j) / s);
            }
        }
        return p;
    }

    static void assertRowStochastic(Matrix m, double tol, String what) {
        for (int i = 0; i < m.rows(); i++) {
            double s = 0;
            for (int j = 0; j < m.cols(); j++) {
                assertTrue(m.get(i, j) >= 0, what + " entry [" + i + "][" + j + "] = " + m.get(i, j));
                s += m.get(i, j);
            }
            assertEquals(1.0, s, tol, what + " row " + i);
        }
    }

    private static NmfSettings settings() {
        return NmfSettings.defaults().withMaxIterations(500).withTolerance(1e-6);
    }

    @Test
    void everyModelGivesRowStochasticFactorsThatFitAsWellAsTheCore() {
        Matrix x = plantedCounts(7);
        Matrix p = profiles(x);
        for (LatentBudgetModel model : LatentBudgetModel.values()) {
            LatentBudgetFit fit = LatentBudgets.fit(x, 3, model, settings());
            assertEquals(model, fit.model());
            assertRowStochastic(fit.a(), 1e-9, model + " A");
            assertRowStochastic(fit.b(), 1e-9, model + " B");
            // the core's own reconstruction of the profiles: row i of W·H divided by its target row sum
            Matrix wh = fit.nmf().w().times(fit.nmf().h());
            double total = 0;
            for (int e = 0; e < x.size(); e++) {
                total += x.getFlat(e);
            }
            Matrix coreProfiles = wh.copy();
            for (int i = 0; i < x.rows(); i++) {
                double rowSum = 0;
                for (int j = 0; j < x.cols(); j++) {
                    rowSum += x.get(i, j);
                }
                double target = model.usesRowProfiles() ? 1.0 : model.usesJointTable() ? rowSum / total : rowSum;
                for (int j = 0; j < x.cols(); j++) {
                    coreProfiles.set(i, j, wh.get(i, j) / target);
                }
            }
            double coreError = p.minus(coreProfiles).frobeniusNorm();
            double lbaError = p.minus(fit.profiles()).frobeniusNorm();
            assertTrue(lbaError <= 1.05 * coreError + 1e-6, model + ": ‖P − AB‖ = " + lbaError + " vs core "
                    + coreError);
            assertTrue(lbaError < 0.02 * p.frobeniusNorm(), model + " relative error " + lbaError);
            assertTrue(fit.rowSumDeviation() < 0.02, model + " row-sum deviation " + fit.rowSumDeviation());
        }
    }

    @Test
    void jointParameterisationReproducesTheJointTable() {
        Matrix x = plantedCounts(11);
        LatentBudgetFit fit = LatentBudgets.fit(x, 3, LatentBudgetModel.LCA, settings());
        Matrix u = fit.jointRowFactor();
        double pSum = 0;
        for (int k = 0; k < 3; k++) {
            pSum += fit.componentWeights()[k];
            double colSum = 0;
            for (int i = 0; i < u.rows(); i++) {
                colSum += u.get(i, k);
            }
            assertEquals(1.0, colSum, 1e-9, "column " + k + " of U");
        }
        assertEquals(1.0, pSum, 1e-9);
        Matrix pi = fit.profiles();
        for (int i = 0; i < x.rows(); i++) {
            for (int j = 0; j < x.cols(); j++) {
                double joint = 0;
                for (int k = 0; k < 3; k++) {
                    joint += fit.componentWeights()[k] * u.get(i, k) * fit.b().get(k, j);
                }
                assertEquals(fit.rowMasses()[i] * pi.get(i, j), joint, 1e-12);
            }
        }
    }

    @Test
    void allZeroRowIsRefusedWithItsIndex() {
        Matrix x = plantedCounts(3);
        for (int j = 0; j < x.cols(); j++) {
            x.set(2, j, 0.0);
        }
        for (LatentBudgetModel model : LatentBudgetModel.values()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> LatentBudgets.fit(x, 3, model, settings()));
            assertTrue(e.getMessage().contains("row 2") && e.getMessage().contains("no profile"), e.getMessage());
        }
    }

    @Test
    void badInputsAreRefused() {
        Matrix x = plantedCounts(5);
        x.set(1, 4, -1.0);
        IllegalArgumentException neg = assertThrows(IllegalArgumentException.class,
                () -> LatentBudgets.fit(x, 2, LatentBudgetModel.PLSA, settings()));
        assertTrue(neg.getMessage().contains("X[1][4]"), neg.getMessage());
        Matrix ok = plantedCounts(5);
        IllegalArgumentException k = assertThrows(IllegalArgumentException.class,
                () -> LatentBudgets.fit(ok, 10, LatentBudgetModel.LBA_LS, settings()));
        assertTrue(k.getMessage().contains("k = 10"), k.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LatentBudgets.fit(ok, 2, null, settings()));
    }
}
