package dev.tacit.model.nmf;

import dev.tacit.fit.UpdateRule;
import dev.tacit.linalg.Matrix;
import dev.tacit.linalg.Transpose;
import dev.tacit.model.Parameterization;
import dev.tacit.objective.Objective;

/**
 * Maximum-volume NMF, the counterpart of {@link MinVolumeRule} used to bracket the feasible set (Qi &amp; van
 * der Heijden's MAV-NMF compares log det(WᵀW + 0.1 I) of min- and max-volume solutions; {@code
 * nmf_family.md} §0.3(b), §1.4 item 2). In the library's orientation (rows of X are the data points):
 *
 * <pre>
 *   min_{W, H}  F(W, H) = ½‖X − WH‖²_F − (λ'/2)·log det(HHᵀ + δI)
 *   subject to  W ≥ 0,  H ≥ 0,  H·1 = 1  (every row of H on the unit simplex)
 * </pre>
 *
 * The simplex rows keep the volume bounded (MAV-NMF's basis columns summing to 1, minvolNMF's model 3 on Xᵀ).
 * λ' = λ·max(10⁻⁶, ‖X − W₀H₀‖²)/|log det(H₀H₀ᵀ + δI)| as for min-volume ({@link VolumeSettings}). MAV-NMF's
 * own update (a column-wise det penalty) is not reproduced: ours is a plain descent method.
 *
 * <p>One {@link #update} is one sweep:
 *
 * <ul>
 *   <li><b>H</b>: −log det is not majorized by a quadratic here, so {@link VolumeSettings#innerIterations()}
 *   projected gradient steps with backtracking (Armijo-type sufficient decrease
 *   F(H') ≤ F(H) − ‖H' − H‖²/(2t); step t halved until it holds, doubled after each success), on the exact
 *   objective with ∇_H F = WᵀWH − WᵀX − λ'(HHᵀ + δI)⁻¹H and rows projected onto the simplex;</li>
 *   <li><b>W</b>: ½‖X − WH‖² over W ≥ 0 by projected fast gradient ({@link FastGradient}, best iterate kept).</li>
 * </ul>
 *
 * Both steps never increase F. {@link #start} rescales the initial factors so that the rows of H sum to 1
 * (W·D, D⁻¹·H with D = diag(H·1): WH unchanged; a zero row of H becomes uniform), refits W, then sets λ'.
 */
public final class MaxVolumeRule implements UpdateRule {

    private final VolumeSettings settings;
    private final double volumeWeight;
    private double step = Double.NaN;
    private Matrix xht; // X Hᵀ (n×k)
    private Matrix xtw; // Xᵀ W (m×k)

    private MaxVolumeRule(VolumeSettings settings, double volumeWeight) {
        this.settings = settings;
        this.volumeWeight = volumeWeight;
    }

    /**
     * Prepares a run: rows of H rescaled to sum to 1 (WH unchanged), W refit for
     * {@value MinVolumeRule#INITIAL_W_STEPS} fast-gradient steps, λ' set from the result.
     *
     * @param model W and H (modified)
     * @param objective X with the FROBENIUS loss and no penalty
     * @param settings λ, δ and inner iterations
     * @return the rule, with λ' fixed
     */
    public static MaxVolumeRule start(Nmf model, NmfObjective objective, VolumeSettings settings) {
        MinVolumeRule.check(objective, settings);
        int k = model.components();
        int n = model.rows();
        int m = model.cols();
        double[] w = model.w().toArray();
        double[] h = model.h().toArray();
        for (int t = 0; t < k; t++) {
            double d = 0;
            for (int j = 0; j < m; j++) {
                d += h[t * m + j];
            }
            for (int j = 0; j < m; j++) {
                h[t * m + j] = d > 0 ? h[t * m + j] / d : 1.0 / m;
            }
            for (int i = 0; i < n; i++) {
                w[i * k + t] = d > 0 ? w[i * k + t] * d : 0.0;
            }
        }
        FactorSweeps.store(w, model.w());
        FactorSweeps.store(h, model.h());
        model.invalidate();
        MaxVolumeRule rule = new MaxVolumeRule(settings, 0.0);
        rule.init(model, objective);
        rule.updateW(model, objective, MinVolumeRule.INITIAL_W_STEPS);
        return new MaxVolumeRule(settings, MinVolumeRule.weight(model, objective, settings));
    }

    /** @return λ' (the weight of −½ log det) */
    public double volumeWeight() {
        return volumeWeight;
    }

    @Override
    public void init(Parameterization parameterization, Objective objective) {
        Nmf model = HalsRule.model(parameterization);
        NmfObjective o = HalsRule.objective(objective);
        int k = model.components();
        xht = Matrix.zeros(model.w().backend(), o.rows(), k);
        xtw = Matrix.zeros(model.w().backend(), o.cols(), k);
        step = Double.NaN;
    }

    @Override
    public double evaluate(Parameterization parameterization, Objective objective) {
        Nmf model = (Nmf) parameterization;
        NmfObjective o = (NmfObjective) objective;
        return o.value(model.endToEnd()) - 0.5 * volumeWeight * MinVolumeRule.logVolume(model.h(), settings.delta());
    }

