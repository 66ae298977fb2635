package dev.tacit.model.nmf;

import dev.tacit.fit.UpdateRule;
import dev.tacit.linalg.Matrix;
import dev.tacit.linalg.Transpose;
import dev.tacit.model.Parameterization;
import dev.tacit.objective.Objective;

/**
 * Minimum-volume NMF (Fu, Huang, Sidiropoulos &amp; Ma 2016; Leplat, Ang &amp; Gillis, "Minimum-volume
 * rank-deficient NMF", ICASSP 2019; Gillis' {@code minvolNMF}, nmfbook, with {@code model = 4}): in the
 * library's orientation (rows of X are the data points, as scikit-learn's),
 *
 * <pre>
 *   min_{W, H}  F(W, H) = ½‖X − WH‖²_F + (λ'/2)·log det(HHᵀ + δI)
 *   subject to  H ≥ 0,  W ≥ 0,  W·1 = 1  (every row of W on the unit simplex)
 * </pre>
 *
 * so each row of X is approximated by a convex combination of the k rows of H (the vertices, e.g. latent
 * budgets), and among the simplices that fit, the one of smallest volume is preferred. This is minvolNMF's
 * model 4 ("Hᵀe = e") on Xᵀ, with its W the transpose of our H and its H the transpose of our W. λ' is the
 * effective weight of {@link VolumeSettings} (set once from the initialization, {@link #volumeWeight()}).
 *
 * <p>One {@link #update} is one sweep, H then W, each an inexact block minimization:
 *
 * <ul>
 *   <li><b>H</b>: log det is concave, so with Y = (H_tH_tᵀ + δI)⁻¹ it is majorized by its tangent,
 *   log det(HHᵀ + δI) ≤ log det(H_tH_tᵀ + δI) + ⟨Y, HHᵀ − H_tH_tᵀ⟩ (equality at H_t); the majorizer
 *   ½‖X − WH‖² + (λ'/2)⟨Y, HHᵀ⟩ is the quadratic ½⟨H, (WᵀW + λ'Y)H⟩ − ⟨H, WᵀX⟩ + const, minimized over
 *   H ≥ 0 by {@value VolumeSettings#DEFAULT_INNER_ITERATIONS} (by default) steps of projected fast gradient
 *   ({@link FastGradient}, L = λ_max(WᵀW + λ'Y));</li>
 *   <li><b>W</b>: ½⟨W, W·HHᵀ⟩ − ⟨W, XHᵀ⟩ over rows on the simplex, by the same method with the simplex
 *   projection (L = λ_max(HHᵀ)).</li>
 * </ul>
 *
 * Each inner solve returns its best iterate (the start included), so F never increases (majorization–
 * minimization). {@link #start} first projects the rows of the initial W onto the simplex and refits W
 * for {@value #INITIAL_W_STEPS} steps with H fixed, then sets λ'. {@link #evaluate} returns F with ½‖X − WH‖² computed from
 * the residual (no cancellation).
 */
public final class MinVolumeRule implements UpdateRule {

    /** Fast-gradient steps of the W refit in {@link #init}. */
    public static final int INITIAL_W_STEPS = 100;

    private final VolumeSettings settings;
    private final double volumeWeight;
    private Matrix xht; // X Hᵀ (n×k)
    private Matrix xtw; // Xᵀ W (m×k)

    private MinVolumeRule(VolumeSettings settings, double volumeWeight) {
        this.settings = settings;
        this.volumeWeight = volumeWeight;
    }

    /**
     * Prepares a run: projects the rows of W onto the simplex, refits W for {@value #INITIAL_W_STEPS}
     * fast-gradient steps with H fixed, and sets λ' from the result.
     *
     * @param model W and H (modified)
     * @param objective X with the FROBENIUS loss and no penalty
     * @param settings λ, δ and inner iterations
     * @return the rule, with λ' fixed
     * @throws IllegalArgumentException for another loss, a penalty or null settings
     */
    public static MinVolumeRule start(Nmf model, NmfObjective objective, VolumeSettings settings) {
        check(objective, settings);
        int k = model.components();
        double[] w = model.w().toArray();
        FastGradient.project(w, model.rows(), k, FastGradient.RowConstraint.SIMPLEX);
        FactorSweeps.store(w, model.w());
        model.invalidate();
        MinVolumeRule rule = new MinVolumeRule(settings, 0.0);
        rule.init(model, objective);
        rule.updateW(model, objective, INITIAL_W_STEPS);
        return new MinVolumeRule(settings, weight(model, objective, settings));
    }

