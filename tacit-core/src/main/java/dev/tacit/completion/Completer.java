package dev.tacit.completion;

import dev.tacit.data.Seeds;
import dev.tacit.data.ratings.Fold;
import dev.tacit.data.ratings.Ratings;
import dev.tacit.data.ratings.Splits;
import dev.tacit.fit.EarlyStopping;
import dev.tacit.fit.EntryGradientStep;
import dev.tacit.fit.FitResult;
import dev.tacit.fit.History;
import dev.tacit.fit.MiniBatchEntryStep;
import dev.tacit.fit.Trainer;
import dev.tacit.fit.TrainingListener;
import dev.tacit.fit.UpdateRule;
import dev.tacit.linalg.EntryPattern;
import dev.tacit.linalg.Matrix;
import dev.tacit.model.factored.AlsRule;
import dev.tacit.model.factored.BiasBaselineRule;
import dev.tacit.model.factored.BiasTerms;
import dev.tacit.model.factored.BiasedMfSgdRule;
import dev.tacit.model.factored.FactoredProduct;
import dev.tacit.model.factored.ImplicitFeedback;
import dev.tacit.model.factored.ImplicitFeedbackRule;
import dev.tacit.model.factored.SoftImputeFit;
import dev.tacit.model.factored.SoftImputePath;
import dev.tacit.model.factored.VisitOrder;
import dev.tacit.model.EntryParameterization;
import dev.tacit.model.udv.Udv;
import dev.tacit.objective.EntryLoss;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Fits a {@link CompletionMethod} to ratings (the estimator's {@code fit}):
 *
 * <ul>
 *   <li>{@code dmf}: the baseline μ + b_u + b_i is fitted first (shrunk biases, {@link BiasBaselineRule});
 *       then a {@link FactoredProduct} of the given depth and width, from small init, fits the residuals
 *       r − μ − b_u − b_i on 1 − f of the ratings with the chosen optimizer (mini-batches or full batch)
 *       and no penalty, stopped early on the held-out fraction f ({@link EarlyStopping}, best epoch kept).
 *       With {@link ImplicitFeedback#USERS_AND_ITEMS} (the default) the outer factors carry SVD++ implicit
 *       terms P = U + N·Y, Q = V + R·Z built from the member's fit ratings ({@link ImplicitFeedbackRule});
 *       the stored member is the product with P and Q as its outer factors.
 *   <li>{@code udv}: as {@code dmf}, with {@link Udv} U·diag(d)·Vᵀ (balls of radius α, d ≥ 0, projected
 *       after every step) in place of the product; the fitted model is stored as the depth-3 product
 *       U·diag(d)·Vᵀ.
 *   <li>{@code mf}: {@link BiasedMfSgdRule} (Surprise's SVD) for the given epochs.
 *   <li>{@code als}: {@link AlsRule} (Spark's ALS-WR) on ratings centred by their mean.
 *   <li>{@code softimpute}: the warm-started λ path of {@link SoftImputePath} on 1 − f of the ratings; the
 *       λ with the lowest validation RMSE is kept.
 *   <li>{@code bias}: {@link BiasBaselineRule} alone.
 * </ul>
 *
 * The model is sized by the id maps of the training ratings; users and items without a training rating
 * are predicted by the bias terms ({@link CompletionModel}). Same ratings and settings → same model.
 */
public final class Completer {

    private Completer() {
    }

    /**
     * @param train training ratings (at least 2)
     * @param settings method and hyperparameters
     * @return the fitted model
     */
    public static CompletionModel fit(Ratings train, CompletionSettings settings) {
        return fit(train, settings, null);
    }

    /**
     * @param train training ratings (at least 2)
     * @param settings method and hyperparameters
     * @param progress called at every epoch (may be null)
     * @return the fitted model
     * @throws IllegalArgumentException for fewer than 2 ratings, or an als / softimpute rank above
     *     min(users, items) (the method's default rank is capped there instead; dmf, udv and mf widths may
     *     exceed it: over-parameterization is their point)
     */
    public static CompletionModel fit(Ratings train, CompletionSettings settings, TrainingListener progress) {
        String where = train.source() != null ? train.source().getFileName() + ": " : "";
        if (train.size() < 2) {
            throw new IllegalArgumentException(where + "need at least 2 training ratings, got " + train.size());
        }
        int fullRank = Math.min(train.numUsers(), train.numItems());
        if ((settings.method() == CompletionMethod.ALS || settings.method() == CompletionMethod.SOFTIMPUTE)
                && settings.width() > fullRank) {
            if (settings.width() != CompletionSettings.defaults(settings.method()).width()) {
                throw new IllegalArgumentException(where + "rank " + settings.width() + " is larger than the matrix ("
                        + train.numUsers() + " users x " + train.numItems() + " items): "
                        + settings.method().cliName() + " needs a rank of at most " + fullRank);
            }
            settings = settings.toBuilder().width(fullRank).build(); // the default rank, capped for small data
        }
        long start = System.nanoTime();
        Fitted f = switch (settings.method()) {
            case DMF, UDV -> product(train, settings, progress);
            case MF -> mf(train, settings, progress);
            case ALS -> als(train, settings, progress);
            case SOFTIMPUTE -> softImpute(train, settings, progress);
            case BIAS -> bias(train, settings, progress);
        };
        double seconds = (System.nanoTime() - start) / 1e9;
        FitSummary summary = new FitSummary(f.result.iterations(), f.bestEpoch, f.validationRmse, f.result.stopReason(),
                seconds);
        return model(train, settings, f.model, f.result.history(), summary);
    }

    /**
     * The settings of ensemble member e of a dmf or udv fit: one run ({@code ensemble = 1}) with seed
     * {@link Seeds#derive Seeds.derive(s, e)} (s itself for e = 0). Fitting
     * the E members separately and {@link #combine combining} them gives exactly {@link #fit}'s model, so that a
     * caller can run the members of several fits as independent jobs (e.g. the 5 × 3 members of MovieLens' five
     * folds on two cores, instead of whole folds, the last of which would run alone).
     *
     * @param settings dmf or udv settings
     * @param member 0 ≤ e &lt; {@code settings.ensemble()}
     * @return the member's settings
     */
    public static CompletionSettings memberSettings(CompletionSettings settings, int member) {
        if (settings.method() != CompletionMethod.DMF && settings.method() != CompletionMethod.UDV) {
            throw new IllegalArgumentException("only dmf and udv fit ensembles, not " + settings.method().cliName());
        }
        if (member < 0 || member >= settings.ensemble()) {
            throw new IllegalArgumentException("member " + member + " of an ensemble of " + settings.ensemble());
        }
        return settings.toBuilder().ensemble(1).seed(Seeds.derive(settings.seed(), member)).build();
    }

    /**
     * The ensemble of separately fitted members ({@link #memberSettings}, in member order, all on {@code train}):
     * μ and the biases are the members' averages and the product averages their products (stacked factors), as
     * {@link #fit} does. History and early-stopping summary are member 0's; seconds are the members' total.
     *
     * @param train the training ratings the members were fitted on
     * @param settings the ensemble's settings (as passed to {@link #memberSettings})
     * @param members the fitted members, member 0 first
     * @return the same model as {@code fit(train, settings)}
     */
    public static CompletionModel combine(Ratings train, CompletionSettings settings, List<CompletionModel> members) {
        int e = members.size();
        if (e != settings.ensemble()) {
            throw new IllegalArgumentException(e + " members for an ensemble of " + settings.ensemble());
        }
        int rows = train.numUsers();
        int cols = train.numItems();
        List<FactoredProduct> products = new ArrayList<>();
        double mean = 0;
        Matrix userBias = Matrix.onHeap(rows, 1);
        Matrix itemBias = Matrix.onHeap(cols, 1);
        double seconds = 0;
        for (CompletionModel m : members) {
            FactoredProduct p = m.product();
            List<Matrix> f = p.factors();
            products.add(FactoredProduct.ofFactors(rows, cols, p.depth(), BiasTerms.NONE, 0.0,
                    new ArrayList<>(f.subList(0, f.size() - 2))));
            mean += p.mean() / e;
            userBias.addScaled(1.0 / e, f.get(f.size() - 2));
            itemBias.addScaled(1.0 / e, f.get(f.size() - 1));
            seconds += m.summary().seconds();
        }
        List<Matrix> factors = new ArrayList<>(FactoredProduct.average(products).factors());
        factors.add(userBias);
        factors.add(itemBias);
        FactoredProduct combined = FactoredProduct.ofFactors(rows, cols, products.get(0).depth(),
                BiasTerms.MEAN_AND_BIASES, mean, factors);
        CompletionModel first = members.get(0);
        FitSummary s = first.summary();
        FitSummary summary = new FitSummary(s.epochs(), s.bestEpoch(), s.validationRmse(), s.stopReason(), seconds);
        return model(train, settings, combined, first.history(), summary);
    }

    /** The model of a fit on {@code train}: its id maps, rating counts per user and item, and rating range. */
    private static CompletionModel model(Ratings train, CompletionSettings settings, FactoredProduct product,
                                         History history, FitSummary summary) {
        int[] userCounts = new int[train.numUsers()];
        int[] itemCounts = new int[train.numItems()];
        for (int k = 0; k < train.size(); k++) {
            userCounts[train.user(k)]++;
            itemCounts[train.item(k)]++;
        }
        return new CompletionModel(settings, product, train.userIds().copy(), train.itemIds().copy(), userCounts,
                itemCounts, train.min(), train.max(), history, summary);
    }

    private record Fitted(FactoredProduct model, FitResult result, long bestEpoch, double validationRmse) {
    }

    private static EntryPattern pattern(Ratings r) {
        return EntryPattern.of(r.numUsers(), r.numItems(), r.users(), r.items());
    }

    private static Trainer.Builder epochs(int n, TrainingListener progress) {
        Trainer.Builder b = Trainer.builder().maxIterations(n).tolerance(0).logEvery(1);
        if (progress != null) {
            b.listener(progress);
        }
        return b;
    }

    /** The shrunk-bias baseline fitted to {@code r}, sized to its id maps. */
    private static FactoredProduct baseline(Ratings r, TrainingListener progress) {
        FactoredProduct b = BiasBaselineRule.initialModel(r.numUsers(), r.numItems(), r.mean());
        epochs(BiasBaselineRule.DEFAULT_EPOCHS, null).build().fit(b, new EntryLoss(pattern(r), r.values()),
                new BiasBaselineRule());
        return b;
    }

    private static Fitted bias(Ratings train, CompletionSettings s, TrainingListener progress) {
        FactoredProduct b = BiasBaselineRule.initialModel(train.numUsers(), train.numItems(), train.mean());
        FitResult r = epochs(s.maxEpochs(), progress).build().fit(b, new EntryLoss(pattern(train), train.values()),
                new BiasBaselineRule());
        return new Fitted(b, r, r.iterations(), Double.NaN);
    }

    private static Fitted mf(Ratings train, CompletionSettings s, TrainingListener progress) {
        FactoredProduct m = BiasedMfSgdRule.initialModel(train.numUsers(), train.numItems(), s.width(), train.mean(),
                s.seed());
        FitResult r = epochs(s.maxEpochs(), progress).build().fit(m, new EntryLoss(pattern(train), train.values()),
                new BiasedMfSgdRule(s.learningRate(), s.regularization(), s.seed(), VisitOrder.BY_USER));
        return new Fitted(m, r, r.iterations(), Double.NaN);
    }

    private static Fitted als(Ratings train, CompletionSettings s, TrainingListener progress) {
        FactoredProduct m = AlsRule.initialModel(train.numUsers(), train.numItems(), s.width(), BiasTerms.MEAN,
                train.mean(), s.seed());
        FitResult r = epochs(s.maxEpochs(), progress).build().fit(m, new EntryLoss(pattern(train), train.values()),
                new AlsRule(s.regularization()));
        return new Fitted(m, r, r.iterations(), Double.NaN);
    }

    private static Fitted softImpute(Ratings train, CompletionSettings s, TrainingListener progress) {
        Fold split = Splits.holdout(train, s.validationFraction(),
                Seeds.stream(s.seed(), Seeds.Stream.OBSERVATIONS).nextLong());
        Ratings fit = split.train();
        Ratings val = split.test();
        List<SoftImputeFit> path = SoftImputePath.builder().rank(s.width()).maxSweeps(s.maxEpochs()).seed(s.seed())
                .build().fit(new EntryLoss(pattern(fit), fit.values()));
        EarlyStopping judge = new EarlyStopping(pattern(val), val.values(), 1, train.min(), train.max());
        SoftImputeFit best = null;
        double bestRmse = Double.POSITIVE_INFINITY;
        for (SoftImputeFit f : path) {
            double rmse = judge.rmse(f.model());
            if (rmse < bestRmse) {
                bestRmse = rmse;
                best = f;
            }
        }
        return new Fitted(best.model(), best.result(), best.result().iterations(), bestRmse);
    }

    /**
     * DMF: member e (e = 0…E−1) holds out its own seeded validation split (member seed
     * {@link Seeds#derive Seeds.derive(s, e)}; split, init and batch order from its independent {@link Seeds#stream streams}), fits the shrunk
     * biases on the rest, then the product to the residuals, early-stopped on its split. The ensemble is the
     * average of the members' predictions, which is again one model: averaged μ and biases plus the stacked
     * product of {@link FactoredProduct#average}. Different splits make the members see different 1 − f of
     * the ratings, so together they use all of them.
     */
    private static Fitted product(Ratings train, CompletionSettings s, TrainingListener progress) {
        int rows = train.numUsers();
        int cols = train.numItems();
        int e = s.ensemble();
        List<FactoredProduct> members = new ArrayList<>();
        double mean = 0;
        Matrix userBias = Matrix.onHeap(rows, 1);
        Matrix itemBias = Matrix.onHeap(cols, 1);
        FitResult first = null;
        EarlyStopping firstStop = null;
        for (int member = 0; member < e; member++) {
            long seed = Seeds.derive(s.seed(), member);
            Fold split = Splits.holdout(train, s.validationFraction(),
                    Seeds.stream(seed, Seeds.Stream.OBSERVATIONS).nextLong());
            Ratings fit = split.train();
            Ratings val = split.test();
            FactoredProduct base = switch (s.biasTerms()) {
                case MEAN_AND_BIASES -> baseline(fit, progress);
                case MEAN -> BiasBaselineRule.initialModel(rows, cols, fit.mean());
                case NONE -> BiasBaselineRule.initialModel(rows, cols, 0.0);
            };
            EntryPattern fitPattern = pattern(fit);
            EntryPattern valPattern = pattern(val);
            double[] fitBase = new double[fit.size()];
            base.predict(fitPattern, fitBase);
            double[] residual = fit.values();
            for (int k = 0; k < residual.length; k++) {
                residual[k] -= fitBase[k];
            }
            double[] valBase = new double[val.size()];
            base.predict(valPattern, valBase);
            boolean udv = s.method() == CompletionMethod.UDV;
            SplittableRandom rng = Seeds.stream(seed, Seeds.Stream.INITIALIZATION);
            EntryParameterization model = udv
                    ? Udv.initialize(rows, cols, s.width(), s.radius(), s.initScale(), rng)
                    : FactoredProduct.initialize(rows, cols, s.depth(), s.width(), s.initScale(), BiasTerms.NONE, 0.0,
                    rng);
            EarlyStopping stop = new EarlyStopping(valPattern, val.values(), valBase, s.patience(), train.min(),
                    train.max());
            UpdateRule rule = s.batchSize() > 0
                    ? new MiniBatchEntryStep(s.optimizer().create(s.learningRate()), s.batchSize(),
                    Seeds.stream(seed, Seeds.Stream.OTHER).nextLong())
                    : new EntryGradientStep(s.optimizer().create(s.learningRate()));
            if (!udv && s.effectiveImplicitFeedback() == ImplicitFeedback.USERS_AND_ITEMS) {
                double std = Math.pow(s.initScale(), 1.0 / s.depth()) / Math.sqrt(s.width());
                rule = new ImplicitFeedbackRule(rule, s.optimizer().create(s.implicitLearningRate()), std,
                        rng.nextLong());
            }
            FitResult r = epochs(s.maxEpochs(), progress).diagnostic(stop).listener(stop).build()
                    .fit(model, new EntryLoss(fitPattern, residual), rule);
            stop.restoreBest(model);
            members.add(udv ? asProduct((Udv) model) : (FactoredProduct) model);
            List<Matrix> bf = base.factors();
            mean += base.mean() / e;
            userBias.addScaled(1.0 / e, bf.get(bf.size() - 2));
            itemBias.addScaled(1.0 / e, bf.get(bf.size() - 1));
            if (first == null) {
                first = r;
                firstStop = stop;
            }
        }
        List<Matrix> factors = new ArrayList<>(FactoredProduct.average(members).factors());
        factors.add(userBias);
        factors.add(itemBias);
        FactoredProduct combined = FactoredProduct.ofFactors(rows, cols, members.get(0).depth(),
                BiasTerms.MEAN_AND_BIASES, mean, factors);
        return new Fitted(combined, first, firstStop.bestIteration(), firstStop.bestRmse());
    }

    /** U·diag(d)·Vᵀ as the depth-3 product U·H·Vᵀ with H = diag(d) (what the saved model stores). */
    static FactoredProduct asProduct(Udv m) {
        int k = m.width();
        Matrix h = Matrix.onHeap(k, k);
        for (int c = 0; c < k; c++) {
            h.set(c, c, m.d().getFlat(c));
        }
        Matrix u = Matrix.onHeap(m.rows(), k);
        u.copyFrom(m.u());
        Matrix v = Matrix.onHeap(m.cols(), k);
        v.copyFrom(m.v());
        return FactoredProduct.ofFactors(m.rows(), m.cols(), 3, BiasTerms.NONE, 0.0, List.of(u, h, v));
    }
}
