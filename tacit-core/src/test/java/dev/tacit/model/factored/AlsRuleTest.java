package dev.tacit.model.factored;

import static dev.tacit.model.factored.BiasBaselineRuleTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.data.EntrySample;
import dev.tacit.fit.FitResult;
import dev.tacit.fit.Trainer;
import dev.tacit.linalg.EntryPattern;
import dev.tacit.linalg.Matrix;
import dev.tacit.objective.CompletionLoss;
import dev.tacit.objective.EntryLoss;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AlsRuleTest {

    // 4 users × 4 items: user 3 and item 3 have no ratings
    private static final int[] USERS = {0, 0, 0, 1, 1, 2, 2};
    private static final int[] ITEMS = {0, 1, 2, 0, 2, 1, 2};
    private static final double[] RATINGS = {4, 2, 5, 3, 1, 4, 2};

    @Test
    void defaultsAreSparks() {
        assertEquals(10, AlsRule.DEFAULT_RANK);
        assertEquals(0.1, AlsRule.DEFAULT_REG);
        assertEquals(10, AlsRule.DEFAULT_ITERATIONS);
        assertEquals(0.1, new AlsRule().reg());
    }

    @Test
    void initialModelHasUnitRows() {
        FactoredProduct m = AlsRule.initialModel(30, 20, 4, BiasTerms.NONE, 0.0, 3);
        for (Matrix f : m.factors()) {
            for (int r = 0; r < f.rows(); r++) {
                double n = 0;
                for (int t = 0; t < 4; t++) {
                    n += f.get(r, t) * f.get(r, t);
                }
                assertEquals(1.0, n, 1e-12);
            }
        }
        assertEquals(0.0, m.mean());
    }

    /** x = (Σ_{e∈R} f_e f_eᵀ + λ n I)⁻¹ Σ_{e∈R} y_e f_e by Gaussian elimination with partial pivoting. */
    private static double[] normalEquations(double[][] rows, double[] y, double reg) {
        int k = rows.length == 0 ? 0 : rows[0].length;
        double[][] a = new double[k][k + 1];
        for (int e = 0; e < rows.length; e++) {
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    a[i][j] += rows[e][i] * rows[e][j];
                }
                a[i][k] += y[e] * rows[e][i];
            }
        }
        for (int i = 0; i < k; i++) {
            a[i][i] += reg * rows.length;
        }
        for (int c = 0; c < k; c++) {
            int piv = c;
            for (int r = c + 1; r < k; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[piv][c])) {
                    piv = r;
                }
            }
            double[] t = a[c];
            a[c] = a[piv];
            a[piv] = t;
            for (int r = c + 1; r < k; r++) {
                double f = a[r][c] / a[c][c];
                for (int j = c; j <= k; j++) {
                    a[r][j] -= f * a[c][j];
                }
            }
        }
        double[] x = new double[k];
        for (int i = k - 1; i >= 0; i--) {
            double s = a[i][k];
            for (int j = i + 1; j < k; j++) {
                s -= a[i][j] * x[j];
            }
            x[i] = s / a[i][i];
        }
        return x;
    }

    /** Solves every row of one side directly, from the other side's factor. */
    private static double[][] direct(int n, boolean users, double[][] other, double mu, double reg) {
        double[][] out = new double[n][];
        for (int j = 0; j < n; j++) {
            int count = 0;
            for (int e = 0; e < RATINGS.length; e++) {
                count += (users ? USERS[e] : ITEMS[e]) == j ? 1 : 0;
            }
            double[][] rows = new double[count][];
            double[] y = new double[count];
            int c = 0;
            for (int e = 0; e < RATINGS.length; e++) {
                if ((users ? USERS[e] : ITEMS[e]) == j) {
                    rows[c] = other[users ? ITEMS[e] : USERS[e]];
                    y[c++] = RATINGS[e] - mu;
                }
            }
            out[j] = count == 0 ? new double[other[0].length] : normalEquations(rows, y, reg);
        }
        return out;
    }

    @Test
    void userThenItemSolvesMatchTheNormalEquations() {
        double reg = 0.3;
        for (BiasTerms bias : new BiasTerms[] {BiasTerms.NONE, BiasTerms.MEAN}) {
            double mu = bias == BiasTerms.MEAN ? 3.0 : 0.0;
            FactoredProduct model = AlsRule.initialModel(4, 4, 2, bias, mu, 8);
            double[][] v0 = model.factors().get(1).toArray2d();
            EntryLoss loss = new EntryLoss(EntryPattern.of(4, 4, USERS, ITEMS), RATINGS);
            AlsRule rule = new AlsRule(reg);
            rule.init(model, loss);
            rule.evaluate(model, loss);
            rule.update(model, loss);
            double[][] u = direct(4, true, v0, mu, reg);
            double[][] v = direct(4, false, u, mu, reg);
            double[][] gotU = model.factors().get(0).toArray2d();
            double[][] gotV = model.factors().get(1).toArray2d();
            for (int j = 0; j < 4; j++) {
                assertArrayEquals(u[j], gotU[j], 1e-12, bias + ": user " + j);
                assertArrayEquals(v[j], gotV[j], 1e-12, bias + ": item " + j);
            }
            assertArrayEquals(new double[2], gotU[3], "a user without ratings gets the zero vector");
            assertArrayEquals(new double[2], gotV[3], "an item without ratings gets the zero vector");
            // evaluate() is Σ(r − μ − uᵀv)² + λ(Σ n_u‖u‖² + Σ n_i‖v‖²)
            int[] nu = {3, 2, 2, 0};
            int[] ni = {2, 2, 3, 0};
            double f = 0;
            for (int e = 0; e < RATINGS.length; e++) {
                double r = RATINGS[e] - mu - (u[USERS[e]][0] * v[ITEMS[e]][0] + u[USERS[e]][1] * v[ITEMS[e]][1]);
                f += r * r;
            }
            for (int j = 0; j < 4; j++) {
                f += reg * nu[j] * (u[j][0] * u[j][0] + u[j][1] * u[j][1]);
                f += reg * ni[j] * (v[j][0] * v[j][0] + v[j][1] * v[j][1]);
            }
            assertEquals(f, rule.evaluate(model, loss), 1e-12);
        }
    }

    @Test
    void objectiveNeverIncreasesAndHeldOutErrorBeatsTheBiasBaseline() {
        PlantedRatings d = PlantedRatings.standard(31);
        FactoredProduct model = AlsRule.initialModel(d.users, d.items, 5, BiasTerms.MEAN, d.mean, 1);
        FitResult r = Trainer.builder().maxIterations(30).tolerance(0).logEvery(1).build()
                .fit(model, d.train, new AlsRule(0.01));
        double[] loss = r.history().column("train_loss");
        for (int t = 1; t < loss.length; t++) {
            assertTrue(loss[t] <= loss[t - 1] * (1 + 1e-12), "objective rose at sweep " + t + ": "
                    + loss[t - 1] + " -> " + loss[t]);
        }
        double baseline = d.biasBaselineRmse();
        double rmse = d.testRmse(model);
        assertTrue(rmse < 0.4 * baseline, "ALS RMSE " + rmse + " vs bias baseline " + baseline);
    }

    @Test
    void sparksDefaultsAlsoDescend() {
        PlantedRatings d = PlantedRatings.standard(32);
        FactoredProduct model = AlsRule.initialModel(d.users, d.items, AlsRule.DEFAULT_RANK, BiasTerms.NONE, 0.0, 1);
        FitResult r = Trainer.builder().maxIterations(AlsRule.DEFAULT_ITERATIONS).tolerance(0).logEvery(1).build()
                .fit(model, d.train, new AlsRule());
        double[] loss = r.history().column("train_loss");
        for (int t = 1; t < loss.length; t++) {
            assertTrue(loss[t] <= loss[t - 1] * (1 + 1e-12), "objective rose at sweep " + t);
        }
        assertTrue(d.testRmse(model) < d.biasBaselineRmse());
    }

    @Test
    void sameSeedGivesIdenticalPredictions() {
        PlantedRatings d = PlantedRatings.standard(33);
        long[] seeds = {2, 2, 3};
        double[][] preds = new double[3][];
        for (int run = 0; run < 3; run++) {
            FactoredProduct model = AlsRule.initialModel(d.users, d.items, 5, BiasTerms.MEAN, d.mean, seeds[run]);
            Trainer.builder().maxIterations(3).tolerance(0).build().fit(model, d.train, new AlsRule(0.05));
            preds[run] = d.testPredictions(model);
        }
        assertArrayEquals(preds[0], preds[1]);
        assertFalse(Arrays.equals(preds[0], preds[2]));
    }

    @Test
    void theTwoHalvesGiveTheSequentialSolve() {
        PlantedRatings d = PlantedRatings.standard(34);
        FactoredProduct model = AlsRule.initialModel(d.users, d.items, 4, BiasTerms.MEAN, d.mean, 5);
        double[] v0 = model.factors().get(1).toArray();
        AlsRule rule = new AlsRule(0.05);
        rule.init(model, d.train);
        rule.update(model, d.train);
        // users solved in one sequential range from the same V give bit-identical rows
        RatingData data = RatingData.of(d.train, model, "test");
        double[] y = d.train.targets();
        for (int e = 0; e < y.length; e++) {
            y[e] -= d.mean;
        }
        double[] u = new double[d.users * 4];
        AlsRule.solveRange(data.userPtr, data.byUser, data.item, y, v0, 4, 0.05, 0, d.users, u);
        assertArrayEquals(u, model.factors().get(0).toArray());
    }

    @Test
    void rejectsBadArguments() {
        assertMessage(() -> new AlsRule(0), "regularization");
        assertMessage(() -> new AlsRule(Double.POSITIVE_INFINITY), "regularization");
        assertMessage(() -> AlsRule.initialModel(0, 3, 2, BiasTerms.NONE, 0, 1), "matrix size");
        assertMessage(() -> AlsRule.initialModel(3, 3, 0, BiasTerms.NONE, 0, 1), "rank");
        assertMessage(() -> AlsRule.initialModel(3, 3, 2, BiasTerms.MEAN_AND_BIASES, 0, 1), "no biases");
        EntryLoss loss = new EntryLoss(EntryPattern.of(4, 4, USERS, ITEMS), RATINGS);
        AlsRule rule = new AlsRule();
        FactoredProduct biased = BiasedMfSgdRule.initialModel(4, 4, 2, 3.0, 1);
        assertMessage(() -> rule.init(biased, loss), "bias terms");
        FactoredProduct model = AlsRule.initialModel(4, 4, 2, BiasTerms.NONE, 0, 1);
        assertMessage(() -> rule.init(model, new CompletionLoss(EntrySample.of(4, 4, USERS, ITEMS, RATINGS))),
                "EntryLoss");
        FactoredProduct wrong = AlsRule.initialModel(5, 4, 2, BiasTerms.NONE, 0, 1);
        assertMessage(() -> rule.init(wrong, loss), "the model is 5x4");
    }
}