    /** @return λ' = λ·max(10⁻⁶, ‖X − WH‖²)/|log det(HHᵀ + δI)| at the current factors (0 when λ = 0) */
    static double weight(Nmf model, NmfObjective objective, VolumeSettings settings) {
        double fit = 2 * objective.value(model.endToEnd());
        double logDet = logVolume(model.h(), settings.delta());
        return settings.lambda() == 0 ? 0.0
                : settings.lambda() * Math.max(1e-6, fit) / Math.max(Math.abs(logDet), 1e-12);
    }

    static void check(NmfObjective objective, VolumeSettings settings) {
        if (settings == null) {
            throw new IllegalArgumentException("volume settings must not be null");
        }
        if (objective.loss() != NmfLoss.FROBENIUS) {
            throw new IllegalArgumentException("min/max-volume NMF fits the FROBENIUS loss only, got "
                    + objective.loss());
        }
        if (!objective.penalty().equals(NmfPenalty.NONE)) {
            throw new IllegalArgumentException("min/max-volume NMF takes no elastic-net penalty, got "
                    + objective.penalty());
        }
        if (objective.isSparse()) {
            throw new IllegalArgumentException("min/max-volume NMF needs a dense X");
        }
    }

    /** @return λ' = λ·max(10⁻⁶, ‖X − W₀H₀‖²)/|log det(H₀H₀ᵀ + δI)| */
    public double volumeWeight() {
        return volumeWeight;
    }

    /**
     * @param h H (k×m), not modified
     * @param delta δ &gt; 0
     * @return log det(HHᵀ + δI)
     */
    public static double logVolume(Matrix h, double delta) {
        return logVolume(h.toArray(), h.rows(), h.cols(), delta);
    }

    @Override
    public void init(Parameterization parameterization, Objective objective) {
        Nmf model = HalsRule.model(parameterization);
        NmfObjective o = HalsRule.objective(objective);
        if (o.loss() != NmfLoss.FROBENIUS) {
            throw new IllegalArgumentException("minimum-volume NMF fits the FROBENIUS loss only, got " + o.loss());
        }
        Matrix x = o.data();
        int k = model.components();
        xht = Matrix.zeros(x.backend(), x.rows(), k);
        xtw = Matrix.zeros(x.backend(), x.cols(), k);
    }

    @Override
    public double evaluate(Parameterization parameterization, Objective objective) {
        Nmf model = (Nmf) parameterization;
        NmfObjective o = (NmfObjective) objective;
        return o.value(model.endToEnd())
                + 0.5 * volumeWeight * logVolume(model.h().toArray(), model.components(), model.cols(),
                        settings.delta());
    }

    @Override
    public void update(Parameterization parameterization, Objective objective) {
        Nmf model = (Nmf) parameterization;
        NmfObjective o = (NmfObjective) objective;
        updateH(model, o);
        updateW(model, o, settings.innerIterations());
    }

    private void updateH(Nmf model, NmfObjective o) {
        int k = model.components();
        int m = model.cols();
        double[] h = model.h().toArray();
        double[] q = majorizer(model.w().toArray(), model.rows(), h, k, m, volumeWeight, settings.delta());
        Matrix.multiply(Transpose.NO, o.dataTransposed(), Transpose.NO, model.w(), xtw);
        double[] ht = FactorSweeps.transpose(h, k, m);
        FastGradient.minimize(ht, m, k, q, xtw.toArray(), FastGradient.RowConstraint.NONNEGATIVE,
                settings.innerIterations());
        FactorSweeps.store(FactorSweeps.transpose(ht, m, k), model.h());
        model.invalidate();
    }

