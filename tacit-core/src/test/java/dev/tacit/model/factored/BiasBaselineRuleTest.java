package dev.tacit.model.factored;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.data.EntrySample;
import dev.tacit.fit.FitResult;
import dev.tacit.fit.StopReason;
import dev.tacit.fit.Trainer;
import dev.tacit.linalg.EntryPattern;
import dev.tacit.model.deep.DeepProduct;
import dev.tacit.model.deep.Init;
import dev.tacit.objective.CompletionLoss;
import dev.tacit.objective.EntryLoss;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BiasBaselineRuleTest {

    // 3 users × 4 items: user 2 rates one item, item 3 is never rated
    private static final int[] USERS = {0, 0, 0, 1, 1, 2};
    private static final int[] ITEMS = {0, 1, 2, 0, 2, 1};
    private static final double[] RATINGS = {4, 3, 5, 2, 4, 1};

    private static EntryLoss tiny() {
        return new EntryLoss(EntryPattern.of(3, 4, USERS, ITEMS), RATINGS);
    }

    @Test
    void defaultsAreSurprises() {
        assertEquals(15.0, BiasBaselineRule.DEFAULT_REG_USER);
        assertEquals(10.0, BiasBaselineRule.DEFAULT_REG_ITEM);
        assertEquals(10, BiasBaselineRule.DEFAULT_EPOCHS);
        BiasBaselineRule r = new BiasBaselineRule();
        assertEquals(15.0, r.regUser());
        assertEquals(10.0, r.regItem());
    }

    @Test
    void sweepsMatchTheClosedFormComputedDirectly() {
        double mu = 19.0 / 6;
        double lu = 2.0;
        double li = 3.0;
        double[] bu = new double[3];
        double[] bi = new double[4];
        FactoredProduct model = BiasBaselineRule.initialModel(3, 4, mu);
        BiasBaselineRule rule = new BiasBaselineRule(lu, li);
        EntryLoss loss = tiny();
        rule.init(model, loss);
        for (int sweep = 0; sweep < 3; sweep++) {
            // direct: b_i = Σ_{u∈R(i)} (r − μ − b_u) / (λ_i + |R(i)|), then b_u with the new b_i
            for (int i = 0; i < 4; i++) {
                double s = 0;
                int n = 0;
                for (int e = 0; e < RATINGS.length; e++) {
                    if (ITEMS[e] == i) {
                        s += RATINGS[e] - mu - bu[USERS[e]];
                        n++;
                    }
                }
                bi[i] = s / (li + n);
            }
            for (int u = 0; u < 3; u++) {
                double s = 0;
                int n = 0;
                for (int e = 0; e < RATINGS.length; e++) {
                    if (USERS[e] == u) {
                        s += RATINGS[e] - mu - bi[ITEMS[e]];
                        n++;
                    }
                }
                bu[u] = s / (lu + n);
            }
            rule.evaluate(model, loss);
            rule.update(model, loss);
            assertArrayEquals(bu, model.factors().get(2).toArray(), 1e-12, "user biases after sweep " + sweep);
            assertArrayEquals(bi, model.factors().get(3).toArray(), 1e-12, "item biases after sweep " + sweep);
        }
        assertEquals(0.0, bi[3], "an unrated item keeps a zero bias");
        // the model predicts μ + b_u + b_i and evaluate() is the stated objective
        assertEquals(mu + bu[1] + bi[2], model.predict(1, 2), 1e-12);
        double f = 0;
        for (int e = 0; e < RATINGS.length; e++) {
            double r = RATINGS[e] - mu - bu[USERS[e]] - bi[ITEMS[e]];
            f += r * r;
        }
        for (double b : bu) {
            f += lu * b * b;
        }
        for (double b : bi) {
            f += li * b * b;
        }
        assertEquals(f, rule.evaluate(model, loss), 1e-12);
    }

    @Test
    void convergesToTheStationaryPointOfTheObjective() {
        PlantedRatings d = PlantedRatings.standard(11);
        FactoredProduct model = BiasBaselineRule.initialModel(d.users, d.items, d.mean);
        Trainer.builder().maxIterations(300).tolerance(0).logEvery(300).build()
                .fit(model, d.train, new BiasBaselineRule());
        double[] bu = model.factors().get(2).toArray();
        double[] bi = model.factors().get(3).toArray();
        double[] gu = new double[d.users];
        double[] gi = new double[d.items];
        double[] y = d.train.targets();
        EntryPattern p = d.train.pattern();
        for (int e = 0; e < y.length; e++) {
            double r = y[e] - d.mean - bu[p.row(e)] - bi[p.col(e)];
            gu[p.row(e)] -= r;
            gi[p.col(e)] -= r;
        }
        for (int u = 0; u < d.users; u++) {
            assertEquals(0.0, gu[u] + BiasBaselineRule.DEFAULT_REG_USER * bu[u], 1e-9, "∂F/∂b_u/2 at user " + u);
        }
        for (int i = 0; i < d.items; i++) {
            assertEquals(0.0, gi[i] + BiasBaselineRule.DEFAULT_REG_ITEM * bi[i], 1e-9, "∂F/∂b_i/2 at item " + i);
        }
    }

    @Test
    void objectiveNeverIncreasesAndBeatsTheMean() {
        PlantedRatings d = PlantedRatings.standard(12);
        FactoredProduct model = BiasBaselineRule.initialModel(d.users, d.items, d.mean);
        FitResult r = Trainer.builder().maxIterations(BiasBaselineRule.DEFAULT_EPOCHS).tolerance(0).logEvery(1).build()
                .fit(model, d.train, new BiasBaselineRule());
        assertEquals(StopReason.MAX_ITERATIONS, r.stopReason());
        assertEquals(BiasBaselineRule.DEFAULT_EPOCHS, r.iterations());
        double[] loss = r.history().column("train_loss");
        for (int t = 1; t < loss.length; t++) {
            assertTrue(loss[t] <= loss[t - 1] * (1 + 1e-12), "objective rose at sweep " + t);
        }
        assertTrue(loss[loss.length - 1] < 0.8 * loss[0]);
        FactoredProduct meanOnly = BiasBaselineRule.initialModel(d.users, d.items, d.mean);
        assertTrue(d.testRmse(model) < d.testRmse(meanOnly) - 0.05, "biases beat the global mean");
    }

    @Test
    void zeroesTheFactorsOfAnyWidth() {
        PlantedRatings d = PlantedRatings.standard(13);
        FactoredProduct model = FactoredProduct.initialize(d.users, d.items, 2, 4, 1.0, BiasTerms.MEAN_AND_BIASES,
                d.mean, new SplittableRandom(1));
        Trainer.builder().maxIterations(3).tolerance(0).build().fit(model, d.train, new BiasBaselineRule());
        assertEquals(0.0, model.factors().get(0).frobeniusNorm());
        assertEquals(0.0, model.factors().get(1).frobeniusNorm());
        double expected = d.mean + model.factors().get(2).getFlat(5) + model.factors().get(3).getFlat(7);
        assertEquals(expected, model.predict(5, 7), 1e-12);
    }

    @Test
    void sameDataGivesIdenticalPredictions() {
        PlantedRatings d = PlantedRatings.standard(14);
        double[][] preds = new double[2][];
        for (int run = 0; run < 2; run++) {
            FactoredProduct model = BiasBaselineRule.initialModel(d.users, d.items, d.mean);
            Trainer.builder().maxIterations(10).tolerance(0).build().fit(model, d.train, new BiasBaselineRule());
            preds[run] = d.testPredictions(model);
        }
        assertArrayEquals(preds[0], preds[1]);
    }

    @Test
    void rejectsBadArguments() {
        assertMessage(() -> new BiasBaselineRule(-1, 10), "user regularization");
        assertMessage(() -> new BiasBaselineRule(15, Double.NaN), "item regularization");
        assertMessage(() -> BiasBaselineRule.initialModel(0, 3, 1.0), "matrix size");
        assertMessage(() -> BiasBaselineRule.initialModel(3, 3, Double.POSITIVE_INFINITY), "mean");
        EntryLoss loss = tiny();
        BiasBaselineRule rule = new BiasBaselineRule();
        SplittableRandom rng = new SplittableRandom(0);
        FactoredProduct noBiases = FactoredProduct.initialize(3, 4, 2, 1, 1.0, BiasTerms.MEAN, 3.0, rng);
        assertMessage(() -> rule.init(noBiases, loss), "bias terms");
        FactoredProduct deep = FactoredProduct.initialize(3, 4, 3, 1, 1.0, BiasTerms.MEAN_AND_BIASES, 3.0, rng);
        assertMessage(() -> rule.init(deep, loss), "depth 3");
        DeepProduct dense = DeepProduct.square(3, 4, 2, Init.GAUSSIAN, 1.0, rng);
        assertMessage(() -> rule.init(dense, loss), "FactoredProduct");
        FactoredProduct model = BiasBaselineRule.initialModel(3, 4, 3.0);
        EntrySample sample = EntrySample.of(3, 4, USERS, ITEMS, RATINGS);
        assertMessage(() -> rule.init(model, new CompletionLoss(sample)), "EntryLoss");
        FactoredProduct wrongShape = BiasBaselineRule.initialModel(4, 4, 3.0);
        assertMessage(() -> rule.init(wrongShape, loss), "objective is 3x4");
    }

    static void assertMessage(org.junit.jupiter.api.function.Executable call, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(fragment), "message '" + e.getMessage() + "' should mention " + fragment);
    }
}
