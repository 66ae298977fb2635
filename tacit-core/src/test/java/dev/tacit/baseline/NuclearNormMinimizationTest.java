package dev.tacit.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.data.EntrySample;
import dev.tacit.data.LinearMeasurements;
import dev.tacit.data.LowRankGenerator;
import dev.tacit.data.Seeds;
import dev.tacit.diagnostics.Spectra;
import dev.tacit.linalg.Matrix;
import org.junit.jupiter.api.Test;

class NuclearNormMinimizationTest {

    private static final double FEASIBLE = 1e-6;

    private static Matrix truth(int n, int rank, long seed) {
        return LowRankGenerator.generate(n, n, rank, Seeds.stream(seed, Seeds.Stream.GROUND_TRUTH));
    }

    private static EntrySample entries(Matrix truth, int m, long seed) {
        return EntrySample.sampleUniform(truth, m, Seeds.stream(seed, Seeds.Stream.OBSERVATIONS));
    }

    private static double relativeSquaredError(Matrix x, Matrix truth) {
        return x.minus(truth).frobeniusNormSquared() / truth.frobeniusNormSquared();
    }

    private static double nuclearNorm(Matrix x) {
        return Spectra.nuclearNorm(x.singularValues());
    }

    /** Recomputes the violation reported by the solver, from the returned matrix. */
    private static double violation(Matrix x, EntrySample s, double delta) {
        double worst = 0;
        for (int k = 0; k < s.size(); k++) {
            worst = Math.max(worst, Math.abs(x.get(s.row(k), s.col(k)) - s.value(k)) - delta);
        }
        return worst;
    }

    @Test
    void smallPlantedCompletionIsRecovered() {
        Matrix w = truth(30, 2, 7);
        EntrySample s = entries(w, 540, 7); // 60% of the entries
        NuclearNormResult r = NuclearNormMinimization.builder().tolerance(1e-6).build().complete(s);
        assertTrue(r.converged());
        double relativeError = r.solution().minus(w).frobeniusNorm() / w.frobeniusNorm();
        assertTrue(relativeError < 1e-3, "relative error " + relativeError);
        assertTrue(r.maxConstraintViolation() <= FEASIBLE, "violation " + r.maxConstraintViolation());
        assertTrue(violation(r.solution(), s, 1e-6) <= FEASIBLE);
        assertEquals(nuclearNorm(r.solution()), r.nuclearNorm(), 1e-9 * r.nuclearNorm());
        assertEquals(nuclearNorm(w), r.nuclearNorm(), 1e-4 * nuclearNorm(w));
        assertTrue(r.iterations() >= 1 && r.seconds() > 0);
    }

    @Test
    void equalityConstraintsRecoverExactly() {
        Matrix w = truth(30, 2, 3);
        EntrySample s = entries(w, 540, 3);
        NuclearNormResult r = NuclearNormMinimization.builder().tolerance(0).build().complete(s);
        assertTrue(r.converged());
        assertTrue(relativeSquaredError(r.solution(), w) < 1e-9);
        assertTrue(r.maxConstraintViolation() <= 1e-12);
    }

    /** Arora et al. 2019: n = 100, rank 5, 5000 observed entries, δ = 1e-3: exact recovery. */
    @Test
    void paperSettingRecoversWith5000Observations() {
        Matrix w = truth(100, 5, 0);
        EntrySample s = entries(w, 5000, 0);
        NuclearNormResult r = NuclearNormMinimization.withDefaults().complete(s);
        assertTrue(r.converged());
        double error = relativeSquaredError(r.solution(), w);
        assertTrue(error <= 1e-4, "relative squared error " + error);
        double gt = nuclearNorm(w);
        assertEquals(gt, r.nuclearNorm(), 2e-3 * gt);
        assertTrue(r.maxConstraintViolation() <= FEASIBLE, "violation " + r.maxConstraintViolation());
        assertTrue(violation(r.solution(), s, NuclearNormMinimization.DEFAULT_TOLERANCE) <= FEASIBLE);
        assertEquals(5.0, Spectra.effectiveRank(r.solution().singularValues()), 0.2);
    }

