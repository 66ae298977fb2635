package dev.tacit.model.factored;

import dev.tacit.fit.UpdateRule;
import dev.tacit.linalg.Matrix;
import dev.tacit.model.Parameterization;
import dev.tacit.objective.Objective;
import java.util.List;

/**
 * The baseline predictor ŷ_ui = μ + b_u + b_i fitted by alternating least squares, as Surprise's
 * {@code BaselineOnly} with {@code bsl_options = {'method': 'als'}} (Koren, "Factor in the neighbors",
 * TKDD 2010, §2.1). It minimises the training objective returned by {@link #evaluate}:
 *
 * <pre>
 *   F(b) = Σ_{(u,i)∈Ω} (r_ui − μ − b_u − b_i)² + λ_u Σ_u b_u² + λ_i Σ_i b_i²
 * </pre>
 *
 * (a sum over the ratings, not a mean). One {@link #update} is one of Surprise's epochs: first every item
 * bias in closed form given the user biases, then every user bias given the new item biases,
 *
 * <pre>
 *   b_i = Σ_{u∈R(i)} (r_ui − μ − b_u) / (λ_i + |R(i)|),     b_u = Σ_{i∈R(u)} (r_ui − μ − b_i) / (λ_u + |R(u)|),
 * </pre>
 *
 * each an exact block minimisation of F, so F never increases. Defaults are Surprise's:
 * λ_i = {@value #DEFAULT_REG_ITEM}, λ_u = {@value #DEFAULT_REG_USER} and {@value #DEFAULT_EPOCHS} epochs
 * (pass {@link #DEFAULT_EPOCHS} as the Trainer's {@code maxIterations}).
 *
 * <p>The model is a depth-2 {@link FactoredProduct} with {@link BiasTerms#MEAN_AND_BIASES}; μ is its
 * {@link FactoredProduct#mean()} (normally the mean training rating, as in Surprise). Its factors U, V
 * play no part: {@link #init} sets them to zero, so that the model predicts μ + b_u + b_i, and they
 * stay zero. {@link #initialModel} builds such a model (width 1, all parameters zero, as Surprise
 * starts). {@link #lastStepSize()} is 1 (each update moves all the way to a block minimiser).
 */
public final class BiasBaselineRule implements UpdateRule {

    /** Surprise's {@code reg_u}: λ_u. */
    public static final double DEFAULT_REG_USER = 15.0;
    /** Surprise's {@code reg_i}: λ_i. */
    public static final double DEFAULT_REG_ITEM = 10.0;
    /** Surprise's {@code n_epochs} for the ALS baseline: the number of Trainer iterations to run. */
    public static final int DEFAULT_EPOCHS = 10;

    private static final String NAME = "BiasBaselineRule";

    private final double regUser;
    private final double regItem;
    private RatingData data;

    /** Surprise's defaults: λ_u = {@value #DEFAULT_REG_USER}, λ_i = {@value #DEFAULT_REG_ITEM}. */
    public BiasBaselineRule() {
        this(DEFAULT_REG_USER, DEFAULT_REG_ITEM);
    }

    /**
     * @param regUser λ_u ≥ 0
     * @param regItem λ_i ≥ 0
     */
    public BiasBaselineRule(double regUser, double regItem) {
        if (!(regUser >= 0) || !Double.isFinite(regUser)) {
            throw new IllegalArgumentException("user regularization must be non-negative and finite, got " + regUser);
        }
        if (!(regItem >= 0) || !Double.isFinite(regItem)) {
            throw new IllegalArgumentException("item regularization must be non-negative and finite, got " + regItem);
        }
        this.regUser = regUser;
        this.regItem = regItem;
    }

    /**
     * The model Surprise starts from: μ given, b_u = b_i = 0, and zero factors of width 1.
     *
     * @param rows users n₁ ≥ 1
     * @param cols items n₂ ≥ 1
     * @param mean μ, normally the mean training rating
     * @return a depth-2 {@link FactoredProduct} with {@link BiasTerms#MEAN_AND_BIASES}
     */
    public static FactoredProduct initialModel(int rows, int cols, double mean) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("matrix size must be positive, got " + rows + "x" + cols);
        }
        if (!Double.isFinite(mean)) {
            throw new IllegalArgumentException("mean must be finite, got " + mean);
        }
        return FactoredProduct.ofFactors(rows, cols, 2, BiasTerms.MEAN_AND_BIASES, mean, List.of(
                Matrix.onHeap(rows, 1), Matrix.onHeap(cols, 1), Matrix.onHeap(rows, 1), Matrix.onHeap(cols, 1)));
    }

    /** @return λ_u */
    public double regUser() {
        return regUser;
    }

    /** @return λ_i */
    public double regItem() {
        return regItem;
    }

    @Override
    public void init(Parameterization parameterization, Objective objective) {
        FactoredProduct model = RatingData.model(parameterization, NAME, BiasTerms.MEAN_AND_BIASES);
        data = RatingData.of(objective, model, NAME);
        model.factors().get(0).fill(0.0);
        model.factors().get(1).fill(0.0);
        model.afterUpdate();
    }

    @Override
    public double evaluate(Parameterization parameterization, Objective objective) {
        FactoredProduct model = (FactoredProduct) parameterization;
        double[] predictions = new double[data.size()];
        model.predict(data.pattern, predictions);
        double s = 0;
        for (int e = 0; e < predictions.length; e++) {
            double r = data.targets[e] - predictions[e];
            s += r * r;
        }
        double[] bu = model.factors().get(2).toArray();
        double[] bi = model.factors().get(3).toArray();
        return s + regUser * FactorArrays.sumOfSquares(bu, 0, bu.length)
                + regItem * FactorArrays.sumOfSquares(bi, 0, bi.length);
    }

    @Override
    public void update(Parameterization parameterization, Objective objective) {
        FactoredProduct model = (FactoredProduct) parameterization;
        double mu = model.mean();
        Matrix userBias = model.factors().get(2);
        Matrix itemBias = model.factors().get(3);
        double[] bu = userBias.toArray();
        double[] bi = new double[itemBias.size()];
        solve(data.itemPtr, data.byItem, data.user, bu, mu, regItem, bi);
        solve(data.userPtr, data.byUser, data.item, bi, mu, regUser, bu);
        FactorArrays.store(bu, userBias);
        FactorArrays.store(bi, itemBias);
        model.afterUpdate();
    }

    /** out_j = Σ_{e∈R(j)} (r_e − μ − other_{o(e)}) / (λ + |R(j)|), with 0 for a group without ratings. */
    private void solve(int[] ptr, int[] order, int[] otherIndex, double[] other, double mu, double reg,
                       double[] out) {
        for (int j = 0; j + 1 < ptr.length; j++) {
            int n = ptr[j + 1] - ptr[j];
            double s = 0;
            for (int p = ptr[j]; p < ptr[j + 1]; p++) {
                int e = order[p];
                s += data.targets[e] - mu - other[otherIndex[e]];
            }
            out[j] = n == 0 && reg == 0 ? 0.0 : s / (reg + n);
        }
    }

    @Override
    public double lastStepSize() {
        return 1.0;
    }

    @Override
    public BiasBaselineRule copy() {
        return new BiasBaselineRule(regUser, regItem);
    }

    @Override
    public String toString() {
        return "BiasBaselineRule(regUser=" + regUser + ", regItem=" + regItem + ")";
    }
}
