package dev.tacit.completion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.data.Seeds;
import dev.tacit.data.ratings.IdMap;
import dev.tacit.data.ratings.Ratings;
import dev.tacit.io.ModelFormatException;
import dev.tacit.linalg.EntryPattern;
import dev.tacit.model.factored.BiasTerms;
import dev.tacit.model.factored.FactoredProduct;
import dev.tacit.model.factored.ImplicitFeedback;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The completion estimator on planted data: every method, saving and loading, cold start, ensembles. */
class CompletionTest {

    @TempDir
    Path tmp;

    /** Planted rank-2 ratings in [1, 5] plus biases on 50 users × 40 items; 60 % observed. */
    private static Ratings[] planted(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int users = 50;
        int items = 40;
        double[][] u = new double[users][2];
        double[][] v = new double[items][2];
        double[] bu = new double[users];
        double[] bi = new double[items];
        for (int i = 0; i < users; i++) {
            u[i][0] = rng.nextGaussian();
            u[i][1] = rng.nextGaussian();
            bu[i] = 0.3 * rng.nextGaussian();
        }
        for (int j = 0; j < items; j++) {
            v[j][0] = rng.nextGaussian();
            v[j][1] = rng.nextGaussian();
            bi[j] = 0.3 * rng.nextGaussian();
        }
        IdMap uid = new IdMap();
        IdMap iid = new IdMap();
        for (int i = 0; i < users; i++) {
            uid.getOrAdd("user" + i);
        }
        for (int j = 0; j < items; j++) {
            iid.getOrAdd("item" + j);
        }
        List<int[]> train = new ArrayList<>();
        List<int[]> test = new ArrayList<>();
        List<Double> trainY = new ArrayList<>();
        List<Double> testY = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            for (int j = 0; j < items; j++) {
                if (rng.nextDouble() < 0.6) {
                    double y = Math.max(1, Math.min(5, 3 + bu[i] + bi[j] + 0.7 * (u[i][0] * v[j][0] + u[i][1] * v[j][1])
                            + 0.05 * rng.nextGaussian()));
                    if (rng.nextDouble() < 0.85) {
                        train.add(new int[] {i, j});
                        trainY.add(y);
                    } else {
                        test.add(new int[] {i, j});
                        testY.add(y);
                    }
                }
            }
        }
        return new Ratings[] {toRatings(train, trainY, uid, iid), toRatings(test, testY, uid, iid)};
    }

    private static Ratings toRatings(List<int[]> pairs, List<Double> y, IdMap uid, IdMap iid) {
        int[] us = pairs.stream().mapToInt(p -> p[0]).toArray();
        int[] is = pairs.stream().mapToInt(p -> p[1]).toArray();
        return Ratings.of(us, is, y.stream().mapToDouble(Double::doubleValue).toArray(), uid, iid);
    }

    private static double meanOnlyRmse(Ratings train, Ratings test) {
        double mu = train.mean();
        double s = 0;
        for (int k = 0; k < test.size(); k++) {
            s += (test.value(k) - mu) * (test.value(k) - mu);
        }
        return Math.sqrt(s / test.size());
    }

    @ParameterizedTest
    @EnumSource(CompletionMethod.class)
    void everyMethodBeatsTheGlobalMeanAndClipsToTheTrainingRange(CompletionMethod method) {
        Ratings[] d = planted(1);
        CompletionSettings.Builder b = CompletionSettings.defaults(method).toBuilder().width(8);
        if (method == CompletionMethod.DMF || method == CompletionMethod.UDV) { // 1,000 ratings: smaller batches and more patience than MovieLens needs
            b.batchSize(50).patience(20).learningRate(1e-2);
        } else if (method == CompletionMethod.MF) {
            b.maxEpochs(200).learningRate(0.02);
        }
        CompletionModel model = Completer.fit(d[0], b.build());
        double[] pred = model.predict(d[1]);
        Metrics m = Metrics.of(pred, d[1].values());
        double baseline = meanOnlyRmse(d[0], d[1]);
        double factor = method == CompletionMethod.BIAS ? 0.95 : 0.6;
        assertTrue(m.rmse() < factor * baseline, method + ": rmse " + m.rmse() + " vs global mean " + baseline);
        for (double p : pred) {
            assertTrue(p >= d[0].min() && p <= d[0].max(), "clipped: " + p);
        }
    }

    @Test
    void membersFittedSeparatelyCombineIntoExactlyTheEnsembleFit() {
        Ratings[] d = planted(2);
        for (CompletionMethod method : List.of(CompletionMethod.DMF, CompletionMethod.UDV)) {
            CompletionSettings s = CompletionSettings.defaults(method).toBuilder().width(6).batchSize(50).patience(4)
                    .learningRate(1e-2).maxEpochs(30).seed(7).build();
            CompletionModel whole = Completer.fit(d[0], s);
            List<CompletionModel> members = new ArrayList<>();
            for (int e = 0; e < s.ensemble(); e++) {
                CompletionSettings m = Completer.memberSettings(s, e);
                assertEquals(1, m.ensemble());
                assertEquals(Seeds.derive(7, e), m.seed());
                members.add(Completer.fit(d[0], m));
            }
            CompletionModel combined = Completer.combine(d[0], s, members);
            assertArrayEquals(whole.predict(d[1]), combined.predict(d[1]), 0.0, method + ": same predictions");
            assertEquals(whole.summary().bestEpoch(), combined.summary().bestEpoch());
            assertEquals(s, combined.settings());
        }
        CompletionSettings s = CompletionSettings.defaults(CompletionMethod.DMF);
        // the members of seed 0 and of seed 1 are disjoint runs (with seeds s + e they shared all but one)
        java.util.Set<Long> seed0 = new java.util.HashSet<>();
        java.util.Set<Long> seed1 = new java.util.HashSet<>();
        for (int e = 0; e < s.ensemble(); e++) {
            seed0.add(Completer.memberSettings(s.toBuilder().seed(0).build(), e).seed());
            seed1.add(Completer.memberSettings(s.toBuilder().seed(1).build(), e).seed());
        }
        assertEquals(s.ensemble(), seed0.size());
        seed0.retainAll(seed1);
        assertTrue(seed0.isEmpty(), "shared member seeds " + seed0);
        assertThrows(IllegalArgumentException.class, () -> Completer.memberSettings(s, s.ensemble()));
        assertThrows(IllegalArgumentException.class,
                () -> Completer.memberSettings(CompletionSettings.defaults(CompletionMethod.ALS), 0));
    }

    @Test
    void patienceDefaultsByDepthUnlessSet() {
        CompletionSettings d2 = CompletionSettings.defaults(CompletionMethod.DMF);
        assertEquals(CompletionSettings.DMF_PATIENCE, d2.patience());
        assertEquals(CompletionSettings.DMF_DEEP_PATIENCE, d2.toBuilder().depth(3).build().patience());
        assertEquals(CompletionSettings.DMF_DEEP_PATIENCE, CompletionSettings.defaults(CompletionMethod.UDV).patience());
        assertEquals(7, d2.toBuilder().patience(7).depth(3).build().patience());
        assertEquals(7, d2.toBuilder().patience(7).build().toBuilder().depth(4).build().patience());
    }

    @Test
    void implicitFeedbackStillRecoversPlantedRatingsAtDepthsTwoAndThree() {
        Ratings[] d = planted(1);
        double baseline = meanOnlyRmse(d[0], d[1]);
        for (int depth = 2; depth <= 3; depth++) {
            CompletionSettings.Builder b = CompletionSettings.defaults(CompletionMethod.DMF).toBuilder().width(8)
                    .depth(depth).batchSize(50).patience(20).learningRate(1e-2);
            double[] with = Completer.fit(d[0], b.build()).predict(d[1]);
            double[] without = Completer.fit(d[0], b.implicitFeedback(ImplicitFeedback.NONE).build()).predict(d[1]);
            double rmse = Metrics.of(with, d[1].values()).rmse();
            assertTrue(rmse < 0.6 * baseline, "depth " + depth + ": rmse " + rmse + " vs global mean " + baseline);
            assertTrue(!java.util.Arrays.equals(with, without), "implicit feedback changes the fit");
        }
    }

    @Test
    void savedModelPredictsExactlyLikeTheFittedOne() throws Exception {
        Ratings[] d = planted(2);
        CompletionModel model = Completer.fit(d[0], CompletionSettings.defaults(CompletionMethod.DMF).toBuilder()
                .depth(3).width(8).ensemble(2).build());
        Path file = tmp.resolve("m.tacit");
        model.save(file);
        CompletionModel loaded = CompletionModel.load(file);
        assertArrayEquals(model.predict(d[1]), loaded.predict(d[1]), 0.0);
        assertEquals(model.predict("user3", "nope"), loaded.predict("user3", "nope"), 0.0);
        assertEquals(CompletionMethod.DMF, loaded.settings().method());
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 7));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> CompletionModel.load(file));
        assertTrue(e.getMessage().contains("m.tacit"), e.getMessage());
    }

    @Test
    void udvKeepsItsConstraintsAndSavesAsADepthThreeProduct() throws Exception {
        Ratings[] d = planted(6);
        double radius = 2.0;
        CompletionSettings s = CompletionSettings.defaults(CompletionMethod.UDV).toBuilder().width(6).ensemble(1)
                .radius(radius).batchSize(50).patience(20).learningRate(1e-2).build();
        CompletionModel model = Completer.fit(d[0], s);
        FactoredProduct p = model.product();
        assertEquals(3, p.depth());
        List<dev.tacit.linalg.Matrix> f = p.factors();
        assertTrue(f.get(0).frobeniusNorm() <= radius * (1 + 1e-12), "‖U‖_F " + f.get(0).frobeniusNorm());
        assertTrue(f.get(2).frobeniusNorm() <= radius * (1 + 1e-12), "‖V‖_F " + f.get(2).frobeniusNorm());
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 6; j++) {
                double h = f.get(1).get(i, j);
                assertTrue(i == j ? h >= 0 : h == 0, "H must be diag(d) with d >= 0: " + h);
            }
        }
        Path file = tmp.resolve("udv.tacit");
        model.save(file);
        CompletionModel loaded = CompletionModel.load(file);
        assertEquals(CompletionMethod.UDV, loaded.settings().method());
        assertArrayEquals(model.predict(d[1]), loaded.predict(d[1]), 0.0);
        assertEquals(radius, model.settings().describe().get("radius"));
        assertThrows(IllegalArgumentException.class, () -> s.toBuilder().radius(0));
        assertThrows(IllegalArgumentException.class, () -> s.toBuilder().radius(-1));
        assertThrows(IllegalArgumentException.class, () -> s.toBuilder().radius(Double.NaN));
    }

    @Test
    void coldUsersAndItemsGetTheBiasPredictionNeverNaN() {
        Ratings[] d = planted(3);
        CompletionModel model = Completer.fit(d[0], CompletionSettings.defaults(CompletionMethod.DMF).toBuilder()
                .width(8).build());
        FactoredProduct p = model.product();
        double coldUser = model.predict("stranger", "item3");
        double coldBoth = model.predict("stranger", "unknown");
        int i3 = 3;
        assertEquals(Math.min(model.max(), Math.max(model.min(), p.predictColdRow(i3))), coldUser, 1e-12);
        assertEquals(Math.min(model.max(), Math.max(model.min(), p.mean())), coldBoth, 1e-12);
        assertTrue(Double.isFinite(model.predict("user1", "unknown")));
    }

    @Test
    void sameSeedSameModelDifferentSeedDifferentModel() {
        Ratings[] d = planted(4);
        CompletionSettings s = CompletionSettings.defaults(CompletionMethod.DMF).toBuilder().width(8).build();
        double[] a = Completer.fit(d[0], s).predict(d[1]);
        double[] b = Completer.fit(d[0], s).predict(d[1]);
        double[] c = Completer.fit(d[0], s.toBuilder().seed(9).build()).predict(d[1]);
        assertArrayEquals(a, b, 0.0);
        assertTrue(!java.util.Arrays.equals(a, c));
    }

    @Test
    void averagedProductEqualsTheMeanOfItsMembers() {
        SplittableRandom rng = new SplittableRandom(5);
        for (int depth = 1; depth <= 4; depth++) {
            List<FactoredProduct> members = new ArrayList<>();
            for (int e = 0; e < 3; e++) {
                members.add(FactoredProduct.initialize(6, 5, depth, 2 + e, 1.0, BiasTerms.NONE, 0, rng));
            }
            FactoredProduct avg = FactoredProduct.average(members);
            EntryPattern all = EntryPattern.of(6, 5, new int[] {0, 5, 2, 3}, new int[] {0, 4, 1, 2});
            double[] got = new double[4];
            avg.predict(all, got);
            for (int e = 0; e < 4; e++) {
                double mean = 0;
                for (FactoredProduct m : members) {
                    mean += m.predict(all.row(e), all.col(e)) / 3;
                }
                assertEquals(mean, got[e], 1e-12, "depth " + depth);
            }
        }
    }

    @Test
    void settingsValidateAndDescribeTheMethod() {
        assertThrows(IllegalArgumentException.class, () -> CompletionMethod.parse("svdpp"));
        assertThrows(IllegalArgumentException.class,
                () -> CompletionSettings.defaults(CompletionMethod.DMF).toBuilder().depth(0));
        assertThrows(IllegalArgumentException.class,
                () -> CompletionSettings.defaults(CompletionMethod.DMF).toBuilder().validationFraction(0).build());
        // softimpute picks λ on its split: 0 used to pass here and fail later in Splits.holdout, without naming it
        IllegalArgumentException noSplit = assertThrows(IllegalArgumentException.class,
                () -> CompletionSettings.defaults(CompletionMethod.SOFTIMPUTE).toBuilder().validationFraction(0).build());
        assertTrue(noSplit.getMessage().contains("validation fraction"), noSplit.getMessage());
        assertEquals("als", CompletionSettings.defaults(CompletionMethod.ALS).describe().get("model"));
        assertEquals(CompletionSettings.DMF_DEPTH, CompletionSettings.defaults(CompletionMethod.DMF).describe().get("depth"));
        CompletionSettings dmf = CompletionSettings.defaults(CompletionMethod.DMF);
        assertEquals(CompletionSettings.DMF_IMPLICIT_FEEDBACK, dmf.implicitFeedback());
        assertEquals(ImplicitFeedback.USERS_AND_ITEMS, dmf.effectiveImplicitFeedback());
        assertEquals("both", dmf.describe().get("implicit"));
        assertEquals(CompletionSettings.DMF_IMPLICIT_LEARNING_RATE, dmf.describe().get("implicit_lr"));
        assertEquals("none", dmf.toBuilder().depth(1).build().describe().get("implicit"), "depth 1: no outer factors");
        assertEquals("none", dmf.toBuilder().implicitFeedback(ImplicitFeedback.NONE).build().describe().get("implicit"));
        for (CompletionMethod other : CompletionMethod.values()) {
            if (other != CompletionMethod.DMF) {
                CompletionSettings o = CompletionSettings.defaults(other);
                assertEquals(ImplicitFeedback.NONE, o.implicitFeedback(), other.cliName());
                assertThrows(IllegalArgumentException.class,
                        () -> o.toBuilder().implicitFeedback(ImplicitFeedback.USERS_AND_ITEMS).build());
            }
        }
        assertEquals(ImplicitFeedback.USERS_AND_ITEMS, ImplicitFeedback.parse(" Both "));
        assertThrows(IllegalArgumentException.class, () -> ImplicitFeedback.parse("users"));
        Metrics m = Metrics.of(new double[] {1, 2}, new double[] {2, 2});
        assertEquals(Math.sqrt(0.5), m.rmse(), 1e-15);
        assertEquals(0.5, m.mae(), 1e-15);
    }

    @Test
    void anAlsOrSoftImputeRankAboveTheMatrixIsRefusedAndTheDefaultRankCapped() {
        Ratings train = planted(3)[0];
        int full = Math.min(train.numUsers(), train.numItems());
        for (CompletionMethod method : List.of(CompletionMethod.ALS, CompletionMethod.SOFTIMPUTE)) {
            CompletionSettings explicit = CompletionSettings.defaults(method).toBuilder().width(full + 1).maxEpochs(3)
                    .build();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Completer.fit(train, explicit));
            assertTrue(e.getMessage().contains("rank " + (full + 1) + " is larger than the matrix")
                    && e.getMessage().contains("at most " + full), e.getMessage());
            CompletionSettings atFull = explicit.toBuilder().width(full).build();
            assertEquals(full, Completer.fit(train, atFull).settings().width());
        }
        // softimpute's default rank (100) exceeds this 50 x 40 matrix: it is capped at 40, not refused
        CompletionSettings d = CompletionSettings.defaults(CompletionMethod.SOFTIMPUTE).toBuilder().maxEpochs(3).build();
        assertTrue(d.width() > full);
        assertEquals(full, Completer.fit(train, d).settings().width());
        // dmf's width is over-parameterization, not a rank: wider than the matrix is allowed
        CompletionSettings wide = CompletionSettings.defaults(CompletionMethod.DMF).toBuilder().width(full + 10)
                .maxEpochs(2).ensemble(1).build();
        assertEquals(full + 10, Completer.fit(train, wide).settings().width());
    }
}