    /**
     * Arora et al. 2019: with 2000 observations the minimum-nuclear-norm solution is not W*: its nuclear
     * norm is below the ground truth's (210.15 vs ~221 for their draw) and it has a large error.
     */
    @Test
    void paperSettingFailsWith2000Observations() {
        Matrix w = truth(100, 5, 0);
        EntrySample s = entries(w, 2000, 0);
        NuclearNormResult r = NuclearNormMinimization.withDefaults().complete(s);
        assertTrue(r.converged());
        double error = relativeSquaredError(r.solution(), w);
        assertTrue(error >= 1e-3, "relative squared error " + error);
        assertTrue(r.nuclearNorm() < nuclearNorm(w), r.nuclearNorm() + " vs ground truth " + nuclearNorm(w));
        assertTrue(r.maxConstraintViolation() <= FEASIBLE, "violation " + r.maxConstraintViolation());
        assertTrue(Spectra.effectiveRank(r.solution().singularValues()) > 5.5);
    }

    @Test
    void smallSensingIsRecovered() {
        Matrix w = truth(20, 2, 1);
        LinearMeasurements data = LinearMeasurements.gaussian(w, 300, Seeds.stream(1, Seeds.Stream.OBSERVATIONS));
        NuclearNormResult r = NuclearNormMinimization.withDefaults().sense(data);
        assertTrue(r.converged());
        double error = relativeSquaredError(r.solution(), w);
        assertTrue(error <= 1e-4, "relative squared error " + error);
        assertTrue(r.maxConstraintViolation() <= FEASIBLE, "violation " + r.maxConstraintViolation());
        assertTrue(sensingViolation(r.solution(), data, NuclearNormMinimization.DEFAULT_TOLERANCE) <= FEASIBLE);
        assertEquals(nuclearNorm(w), r.nuclearNorm(), 2e-3 * nuclearNorm(w));
    }

    @Test
    void overdeterminedSensingIsFeasible() {
        // m > n₁n₂: the other factorization (I + 𝒜ᵀ𝒜) and the least-squares restoration
        Matrix w = truth(8, 2, 2);
        LinearMeasurements data = LinearMeasurements.gaussian(w, 100, Seeds.stream(2, Seeds.Stream.OBSERVATIONS));
        NuclearNormResult r = NuclearNormMinimization.withDefaults().sense(data);
        assertTrue(r.converged());
        assertTrue(relativeSquaredError(r.solution(), w) <= 1e-4);
        assertTrue(r.maxConstraintViolation() <= FEASIBLE, "violation " + r.maxConstraintViolation());
    }

    @Test
    void fewSensingMeasurementsGiveASmallerNuclearNorm() {
        Matrix w = truth(20, 2, 4);
        LinearMeasurements data = LinearMeasurements.gaussian(w, 60, Seeds.stream(4, Seeds.Stream.OBSERVATIONS));
        NuclearNormResult r = NuclearNormMinimization.withDefaults().sense(data);
        assertTrue(r.converged());
        assertTrue(r.maxConstraintViolation() <= FEASIBLE);
        assertTrue(r.nuclearNorm() < nuclearNorm(w));
    }

    @Test
    void solutionScalesWithTheData() {
        // positive homogeneity: (1000·y, 1000·δ) has solution 1000·X
        Matrix w = truth(20, 2, 5);
        EntrySample s = entries(w, 240, 5);
        int m = s.size();
        int[] rows = s.rowIndices();
        int[] cols = s.colIndices();
        double[] values = s.values();
        for (int k = 0; k < m; k++) {
            values[k] *= 1000;
        }
        EntrySample big = EntrySample.of(20, 20, rows, cols, values);
        NuclearNormResult a = NuclearNormMinimization.builder().tolerance(1e-3).build().complete(s);
        NuclearNormResult b = NuclearNormMinimization.builder().tolerance(1.0).build().complete(big);
        assertEquals(a.iterations(), b.iterations());
        assertEquals(1000 * a.nuclearNorm(), b.nuclearNorm(), 1e-9 * b.nuclearNorm());
        Matrix scaled = a.solution().copy();
        scaled.scale(1000);
        assertTrue(scaled.minus(b.solution()).frobeniusNorm() <= 1e-9 * b.solution().frobeniusNorm());
    }