    @Override
    public void update(Parameterization parameterization, Objective objective) {
        Nmf model = (Nmf) parameterization;
        NmfObjective o = (NmfObjective) objective;
        updateH(model, o);
        updateW(model, o, settings.innerIterations());
    }

    private double partial(double[] ht, int m, int k, double[] wtw, double[] xtwA) {
        return partial(ht, m, k, wtw, xtwA, volumeWeight, settings.delta());
    }

    /** F(H) − ½‖X‖² for fixed W: ½⟨WᵀW, HHᵀ⟩ − ⟨Hᵀ, XᵀW⟩ − (λ'/2) log det(HHᵀ + δI); ht is Hᵀ (m×k). */
    static double partial(double[] ht, int m, int k, double[] wtw, double[] xtwA, double weight, double delta) {
        return FastGradient.value(ht, m, k, wtw, xtwA)
                - 0.5 * weight * MinVolumeRule.logVolume(FactorSweeps.transpose(ht, m, k), k, m, delta);
    }

    /**
     * ∇ of {@link #partial} in transposed form: Hᵀ·WᵀW − XᵀW − λ'·Hᵀ·(HHᵀ + δI)⁻¹.
     *
     * @param grad the gradient (m×k; overwritten)
     * @throws IllegalStateException when HHᵀ + δI is numerically singular
     */
    static void partialGradient(double[] ht, int m, int k, double[] wtw, double[] c, double weight, double delta,
                                double[] grad) {
        double[][] y = SmallMatrices.inverse(MinVolumeRule.square(
                MinVolumeRule.gramRows(FactorSweeps.transpose(ht, m, k), k, m, delta), k));
        if (y == null) {
            throw new IllegalStateException("HH^T + delta I is numerically singular (delta = " + delta
                    + "): use a larger delta");
        }
        for (int j = 0; j < m; j++) {
            for (int a = 0; a < k; a++) {
                double g = -c[j * k + a];
                for (int b = 0; b < k; b++) {
                    g += ht[j * k + b] * (wtw[b * k + a] - weight * y[b][a]);
                }
                grad[j * k + a] = g;
            }
        }
    }

    private void updateH(Nmf model, NmfObjective o) {
        int k = model.components();
        int m = model.cols();
        double[] wtw = MinVolumeRule.gram(model.w().toArray(), model.rows(), k);
        o.transposeTimesW(model.w(), xtw);
        double[] c = xtw.toArray();
        double[] ht = FactorSweeps.transpose(model.h().toArray(), k, m);
        if (!(step > 0)) {
            double l = FastGradient.maxEigenvalue(wtw, k);
            step = l > 0 ? 1.0 / l : 1.0;
        }
        double f = partial(ht, m, k, wtw, c);
        double[] grad = new double[ht.length];
        double[] trial = new double[ht.length];
        for (int it = 0; it < settings.innerIterations(); it++) {
            partialGradient(ht, m, k, wtw, c, volumeWeight, settings.delta(), grad);
            boolean accepted = false;
            for (int tries = 0; tries < 50; tries++) {
                for (int e = 0; e < ht.length; e++) {
                    trial[e] = ht[e] - step * grad[e];
                }
                projectColumnsOfHt(trial, m, k);
                double dist = 0;
                for (int e = 0; e < ht.length; e++) {
                    double d = trial[e] - ht[e];
                    dist += d * d;
                }
                double ft = partial(trial, m, k, wtw, c);
                if (ft <= f - dist / (2 * step)) {
                    accepted = dist > 0;
                    if (accepted) {
                        System.arraycopy(trial, 0, ht, 0, ht.length);
                        f = ft;
                    }
                    break;
                }
                step /= 2;
            }
            if (!accepted) {
                break;
            }
            step *= 2;
        }
        FactorSweeps.store(FactorSweeps.transpose(ht, m, k), model.h());
        model.invalidate();
    }

    /** Projects every row of H onto the simplex, H given as Hᵀ (m×k): column a of Hᵀ is row a of H. */
    private static void projectColumnsOfHt(double[] ht, int m, int k) {
        double[] h = FactorSweeps.transpose(ht, m, k);
        double[] work = new double[m];
        for (int a = 0; a < k; a++) {
            FastGradient.projectSimplex(h, a * m, m, work);
        }
        System.arraycopy(FactorSweeps.transpose(h, k, m), 0, ht, 0, ht.length);
    }

    private void updateW(Nmf model, NmfObjective o, int steps) {
        int k = model.components();
        double[] w = model.w().toArray();
        double[] hht = MinVolumeRule.gramRows(model.h().toArray(), k, model.cols(), 0.0);
        o.timesHt(model.h(), xht);
        FastGradient.minimize(w, model.rows(), k, hht, xht.toArray(), FastGradient.RowConstraint.NONNEGATIVE, steps);
        FactorSweeps.store(w, model.w());
        model.invalidate();
    }

    /** @return 1: the inner solvers choose their own steps */
    @Override
    public double lastStepSize() {
        return 1.0;
    }

    @Override
    public MaxVolumeRule copy() {
        return new MaxVolumeRule(settings, volumeWeight);
    }

    @Override
    public String toString() {
        return "MaxVolumeRule(" + settings + ", lambda' = " + volumeWeight + ")";
    }
}
