package dev.tacit.model.factored;

import static dev.tacit.model.factored.BiasBaselineRuleTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.data.EntrySample;
import dev.tacit.fit.FitResult;
import dev.tacit.fit.StopReason;
import dev.tacit.fit.Trainer;
import dev.tacit.linalg.EntryPattern;
import dev.tacit.linalg.Matrix;
import dev.tacit.linalg.Transpose;
import dev.tacit.objective.CompletionLoss;
import dev.tacit.objective.EntryLoss;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SoftImputeTest {

    // 5 users × 4 items, 11 of 20 entries observed
    private static final int[] USERS = {0, 0, 1, 1, 1, 2, 2, 3, 3, 4, 4};
    private static final int[] ITEMS = {0, 2, 0, 1, 3, 1, 2, 0, 3, 2, 3};
    private static final double[] RATINGS = {4, 2, 5, 3, 1, 4, 2, 5, 3, 1, 2};

    private static EntryLoss tiny() {
        return new EntryLoss(EntryPattern.of(5, 4, USERS, ITEMS), RATINGS);
    }

    /** X* = P_Ω(X) + P_Ω⊥(A·Bᵀ), X the ratings centred by μ; dense, for the tiny example only. */
    private static Matrix filled(Matrix a, Matrix b, double mu) {
        Matrix x = Matrix.zeros(a.rows(), b.rows());
        Matrix.multiply(Transpose.NO, a, Transpose.YES, b, x);
        for (int e = 0; e < RATINGS.length; e++) {
            x.set(USERS[e], ITEMS[e], RATINGS[e] - mu);
        }
        return x;
    }

    /** @return X·F·(FᵀF + λI)⁻¹ for a rank-2 F, with the 2×2 inverse written out */
    private static Matrix ridge(Matrix x, Matrix f, double lambda) {
        Matrix g = Matrix.zeros(2, 2);
        Matrix.multiply(Transpose.YES, f, Transpose.NO, f, g);
        double a = g.get(0, 0) + lambda;
        double b = g.get(0, 1);
        double d = g.get(1, 1) + lambda;
        double det = a * d - b * b;
        Matrix inv = Matrix.of(new double[][] {{d / det, -b / det}, {-b / det, a / det}});
        Matrix xf = Matrix.zeros(x.rows(), 2);
        Matrix.multiply(Transpose.NO, x, Transpose.NO, f, xf);
        Matrix out = Matrix.zeros(x.rows(), 2);
        Matrix.multiply(Transpose.NO, xf, Transpose.NO, inv, out);
        return out;
    }

    @Test
    void sweepMatchesTheDenseFilledInRidgeRegressions() {
        double mu = 3.0;
        double lambda = 0.7;
        FactoredProduct model = SoftImputeRule.initialModel(5, 4, 2, mu, 4);
        Matrix a = model.factors().get(0).copy();
        Matrix b = model.factors().get(1).copy();
        SoftImputeRule rule = new SoftImputeRule(lambda);
        EntryLoss loss = tiny();
        rule.init(model, loss);
        for (int sweep = 0; sweep < 3; sweep++) {
            Matrix aNew = ridge(filled(a, b, mu), b, lambda);
            Matrix bNew = ridge(filled(aNew, b, mu).transpose(), aNew, lambda);
            double before = rule.evaluate(model, loss);
            rule.update(model, loss);
            assertArrayEquals(aNew.toArray(), model.factors().get(0).toArray(), 1e-12, "A after sweep " + sweep);
            assertArrayEquals(bNew.toArray(), model.factors().get(1).toArray(), 1e-12, "B after sweep " + sweep);
            // the R package's convergence ratio, computed densely
            Matrix w = Matrix.zeros(5, 4);
            Matrix.multiply(Transpose.NO, a, Transpose.YES, b, w);
            Matrix wNew = Matrix.zeros(5, 4);
            Matrix.multiply(Transpose.NO, aNew, Transpose.YES, bNew, wNew);
            double ratio = wNew.minus(w).frobeniusNormSquared() / w.frobeniusNormSquared();
            assertEquals(ratio, rule.lastStepSize(), 1e-10 * Math.max(1, ratio));
            assertTrue(rule.evaluate(model, loss) <= before * (1 + 1e-12));
            a = aNew;
            b = bNew;
        }
        // evaluate() is ½‖P_Ω(X − ABᵀ)‖² + (λ/2)(‖A‖² + ‖B‖²)
        double f = 0;
        for (int e = 0; e < RATINGS.length; e++) {
            double r = RATINGS[e] - model.predict(USERS[e], ITEMS[e]); // predict includes μ
            f += 0.5 * r * r;
        }
        f += 0.5 * lambda * (a.frobeniusNormSquared() + b.frobeniusNormSquared());
        assertEquals(f, rule.evaluate(model, loss), 1e-12);
    }

    @Test
    void objectiveNeverIncreasesAtFixedLambda() {
        PlantedRatings d = PlantedRatings.standard(41);
        FactoredProduct model = SoftImputeRule.initialModel(d.users, d.items, 10, d.mean, 1);
        FitResult r = Trainer.builder().maxIterations(60).tolerance(0).logEvery(1).build()
                .fit(model, d.train, new SoftImputeRule(2.0));
        double[] loss = r.history().column("train_loss");
        for (int t = 1; t < loss.length; t++) {
            assertTrue(loss[t] <= loss[t - 1] * (1 + 1e-12), "objective rose at sweep " + t + ": "
                    + loss[t - 1] + " -> " + loss[t]);
        }
        assertTrue(loss[loss.length - 1] < 0.5 * loss[0]);
    }

    @Test
    void lambdaMaxIsTheTopSingularValueOfTheCentredRatings() {
        PlantedRatings d = PlantedRatings.standard(42);
        double[] centred = d.train.targets();
        EntryPattern p = d.train.pattern();
        Matrix dense = Matrix.zeros(d.users, d.items);
        for (int e = 0; e < centred.length; e++) {
            centred[e] -= d.mean;
            dense.set(p.row(e), p.col(e), centred[e]);
        }
        double sigma = dense.singularValues()[0];
        double estimate = SoftImputePath.largestSingularValue(p, centred, SoftImputePath.DEFAULT_POWER_ITERATIONS, 1);
        assertTrue(estimate <= sigma * (1 + 1e-12), "a power-iteration estimate is a lower bound");
        assertEquals(sigma, estimate, 1e-3 * sigma);
        assertEquals(sigma, SoftImputePath.largestSingularValue(p, centred, 500, 1), 1e-9 * sigma);
    }

    @Test
    void lambdaGridIsGeometricAndSkipsLambdaMax() {
        double[] grid = SoftImputePath.lambdas(100, 1, 4);
        assertArrayEquals(new double[] {100 * Math.pow(0.01, 0.25), 10, 100 * Math.pow(0.01, 0.75), 1}, grid, 1e-12);
        assertMessage(() -> SoftImputePath.lambdas(1, 2, 3), "lambda_min");
        assertMessage(() -> SoftImputePath.lambdas(0, 0, 3), "lambda_max");
        assertMessage(() -> SoftImputePath.lambdas(2, 1, 0), "path length");
    }

    @Test
    void warmStartedPathBeatsTheBiasBaselineAndIsReproducible() {
        PlantedRatings d = PlantedRatings.standard(43);
        SoftImputePath path = SoftImputePath.builder().rank(10).seed(5).build();
        List<SoftImputeFit> fits = path.fit(d.train);
        assertEquals(SoftImputePath.DEFAULT_PATH_LENGTH, fits.size());
        double[] centred = d.train.targets();
        for (int e = 0; e < centred.length; e++) {
            centred[e] -= d.mean;
        }
        double lambdaMax = SoftImputePath.largestSingularValue(d.train.pattern(), centred,
                SoftImputePath.DEFAULT_POWER_ITERATIONS, 5);
        assertEquals(lambdaMax * SoftImputePath.DEFAULT_MIN_RATIO, fits.get(fits.size() - 1).lambda(), 1e-12);
        double best = Double.POSITIVE_INFINITY;
        for (int l = 0; l < fits.size(); l++) {
            SoftImputeFit f = fits.get(l);
            assertTrue(f.lambda() < (l == 0 ? lambdaMax : fits.get(l - 1).lambda()));
            assertTrue(f.result().stopReason() == StopReason.LISTENER
                    || f.result().stopReason() == StopReason.MAX_ITERATIONS);
            assertTrue(f.result().parameterization() == f.model());
            assertEquals(BiasTerms.MEAN, f.model().biasTerms());
            assertEquals(d.mean, f.model().mean(), 1e-12);
            if (l > 0) {
                assertNotSame(fits.get(l - 1).model(), f.model());
            }
            best = Math.min(best, d.testRmse(f.model()));
        }
        double baseline = d.biasBaselineRmse();
        assertTrue(best < 0.5 * baseline, "best Soft-Impute RMSE " + best + " vs bias baseline " + baseline);
        // smaller λ fits the training ratings more closely
        assertTrue(fits.get(fits.size() - 1).result().trainLoss() < fits.get(0).result().trainLoss());

        List<SoftImputeFit> again = SoftImputePath.builder().rank(10).seed(5).build().fit(d.train);
        for (int l = 0; l < fits.size(); l++) {
            assertArrayEquals(d.testPredictions(fits.get(l).model()), d.testPredictions(again.get(l).model()));
        }
    }

    @Test
    void neverFormsTheDenseMatrix() {
        // 100 000 × 50 000 = 5·10⁹ entries: a dense matrix could not even be allocated
        int users = 100_000;
        int items = 50_000;
        int m = 60_000;
        SplittableRandom rng = new SplittableRandom(9);
        int[] u = new int[m];
        int[] i = new int[m];
        double[] r = new double[m];
        for (int e = 0; e < m; e++) {
            u[e] = rng.nextInt(users);
            i[e] = rng.nextInt(items);
            r[e] = 1 + rng.nextInt(5);
        }
        EntryLoss loss = new EntryLoss(EntryPattern.of(users, items, u, i), r);
        List<SoftImputeFit> fits = SoftImputePath.builder().rank(4).pathLength(2).maxSweeps(3).powerIterations(5)
                .build().fit(loss);
        assertEquals(2, fits.size());
        assertTrue(Double.isFinite(fits.get(1).result().trainLoss()));
    }

    @Test
    void rejectsBadArguments() {
        assertMessage(() -> new SoftImputeRule(0), "lambda");
        assertMessage(() -> new SoftImputeRule(Double.NaN), "lambda");
        assertMessage(() -> SoftImputeRule.initialModel(3, 0, 2, 0, 1), "matrix size");
        assertMessage(() -> SoftImputeRule.initialModel(3, 3, 0, 0, 1), "rank");
        assertMessage(() -> SoftImputePath.builder().rank(0), "rank");
        assertMessage(() -> SoftImputePath.builder().pathLength(0), "path length");
        assertMessage(() -> SoftImputePath.builder().minRatio(1.0), "lambda_min / lambda_max");
        assertMessage(() -> SoftImputePath.builder().lambdaMin(-1), "lambda_min");
        assertMessage(() -> SoftImputePath.builder().tolerance(-1), "tolerance");
        assertMessage(() -> SoftImputePath.builder().maxSweeps(0), "max sweeps");
        assertMessage(() -> SoftImputePath.builder().powerIterations(0), "power iterations");
        assertMessage(() -> SoftImputePath.builder().lambdaMin(1e6).build().fit(tiny()), "must be below lambda_max");
        double[] same = {3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3};
        assertMessage(() -> SoftImputePath.builder().build().fit(new EntryLoss(EntryPattern.of(5, 4, USERS, ITEMS),
                same)), "all zero");
        SoftImputeRule rule = new SoftImputeRule(1);
        FactoredProduct biased = BiasedMfSgdRule.initialModel(5, 4, 2, 3.0, 1);
        assertMessage(() -> rule.init(biased, tiny()), "bias terms");
        FactoredProduct model = SoftImputeRule.initialModel(5, 4, 2, 3.0, 1);
        assertMessage(() -> rule.init(model, new CompletionLoss(EntrySample.of(5, 4, USERS, ITEMS, RATINGS))),
                "EntryLoss");
    }
}
