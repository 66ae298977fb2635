package dev.tacit.model.nmf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.linalg.Matrix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Inner/outer extremes of the lba feasible set and the uniqueness verdict. */
class IdentifiabilityTest {

    private static final Path TIME_BUDGET = Path.of("/work/shared/data/time-budget/time_budget.csv");

    /** K = 3, A has the identity rows and B a scaled-identity column block: separable on both sides. */
    private static Matrix[] separable() {
        SplittableRandom rng = new SplittableRandom(1);
        double[][] a = LatentBudgetsTest.randomStochastic(12, 3, 0.05, rng);
        for (int k = 0; k < 3; k++) {
            for (int c = 0; c < 3; c++) {
                a[k][c] = k == c ? 1.0 : 0.0;
            }
        }
        double[][] b = LatentBudgetsTest.randomStochastic(3, 8, 0.05, rng);
        for (int k = 0; k < 3; k++) {
            for (int j = 0; j < 3; j++) {
                b[k][j] = k == j ? 0.3 : 0.0;
            }
            double s = 0;
            for (double v : b[k]) {
                s += v;
            }
            for (int j = 0; j < 8; j++) {
                b[k][j] /= s;
            }
        }
        return new Matrix[] {Matrix.of(a), Matrix.of(b)};
    }

    /** K = 3, strictly positive A (mixing ≥ 0.1 each) and B (≥ 0.02 each): a wide feasible set. */
    private static Matrix[] positive() {
        SplittableRandom rng = new SplittableRandom(2);
        return new Matrix[] {Matrix.of(LatentBudgetsTest.randomStochastic(12, 3, 0.4, rng)),
            Matrix.of(LatentBudgetsTest.randomStochastic(3, 8, 0.2, rng))};
    }

    /** T rows sum to 1, A' ≥ 0, B' ≥ 0, A'·T = A, T·B = B', and A'B' = AB. */
    private static void assertFeasible(IdentifiabilityReport.Extreme e, Matrix a, Matrix b, String what) {
        assertFeasible(e, a, b, 0.0, what);
        LatentBudgetsTest.assertRowStochastic(e.b().copy(), 1e-9, what + " B'");
    }

    private static void assertFeasible(IdentifiabilityReport.Extreme e, Matrix a, Matrix b, double slack,
                                       String what) {
        Matrix t = e.t();
        for (int i = 0; i < t.rows(); i++) {
            double s = 0;
            for (int j = 0; j < t.cols(); j++) {
                s += t.get(i, j);
            }
            assertEquals(1.0, s, 1e-9, what + " T row " + i);
        }
        for (int q = 0; q < e.a().size(); q++) {
            assertTrue(e.a().getFlat(q) >= -slack - 1e-9, what + " A T⁻¹ entry " + e.a().getFlat(q));
        }
        for (int q = 0; q < e.b().size(); q++) {
            assertTrue(e.b().getFlat(q) >= -slack - 1e-9, what + " T B entry " + e.b().getFlat(q));
        }
        assertTrue(e.a().times(t).minus(a).frobeniusNorm() < 1e-9, what + " A'T = A");
        assertTrue(t.times(b).minus(e.b()).frobeniusNorm() < 1e-9, what + " TB = B'");
        assertTrue(e.a().times(e.b()).minus(a.times(b)).frobeniusNorm() < 1e-9, what + " A'B' = AB");
    }

    @Test
    void separableModelIsUnique() {
        Matrix[] ab = separable();
        IdentifiabilityReport r = Identifiability.analyze(ab[0], ab[1]);
        assertEquals(IdentifiabilityReport.Verdict.UNIQUE, r.verdict());
        assertTrue(r.separable());
        assertEquals(r.inner().distance(), r.outer().distance(), 1e-9);
        assertEquals(r.fitted().distance(), r.inner().distance(), 1e-9);
        assertEquals(0.0, r.volumeGap(), 1e-9);
        for (int k = 0; k < 3; k++) {
            assertEquals(1, r.pureColumnsPerBudget()[k]);
            assertEquals(1, r.pureRowsPerComponent()[k]);
        }
        assertFeasible(r.inner(), ab[0], ab[1], "inner");
        assertFeasible(r.outer(), ab[0], ab[1], "outer");
    }

    @Test
    void positiveModelIsNotUniqueAndExtremesBracketTheFit() {
        Matrix[] ab = positive();
        IdentifiabilityReport r = Identifiability.analyze(ab[0], ab[1]);
        assertEquals(IdentifiabilityReport.Verdict.NOT_UNIQUE, r.verdict());
        assertTrue(r.outer().distance() > r.fitted().distance() + 1e-3, "outer " + r.outer().distance());
        assertTrue(r.inner().distance() < r.fitted().distance() - 1e-3, "inner " + r.inner().distance());
        assertTrue(r.volumeGap() > 0, "volume gap " + r.volumeGap());
        assertTrue(!r.separable());
        assertFeasible(r.inner(), ab[0], ab[1], "inner");
        assertFeasible(r.outer(), ab[0], ab[1], "outer");
        // the extremes lie on the boundary: inner budgets touch the data (a zero in A T⁻¹), outer budgets
        // touch the simplex (a zero in T B)
        assertTrue(min(r.inner().a()) < 1e-3, "min of inner A' " + min(r.inner().a()));
        assertTrue(min(r.outer().b()) < 1e-3, "min of outer B' " + min(r.outer().b()));
    }