    @Test
    void constraintsThatZeroSatisfiesGiveZero() {
        EntrySample s = EntrySample.of(3, 4, new int[] {0, 2}, new int[] {1, 3}, new double[] {5e-4, -5e-4});
        NuclearNormResult r = NuclearNormMinimization.withDefaults().complete(s);
        assertTrue(r.converged());
        assertEquals(0.0, r.solution().frobeniusNorm(), 0);
        assertEquals(0.0, r.nuclearNorm(), 0);
        assertEquals(0.0, r.maxConstraintViolation(), 0);
        assertEquals(3, r.solution().rows());
        assertEquals(4, r.solution().cols());
    }

    @Test
    void iterationBudgetIsHonoured() {
        Matrix w = truth(30, 2, 6);
        NuclearNormResult r = NuclearNormMinimization.builder().maxIterations(3).build().complete(entries(w, 400, 6));
        assertEquals(3, r.iterations());
        assertTrue(!r.converged());
        // still feasible: the final correction does not depend on convergence
        assertTrue(r.maxConstraintViolation() <= FEASIBLE);
    }

    @Test
    void shrinkSoftThresholdsSingularValues() {
        Matrix v = Matrix.of(new double[][] {{3, 0, 0}, {0, -1, 0}, {0, 0, 0.5}});
        Matrix out = Matrix.zeros(3, 3);
        double nuclear = NuclearNormMinimization.shrink(v, 0.75, out);
        assertEquals(2.25 + 0.25, nuclear, 1e-12);
        double[][] expected = {{2.25, 0, 0}, {0, -0.25, 0}, {0, 0, 0}};
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(expected[i][j], out.get(i, j), 1e-12);
            }
        }
        assertEquals(0.0, NuclearNormMinimization.shrink(v, 3.0, out), 0);
        assertEquals(0.0, out.frobeniusNorm(), 0);
    }

    @Test
    void builderKeepsSettingsAndRejectsBadValues() {
        NuclearNormMinimization d = NuclearNormMinimization.withDefaults();
        assertEquals(NuclearNormMinimization.DEFAULT_TOLERANCE, d.tolerance());
        assertEquals(NuclearNormMinimization.DEFAULT_MAX_ITERATIONS, d.maxIterations());
        assertEquals(NuclearNormMinimization.DEFAULT_CONVERGENCE_TOLERANCE, d.convergenceTolerance());
        assertEquals(NuclearNormMinimization.DEFAULT_INITIAL_PENALTY, d.initialPenalty());
        assertEquals(NuclearNormMinimization.DEFAULT_RELAXATION, d.relaxation());
        NuclearNormMinimization c = NuclearNormMinimization.builder().tolerance(0.5).maxIterations(7)
                .convergenceTolerance(1e-8).initialPenalty(3).relaxation(1.0).build();
        assertEquals(0.5, c.tolerance());
        assertEquals(7, c.maxIterations());
        assertEquals(1e-8, c.convergenceTolerance());
        assertEquals(3, c.initialPenalty());
        assertEquals(1.0, c.relaxation());
        NuclearNormMinimization.Builder b = NuclearNormMinimization.builder();
        assertThrows(IllegalArgumentException.class, () -> b.tolerance(-1));
        assertThrows(IllegalArgumentException.class, () -> b.tolerance(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> b.maxIterations(0));
        assertThrows(IllegalArgumentException.class, () -> b.convergenceTolerance(0));
        assertThrows(IllegalArgumentException.class, () -> b.initialPenalty(-2));
        assertThrows(IllegalArgumentException.class, () -> b.relaxation(2));
    }

    private static double sensingViolation(Matrix x, LinearMeasurements data, double delta) {
        Matrix a = data.operator();
        double worst = 0;
        for (int k = 0; k < data.size(); k++) {
            double t = 0;
            for (int q = 0; q < x.size(); q++) {
                t += a.get(k, q) * x.getFlat(q);
            }
            worst = Math.max(worst, Math.abs(t - data.value(k)) - delta);
        }
        return worst;
    }
}
