package dev.tacit.model.factored;

import dev.tacit.data.Seeds;
import dev.tacit.fit.UpdateRule;
import dev.tacit.linalg.Matrix;
import dev.tacit.linalg.Workers;
import dev.tacit.model.Parameterization;
import dev.tacit.objective.Objective;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Biased matrix factorization trained by stochastic gradient descent, exactly as Surprise's {@code SVD}
 * algorithm (Funk, "Netflix Update: Try This at Home", 2006; Koren, Bell, Volinsky, "Matrix
 * Factorization Techniques for Recommender Systems", IEEE Computer 2009, eq. 5): the model
 * ŷ_ui = μ + b_u + b_i + p_uᵀq_i (a depth-2 {@link FactoredProduct} U·Vᵀ, p_u a row of U, q_i a row of
 * V), and for every rating, with e = r_ui − ŷ_ui,
 *
 * <pre>
 *   b_u ← b_u + γ(e − λ·b_u)          b_i ← b_i + γ(e − λ·b_i)
 *   p_u ← p_u + γ(e·q_i − λ·p_u)      q_i ← q_i + γ(e·p_u − λ·q_i)     (q_i's step uses the old p_u)
 * </pre>
 *
 * (the factor steps are evaluated as p_u ← (1 − γλ)·p_u + γe·q_i, the same update with fewer
 * operations). One {@link #update} is one epoch: every rating once, in the order of a Fisher–Yates shuffle of
 * 0…m−1 drawn from {@code new SplittableRandom(Seeds.derive(seed, epoch + 1))} (epoch = 0, 1, … counted from
 * {@link #init}), so the order depends only on the seed and the epoch. (Surprise visits the ratings in
 * its trainset's fixed order, itself a shuffle of the input; reshuffling each epoch is the usual SGD
 * practice and keeps the result independent of the input order.) {@link VisitOrder#BY_USER} visits user by
 * user in a fixed order instead, as Surprise does, and is faster.
 *
 * <p>{@link #evaluate} returns the regularised training objective
 *
 * <pre>
 *   F = (1/m) Σ_{(u,i)∈Ω} [ (r_ui − ŷ_ui)² + λ(b_u² + b_i² + ‖p_u‖² + ‖q_i‖²) ]
 *     = (1/m) [ Σ_Ω (r_ui − ŷ_ui)² + λ Σ_u n_u (b_u² + ‖p_u‖²) + λ Σ_i n_i (b_i² + ‖q_i‖²) ]
 * </pre>
 *
 * (n_u, n_i: ratings per user and item) — the mean squared error plus the regularisation, twice the
 * average of the per-rating losses ½e² + (λ/2)(…) whose stochastic gradients the steps above follow.
 * SGD does not decrease F monotonically. (The squared errors are summed over two fixed halves of the
 * users on {@link Workers}, so the value does not depend on the thread count.)
 *
 * <p>Models with {@link BiasTerms#MEAN} or {@link BiasTerms#NONE} are accepted too (Surprise's
 * {@code biased=False} is NONE): then only p_u and q_i are learned and the bias terms drop out of F.
 * Defaults are Surprise's: {@value #DEFAULT_FACTORS} factors, γ = {@value #DEFAULT_LEARNING_RATE},
 * λ = {@value #DEFAULT_REGULARIZATION}, {@value #DEFAULT_EPOCHS} epochs (the Trainer's
 * {@code maxIterations}), factors initialised N(0, {@value #DEFAULT_INIT_STD}²) and biases 0
 * ({@link #initialModel}). The factors are written back after every epoch, so the model always predicts
 * with the current state. {@link #lastStepSize()} is γ.
 */
public final class BiasedMfSgdRule implements UpdateRule {

    /** Surprise's {@code n_factors}: the width k of U and V. */
    public static final int DEFAULT_FACTORS = 100;
    /** Surprise's {@code lr_all}: γ. */
    public static final double DEFAULT_LEARNING_RATE = 0.005;
    /** Surprise's {@code reg_all}: λ. */
    public static final double DEFAULT_REGULARIZATION = 0.02;
    /** Surprise's {@code n_epochs}: the number of Trainer iterations to run. */
    public static final int DEFAULT_EPOCHS = 20;
    /** Surprise's {@code init_std_dev} (with {@code init_mean} 0). */
    public static final double DEFAULT_INIT_STD = 0.1;

    private static final String NAME = "BiasedMfSgdRule";

    private final double learningRate;
    private final double regularization;
    private final long seed;
    private final VisitOrder visitOrder;
    private RatingData data;
    private int[] userCount;
    private int[] itemCount;
    private long epoch;

    /**
     * Surprise's defaults γ = {@value #DEFAULT_LEARNING_RATE}, λ = {@value #DEFAULT_REGULARIZATION}.
     *
     * @param seed seeds the visiting order of every epoch
     */
    public BiasedMfSgdRule(long seed) {
        this(DEFAULT_LEARNING_RATE, DEFAULT_REGULARIZATION, seed);
    }

    /**
     * @param learningRate γ &gt; 0
     * @param regularization λ ≥ 0
     * @param seed seeds the visiting order of every epoch
     */
    public BiasedMfSgdRule(double learningRate, double regularization, long seed) {
        this(learningRate, regularization, seed, VisitOrder.SHUFFLED);
    }

    /**
     * @param learningRate γ &gt; 0
     * @param regularization λ ≥ 0
     * @param seed seeds the visiting order of every epoch (with {@link VisitOrder#SHUFFLED})
     * @param visitOrder how an epoch visits the ratings
     */
    public BiasedMfSgdRule(double learningRate, double regularization, long seed, VisitOrder visitOrder) {
        this.visitOrder = java.util.Objects.requireNonNull(visitOrder, "visit order");
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be positive and finite, got " + learningRate);
        }
        if (!(regularization >= 0) || !Double.isFinite(regularization)) {
            throw new IllegalArgumentException("regularization must be non-negative and finite, got "
                    + regularization);
        }
        this.learningRate = learningRate;
        this.regularization = regularization;
        this.seed = seed;
    }

    /**
     * Surprise's initialization: every entry of U (n₁×k) and then of V (n₂×k), row by row, drawn
     * N(0, {@value #DEFAULT_INIT_STD}²) from {@code new SplittableRandom(seed)}; b_u = b_i = 0.
     *
     * @param rows users n₁ ≥ 1
     * @param cols items n₂ ≥ 1
     * @param k factors ≥ 1
     * @param mean μ, normally the mean training rating
     * @param seed the seed of the draws
     * @return a depth-2 {@link FactoredProduct} with {@link BiasTerms#MEAN_AND_BIASES}
     */
    public static FactoredProduct initialModel(int rows, int cols, int k, double mean, long seed) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("matrix size must be positive, got " + rows + "x" + cols);
        }
        if (k < 1) {
            throw new IllegalArgumentException("number of factors must be at least 1, got " + k);
        }
        if (!Double.isFinite(mean)) {
            throw new IllegalArgumentException("mean must be finite, got " + mean);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        Matrix u = FactorArrays.gaussian(rows, k, DEFAULT_INIT_STD, rng);
        Matrix v = FactorArrays.gaussian(cols, k, DEFAULT_INIT_STD, rng);
        return FactoredProduct.ofFactors(rows, cols, 2, BiasTerms.MEAN_AND_BIASES, mean,
                List.of(u, v, Matrix.onHeap(rows, 1), Matrix.onHeap(cols, 1)));
    }

    /** @return γ */
    public double learningRate() {
        return learningRate;
    }

    /** @return λ */
    public double regularization() {
        return regularization;
    }

    /** @return the seed of the visiting orders */
    public long seed() {
        return seed;
    }

    @Override
    public void init(Parameterization parameterization, Objective objective) {
        FactoredProduct model = RatingData.model(parameterization, NAME, BiasTerms.values());
        data = RatingData.of(objective, model, NAME);
        userCount = new int[model.rows()];
        itemCount = new int[model.cols()];
        for (int e = 0; e < data.size(); e++) {
            userCount[data.user[e]]++;
            itemCount[data.item[e]]++;
        }
        epoch = 0;
    }

    @Override
    public double evaluate(Parameterization parameterization, Objective objective) {
        FactoredProduct model = (FactoredProduct) parameterization;
        List<Matrix> f = model.factors();
        boolean biased = model.biasTerms() == BiasTerms.MEAN_AND_BIASES;
        int k = model.width();
        double[] p = f.get(0).toArray();
        double[] q = f.get(1).toArray();
        double[] bu = biased ? f.get(2).toArray() : new double[model.rows()];
        double[] bi = biased ? f.get(3).toArray() : new double[model.cols()];
        double mu = model.mean();
        int n = model.rows();
        int split = RatingData.balancedSplit(data.userPtr);
        double[] halves = new double[2];
        Workers.run(() -> halves[0] = squaredErrors(p, q, bu, bi, mu, k, 0, split),
                () -> halves[1] = squaredErrors(p, q, bu, bi, mu, k, split, n));
        double s = halves[0] + halves[1];
        double reg = weightedSquares(p, k, userCount) + weightedSquares(q, k, itemCount)
                + weightedSquares(bu, 1, userCount) + weightedSquares(bi, 1, itemCount);
        return (s + regularization * reg) / data.size();
    }

    /** @return Σ (r_e − ŷ_e)² over the ratings of users [from, to), user by user (p_u stays cached) */
    private double squaredErrors(double[] p, double[] q, double[] bu, double[] bi, double mu, int k, int from,
                                 int to) {
        int[] item = data.item;
        int[] ptr = data.userPtr;
        int[] byUser = data.byUser;
        double[] y = data.targets;
        double s = 0;
        for (int u = from; u < to; u++) {
            for (int j = ptr[u]; j < ptr[u + 1]; j++) {
                int e = byUser[j];
                int i = item[e];
                double r = y[e] - (mu + bu[u] + bi[i] + FactorArrays.dot(p, u * k, q, i * k, k));
                s += r * r;
            }
        }
        return s;
    }

    /** @return Σ_rows count_row · ‖row‖² for a row-major array of width k */
    private static double weightedSquares(double[] v, int k, int[] count) {
        double s = 0;
        for (int r = 0; r < count.length; r++) {
            s += count[r] * FactorArrays.sumOfSquares(v, r * k, (r + 1) * k);
        }
        return s;
    }

    @Override
    public void update(Parameterization parameterization, Objective objective) {
        FactoredProduct model = (FactoredProduct) parameterization;
        List<Matrix> f = model.factors();
        boolean biased = model.biasTerms() == BiasTerms.MEAN_AND_BIASES;
        int k = model.width();
        double[] p = f.get(0).toArray();
        double[] q = f.get(1).toArray();
        double[] bu = biased ? f.get(2).toArray() : new double[model.rows()];
        double[] bi = biased ? f.get(3).toArray() : new double[model.cols()];
        double mu = model.mean();
        double lr = learningRate;
        double reg = regularization;
        double keep = 1 - lr * reg;
        int[] user = data.user;
        int[] item = data.item;
        double[] y = data.targets;
        int[] order = visitOrder == VisitOrder.SHUFFLED
                ? shuffledOrder(y.length, new SplittableRandom(Seeds.derive(seed, epoch + 1L)))
                : data.byUser;
        for (int e : order) {
            int u = user[e];
            int i = item[e];
            int po = u * k;
            int qo = i * k;
            double err = y[e] - (mu + bu[u] + bi[i] + FactorArrays.dot(p, po, q, qo, k));
            if (biased) {
                bu[u] += lr * (err - reg * bu[u]);
                bi[i] += lr * (err - reg * bi[i]);
            }
            double step = lr * err;
            for (int t = 0; t < k; t++) { // p + γ(e·q − λp) = (1 − γλ)p + γe·q, both from the old values
                double puf = p[po + t];
                double qif = q[qo + t];
                p[po + t] = keep * puf + step * qif;
                q[qo + t] = keep * qif + step * puf;
            }
        }
        FactorArrays.store(p, f.get(0));
        FactorArrays.store(q, f.get(1));
        if (biased) {
            FactorArrays.store(bu, f.get(2));
            FactorArrays.store(bi, f.get(3));
        }
        model.afterUpdate();
        epoch++;
    }

    /** @return a Fisher–Yates shuffle of 0…m−1 */
    static int[] shuffledOrder(int m, SplittableRandom rng) {
        int[] order = new int[m];
        for (int e = 0; e < m; e++) {
            order[e] = e;
        }
        for (int e = m - 1; e > 0; e--) {
            int j = rng.nextInt(e + 1);
            int t = order[e];
            order[e] = order[j];
            order[j] = t;
        }
        return order;
    }

    @Override
    public double lastStepSize() {
        return learningRate;
    }

    @Override
    public BiasedMfSgdRule copy() {
        return new BiasedMfSgdRule(learningRate, regularization, seed, visitOrder);
    }

    @Override
    public String toString() {
        return "BiasedMfSgdRule(lr=" + learningRate + ", reg=" + regularization + ", seed=" + seed + ")";
    }
}