    @Test
    void separableBudgetsAloneOnlyStopTheOuterExpansion() {
        // B has the scaled-identity block but A has no pure rows: T B ≥ 0 forces T ≥ 0, so budgets can
        // only shrink (outer = fitted) while the inner extreme moves towards the data
        Matrix a = positive()[0];
        Matrix b = separable()[1];
        IdentifiabilityReport r = Identifiability.analyze(a, b);
        assertEquals(IdentifiabilityReport.Verdict.NOT_UNIQUE, r.verdict());
        assertEquals(r.fitted().distance(), r.outer().distance(), 1e-9);
        assertTrue(r.inner().distance() < r.fitted().distance() - 1e-3, "inner " + r.inner().distance());
        assertFeasible(r.inner(), a, b, "inner");
    }

    private static double min(Matrix m) {
        double v = Double.POSITIVE_INFINITY;
        for (int q = 0; q < m.size(); q++) {
            v = Math.min(v, m.getFlat(q));
        }
        return v;
    }

    @Test
    void singleComponentIsTriviallyUnique() {
        Matrix a = Matrix.of(new double[][] {{1}, {1}});
        Matrix b = Matrix.of(new double[][] {{0.25, 0.75}});
        IdentifiabilityReport r = Identifiability.analyze(a, b);
        assertEquals(IdentifiabilityReport.Verdict.UNIQUE, r.verdict());
        assertEquals(0.0, r.inner().distance());
    }

    @Test
    void badInputsAreRefused() {
        Matrix[] ab = positive();
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> Identifiability.analyze(ab[0], ab[0]));
        assertTrue(shape.getMessage().contains("K"), shape.getMessage());
        Matrix a5 = Matrix.of(LatentBudgetsTest.randomStochastic(6, 5, 0.1, new SplittableRandom(3)));
        Matrix b5 = Matrix.of(LatentBudgetsTest.randomStochastic(5, 7, 0.1, new SplittableRandom(4)));
        IllegalArgumentException big = assertThrows(IllegalArgumentException.class,
                () -> Identifiability.analyze(a5, b5));
        assertTrue(big.getMessage().contains("K = 5"), big.getMessage());
        Matrix notStochastic = ab[0].copy();
        notStochastic.set(4, 0, notStochastic.get(4, 0) + 0.5);
        IllegalArgumentException rows = assertThrows(IllegalArgumentException.class,
                () -> Identifiability.analyze(notStochastic, ab[1]));
        assertTrue(rows.getMessage().contains("row 4"), rows.getMessage());
        Matrix negative = ab[1].copy();
        negative.set(1, 2, -0.1);
        negative.set(1, 3, negative.get(1, 3) + 0.1);
        IllegalArgumentException neg = assertThrows(IllegalArgumentException.class,
                () -> Identifiability.analyze(ab[0], negative));
        assertTrue(neg.getMessage().contains("[1][2]"), neg.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Identifiability.analyze(ab[0], ab[1], -1, 0));
    }

    @Test
    void timeBudgetLbaLsK3() throws IOException {
        Assumptions.assumeTrue(Files.isReadable(TIME_BUDGET), "time_budget.csv not available");
        List<String> lines = Files.readAllLines(TIME_BUDGET);
        String[] header = lines.get(0).split(",");
        int first = List.of(header).indexOf("paidwork");
        double[][] x = new double[lines.size() - 1][header.length - first];
        for (int i = 1; i < lines.size(); i++) {
            String[] parts = lines.get(i).split(",");
            for (int j = first; j < header.length; j++) {
                x[i - 1][j - first] = Double.parseDouble(parts[j]);
            }
        }
        assertEquals(30, x.length);
        assertEquals(18, x[0].length);
        LatentBudgetFit fit = LatentBudgets.fit(Matrix.of(x), 3, LatentBudgetModel.LBA_LS,
                NmfSettings.defaults().withMaxIterations(1000).withTolerance(1e-6));
        LatentBudgetsTest.assertRowStochastic(fit.a(), 1e-9, "A");
        LatentBudgetsTest.assertRowStochastic(fit.b(), 1e-9, "B");
        IdentifiabilityReport r = Identifiability.analyze(fit);
        assertFeasible(r.inner(), fit.a(), fit.b(), "inner");
        assertFeasible(r.outer(), fit.a(), fit.b(), "outer");
        assertTrue(r.inner().distance() <= r.fitted().distance() + 1e-12);
        assertTrue(r.outer().distance() >= r.fitted().distance() - 1e-12);
        assertTrue(Double.isFinite(r.volumeGap()));
        IdentifiabilityReport relaxed = Identifiability.analyze(fit.a(), fit.b(), Identifiability.DEFAULT_TOLERANCE,
                0L, Identifiability.LBA_SLACK);
        assertFeasible(relaxed.inner(), fit.a(), fit.b(), Identifiability.LBA_SLACK, "relaxed inner");
        assertFeasible(relaxed.outer(), fit.a(), fit.b(), Identifiability.LBA_SLACK, "relaxed outer");
        assertTrue(relaxed.inner().distance() <= r.inner().distance() + 1e-12);
        assertTrue(relaxed.outer().distance() >= r.outer().distance() - 1e-12);
    }
}
