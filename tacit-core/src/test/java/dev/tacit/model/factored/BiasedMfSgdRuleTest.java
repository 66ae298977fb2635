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
import dev.tacit.objective.CompletionLoss;
import dev.tacit.objective.EntryLoss;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BiasedMfSgdRuleTest {

    private static final int[] USERS = {0, 0, 1, 1, 2, 2, 2};
    private static final int[] ITEMS = {0, 2, 1, 2, 0, 1, 2};
    private static final double[] RATINGS = {4, 2, 5, 3, 1, 4, 2};

    @Test
    void defaultsAreSurprises() {
        assertEquals(100, BiasedMfSgdRule.DEFAULT_FACTORS);
        assertEquals(0.005, BiasedMfSgdRule.DEFAULT_LEARNING_RATE);
        assertEquals(0.02, BiasedMfSgdRule.DEFAULT_REGULARIZATION);
        assertEquals(20, BiasedMfSgdRule.DEFAULT_EPOCHS);
        assertEquals(0.1, BiasedMfSgdRule.DEFAULT_INIT_STD);
        BiasedMfSgdRule r = new BiasedMfSgdRule(3);
        assertEquals(0.005, r.learningRate());
        assertEquals(0.02, r.regularization());
        assertEquals(3, r.seed());
    }

    @Test
    void initialModelDrawsSurprisesInit() {
        FactoredProduct m = BiasedMfSgdRule.initialModel(200, 150, 20, 3.5, 9);
        assertEquals(2, m.depth());
        assertEquals(20, m.width());
        assertEquals(BiasTerms.MEAN_AND_BIASES, m.biasTerms());
        assertEquals(3.5, m.mean());
        double[] u = m.factors().get(0).toArray();
        double std = Math.sqrt(Arrays.stream(u).map(x -> x * x).sum() / u.length);
        assertEquals(0.1, std, 0.003);
        assertEquals(0.0, m.factors().get(2).frobeniusNorm());
        assertEquals(0.0, m.factors().get(3).frobeniusNorm());
        assertArrayEquals(u, BiasedMfSgdRule.initialModel(200, 150, 20, 3.5, 9).factors().get(0).toArray());
    }

    @Test
    void epochFollowsSurprisesStepsInTheSeededOrder() {
        int k = 3;
        double mu = 3.0;
        double lr = 0.1;
        double reg = 0.05;
        long seed = 42;
        FactoredProduct model = BiasedMfSgdRule.initialModel(3, 3, k, mu, 5);
        double[] p = model.factors().get(0).toArray();
        double[] q = model.factors().get(1).toArray();
        double[] bu = new double[3];
        double[] bi = new double[3];
        EntryLoss loss = new EntryLoss(EntryPattern.of(3, 3, USERS, ITEMS), RATINGS);
        BiasedMfSgdRule rule = new BiasedMfSgdRule(lr, reg, seed);
        rule.init(model, loss);
        for (int epoch = 0; epoch < 2; epoch++) {
            int[] order = BiasedMfSgdRule.shuffledOrder(RATINGS.length,
                    new SplittableRandom(dev.tacit.data.Seeds.derive(seed, epoch + 1L)));
            for (int e : order) {
                int u = USERS[e];
                int i = ITEMS[e];
                double dot = 0;
                for (int f = 0; f < k; f++) {
                    dot += p[u * k + f] * q[i * k + f];
                }
                double err = RATINGS[e] - (mu + bu[u] + bi[i] + dot);
                bu[u] += lr * (err - reg * bu[u]);
                bi[i] += lr * (err - reg * bi[i]);
                for (int f = 0; f < k; f++) {
                    double puf = p[u * k + f];
                    double qif = q[i * k + f];
                    p[u * k + f] += lr * (err * qif - reg * puf);
                    q[i * k + f] += lr * (err * puf - reg * qif);
                }
            }
            rule.evaluate(model, loss);
            rule.update(model, loss);
            assertArrayEquals(p, model.factors().get(0).toArray(), 1e-13, "P after epoch " + epoch);
            assertArrayEquals(q, model.factors().get(1).toArray(), 1e-13, "Q after epoch " + epoch);
            assertArrayEquals(bu, model.factors().get(2).toArray(), 1e-13, "b_u after epoch " + epoch);
            assertArrayEquals(bi, model.factors().get(3).toArray(), 1e-13, "b_i after epoch " + epoch);
        }
        // the model predicts with the state after the last epoch, and evaluate() is the stated objective
        double dot12 = p[3] * q[6] + p[4] * q[7] + p[5] * q[8];
        assertEquals(mu + bu[1] + bi[2] + dot12, model.predict(1, 2), 1e-12);
        int[] nu = {2, 2, 3};
        int[] ni = {2, 2, 3};
        double f = 0;
        for (int e = 0; e < RATINGS.length; e++) {
            double r = RATINGS[e] - model.predict(USERS[e], ITEMS[e]);
            f += r * r;
        }
        for (int u = 0; u < 3; u++) {
            f += reg * nu[u] * (bu[u] * bu[u] + p[u * k] * p[u * k] + p[u * k + 1] * p[u * k + 1]
                    + p[u * k + 2] * p[u * k + 2]);
        }
        for (int i = 0; i < 3; i++) {
            f += reg * ni[i] * (bi[i] * bi[i] + q[i * k] * q[i * k] + q[i * k + 1] * q[i * k + 1]
                    + q[i * k + 2] * q[i * k + 2]);
        }
        assertEquals(f / RATINGS.length, rule.evaluate(model, loss), 1e-12);
    }

    @Test
    void shuffledOrderIsAPermutation() {
        int[] order = BiasedMfSgdRule.shuffledOrder(1000, new SplittableRandom(1));
        int[] sorted = order.clone();
        Arrays.sort(sorted);
        for (int e = 0; e < sorted.length; e++) {
            assertEquals(e, sorted[e]);
        }
        assertFalse(Arrays.equals(order, BiasedMfSgdRule.shuffledOrder(1000, new SplittableRandom(2))));
    }

    private static FitResult fit(PlantedRatings d, FactoredProduct model, long seed) {
        return Trainer.builder().maxIterations(100).tolerance(0).logEvery(10).build()
                .fit(model, d.train, new BiasedMfSgdRule(0.02, 0.02, seed));
    }

    @Test
    void beatsTheBiasBaselineOnHeldOutRatings() {
        PlantedRatings d = PlantedRatings.standard(21);
        FactoredProduct model = BiasedMfSgdRule.initialModel(d.users, d.items, 10, d.mean, 1);
        FitResult r = fit(d, model, 2);
        double[] loss = r.history().column("train_loss");
        assertTrue(loss[loss.length - 1] < 0.2 * loss[0], "training objective fell: " + Arrays.toString(loss));
        double baseline = d.biasBaselineRmse();
        double rmse = d.testRmse(model);
        assertTrue(rmse < 0.6 * baseline, "SGD MF RMSE " + rmse + " vs bias baseline " + baseline);
    }

    @Test
    void sameSeedGivesIdenticalPredictions() {
        PlantedRatings d = PlantedRatings.standard(22);
        double[][] preds = new double[3][];
        long[] seeds = {4, 4, 5};
        for (int run = 0; run < 3; run++) {
            FactoredProduct model = BiasedMfSgdRule.initialModel(d.users, d.items, 5, d.mean, 1);
            Trainer.builder().maxIterations(5).tolerance(0).build()
                    .fit(model, d.train, new BiasedMfSgdRule(0.02, 0.02, seeds[run]));
            preds[run] = d.testPredictions(model);
        }
        assertArrayEquals(preds[0], preds[1]);
        assertFalse(Arrays.equals(preds[0], preds[2]), "another seed visits the ratings in another order");
    }

    @Test
    void trainsModelsWithoutBiases() {
        PlantedRatings d = PlantedRatings.standard(23);
        FactoredProduct model = FactoredProduct.ofFactors(d.users, d.items, 2, BiasTerms.MEAN, d.mean, java.util.List.of(
                BiasedMfSgdRule.initialModel(d.users, d.items, 5, d.mean, 1).factors().get(0),
                BiasedMfSgdRule.initialModel(d.users, d.items, 5, d.mean, 1).factors().get(1)));
        FitResult r = Trainer.builder().maxIterations(30).tolerance(0).logEvery(30).build()
                .fit(model, d.train, new BiasedMfSgdRule(0.02, 0.02, 1));
        double[] loss = r.history().column("train_loss");
        assertTrue(loss[1] < 0.5 * loss[0]);
    }

    @Test
    void twentyEpochsOnEightyThousandRatingsRunToTheEnd() {
        int users = 943;
        int items = 1682;
        int m = 80_000;
        SplittableRandom rng = new SplittableRandom(7);
        int[] u = new int[m];
        int[] i = new int[m];
        double[] r = new double[m];
        for (int e = 0; e < m; e++) {
            u[e] = rng.nextInt(users);
            i[e] = rng.nextInt(items);
            r[e] = 1 + rng.nextInt(5);
        }
        EntryLoss loss = new EntryLoss(EntryPattern.of(users, items, u, i), r);
        FactoredProduct model = BiasedMfSgdRule.initialModel(users, items, BiasedMfSgdRule.DEFAULT_FACTORS, 3.0, 1);
        FitResult fit = Trainer.builder().maxIterations(BiasedMfSgdRule.DEFAULT_EPOCHS).tolerance(0).logEvery(100)
                .build().fit(model, loss, new BiasedMfSgdRule(1));
        assertEquals(BiasedMfSgdRule.DEFAULT_EPOCHS, fit.iterations());
        assertTrue(Double.isFinite(fit.trainLoss()));
        // speed is measured by bench/ml100k.sh (docs/BENCHMARKS.md), not here
    }

    @Test
    void rejectsBadArguments() {
        assertMessage(() -> new BiasedMfSgdRule(0, 0.02, 1), "learning rate");
        assertMessage(() -> new BiasedMfSgdRule(Double.NaN, 0.02, 1), "learning rate");
        assertMessage(() -> new BiasedMfSgdRule(0.005, -0.1, 1), "regularization");
        assertMessage(() -> BiasedMfSgdRule.initialModel(3, 0, 2, 3.0, 1), "matrix size");
        assertMessage(() -> BiasedMfSgdRule.initialModel(3, 3, 0, 3.0, 1), "number of factors");
        assertMessage(() -> BiasedMfSgdRule.initialModel(3, 3, 2, Double.NaN, 1), "mean");
        BiasedMfSgdRule rule = new BiasedMfSgdRule(1);
        EntryLoss loss = new EntryLoss(EntryPattern.of(3, 3, USERS, ITEMS), RATINGS);
        FactoredProduct deep = FactoredProduct.initialize(3, 3, 3, 2, 1.0, BiasTerms.MEAN_AND_BIASES, 3.0,
                new SplittableRandom(0));
        assertMessage(() -> rule.init(deep, loss), "depth 3");
        FactoredProduct model = BiasedMfSgdRule.initialModel(3, 3, 2, 3.0, 1);
        assertMessage(() -> rule.init(model, new CompletionLoss(EntrySample.of(3, 3, USERS, ITEMS, RATINGS))),
                "EntryLoss");
    }
}