    /**
     * The quadratic term of the H-step's majorizer at H_t: Q = WᵀW + λ'·(H_tH_tᵀ + δI)⁻¹, so that
     * ½‖X − WH‖² + (λ'/2)·log det(HHᵀ + δI) ≤ ½⟨Hᵀ, HᵀQ⟩ − ⟨Hᵀ, XᵀW⟩ + const, with equality and equal gradients
     * at H = H_t.
     *
     * @param w W (n×k, row-major)
     * @param n rows of W
     * @param h H_t (k×m, row-major)
     * @param k components
     * @param m columns of H
     * @param weight λ' ≥ 0
     * @param delta δ &gt; 0
     * @return Q (k×k, row-major)
     */
    static double[] majorizer(double[] w, int n, double[] h, int k, int m, double weight, double delta) {
        double[] q = gram(w, n, k);
        if (weight > 0) {
            double[][] y = SmallMatrices.inverse(square(gramRows(h, k, m, delta), k));
            if (y == null) {
                throw new IllegalStateException("HH^T + delta I is numerically singular (delta = " + delta
                        + "): use a larger delta");
            }
            for (int a = 0; a < k; a++) {
                for (int b = 0; b < k; b++) {
                    q[a * k + b] += weight * y[a][b];
                }
            }
        }
        return q;
    }

    private void updateW(Nmf model, NmfObjective o, int steps) {
        int k = model.components();
        int n = model.rows();
        double[] w = model.w().toArray();
        double[] hht = gramRows(model.h().toArray(), k, model.cols(), 0.0);
        Matrix.multiply(Transpose.NO, o.data(), Transpose.YES, model.h(), xht);
        FastGradient.minimize(w, n, k, hht, xht.toArray(), FastGradient.RowConstraint.SIMPLEX, steps);
        FactorSweeps.store(w, model.w());
        model.invalidate();
    }

    /**
     * @param h H (k×m, row-major)
     * @param k rows
     * @param m columns
     * @param delta δ &gt; 0
     * @return log det(HHᵀ + δI), by Cholesky
     */
    static double logVolume(double[] h, int k, int m, double delta) {
        double[] g = gramRows(h, k, m, delta);
        double logDet = 0;
        for (int j = 0; j < k; j++) {
            double d = g[j * k + j];
            for (int c = 0; c < j; c++) {
                d -= g[j * k + c] * g[j * k + c];
            }
            double l = Math.sqrt(d);
            g[j * k + j] = l;
            logDet += 2 * Math.log(l);
            for (int i = j + 1; i < k; i++) {
                double s = g[i * k + j];
                for (int c = 0; c < j; c++) {
                    s -= g[i * k + c] * g[j * k + c];
                }
                g[i * k + j] = s / l;
            }
        }
        return logDet;
    }

    /** @return HHᵀ + δI (k×k row-major) for H k×m row-major */
    static double[] gramRows(double[] h, int k, int m, double delta) {
        double[] g = new double[k * k];
        for (int a = 0; a < k; a++) {
            for (int b = 0; b <= a; b++) {
                double s = 0;
                for (int j = 0; j < m; j++) {
                    s += h[a * m + j] * h[b * m + j];
                }
                g[a * k + b] = s + (a == b ? delta : 0.0);
                g[b * k + a] = g[a * k + b];
            }
        }
        return g;
    }

    /** @return WᵀW (k×k row-major) for W n×k row-major */
    static double[] gram(double[] w, int n, int k) {
        double[] g = new double[k * k];
        for (int i = 0; i < n; i++) {
            int o = i * k;
            for (int a = 0; a < k; a++) {
                double wa = w[o + a];
                if (wa == 0.0) {
                    continue;
                }
                for (int b = 0; b < k; b++) {
                    g[a * k + b] += wa * w[o + b];
                }
            }
        }
        return g;
    }

    static double[][] square(double[] flat, int k) {
        double[][] out = new double[k][k];
        for (int a = 0; a < k; a++) {
            System.arraycopy(flat, a * k, out[a], 0, k);
        }
        return out;
    }

    /** @return 1: the inner solvers choose their own steps */
    @Override
    public double lastStepSize() {
        return 1.0;
    }

    @Override
    public MinVolumeRule copy() {
        return new MinVolumeRule(settings, volumeWeight);
    }

    @Override
    public String toString() {
        return "MinVolumeRule(" + settings + ", lambda' = " + volumeWeight + ")";
    }
}
