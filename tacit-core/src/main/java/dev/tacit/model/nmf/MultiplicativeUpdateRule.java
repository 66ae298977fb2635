package dev.tacit.model.nmf;

import dev.tacit.fit.UpdateRule;
import dev.tacit.linalg.Backend;
import dev.tacit.linalg.EntryKernels;
import dev.tacit.linalg.Matrix;
import dev.tacit.linalg.Transpose;
import dev.tacit.linalg.UpdateKernels;
import dev.tacit.linalg.Workers;
import dev.tacit.model.Parameterization;
import dev.tacit.objective.Objective;

/**
 * Multiplicative updates for β-divergence NMF (Lee &amp; Seung, NIPS 2001; Févotte &amp; Idier, Neural
 * Computation 2011), exactly scikit-learn's {@code solver="mu"} ({@code _fit_multiplicative_update},
 * {@code _multiplicative_update_w}, {@code _multiplicative_update_h}, version 1.2) on dense X. One
 * {@link #update} is one sweep, W then H; with Y = WH, γ = 1 for β ∈ {1, 2} and γ = 1/(2 − β) = ½ for
 * β = 0:
 *
 * <pre>
 *   β = 2:  W ← W ⊙ (X Hᵀ) / (W H Hᵀ + l1_W + l2_W W)           H ← H ⊙ (Wᵀ X) / (WᵀW H + l1_H + l2_H H)
 *   β = 1:  W ← W ⊙ ((X/Y) Hᵀ) / (1 (H 1)ᵀ + l1_W + l2_W W)    H ← H ⊙ (Wᵀ (X/Y)) / ((Wᵀ1) 1ᵀ + l1_H + l2_H H)
 *   β = 0:  W ← W ⊙ [((X ⊙ Y^−2) Hᵀ) / (Y^−1 Hᵀ + l1_W + l2_W W)]^γ,   H likewise with Wᵀ
 * </pre>
 *
 * with sklearn's safeguards: entries of Y equal to 0 become ε = {@link NmfLoss#EPSILON} (β &lt; 2);
 * column sums of W equal to 0 become 1 (β = 1, H update); denominators equal to 0 become ε; after the W
 * update entries of W below the float64 epsilon are set to 0 when β &lt; 1, after the H update entries
 * of H below it when β ≤ 1. Y is recomputed between the W and the H update.
 *
 * <p>{@link #evaluate} returns F = D_β(X‖WH) + penalty. For β = 2 it uses the products the W update
 * needs (½(‖X‖² − 2⟨W, XHᵀ⟩ + ⟨WᵀW, HHᵀ⟩)); for β ∈ {0, 1} it uses Y = WH, which the W update then
 * reuses. Sparse X ({@link NmfObjective#isSparse()}, Frobenius and KL): X·Hᵀ and Xᵀ·W are sparse
 * products, and for KL the ratio X/Y is formed only at the stored entries of X, with Y there from the
 * rows of W and the columns of H (sklearn's {@code _special_sparse_dot}); WH is never formed, and the
 * iterates are those of dense X up to rounding.
 */
public final class MultiplicativeUpdateRule implements UpdateRule {

    /** np.finfo(np.float64).eps, sklearn's threshold for the β ≤ 1 clipping. */
    public static final double FLOAT64_EPSILON = Math.ulp(1.0);

    private static final int PARALLEL_ENTRIES = 1 << 16;

    private Matrix hht;
    private Matrix xht;
    private Matrix wtw;
    private Matrix xtw;
    private Matrix whh; // W·HHᵀ (n×k)
    private Matrix htwtw; // Hᵀ·WᵀW (m×k)
    private Matrix ratio;
    private Matrix inverse;
    private Matrix inverseT;
    private double[] entryRatio; // sparse X, KL: X/(WH) at the stored entries
    private boolean prepared;
    private StreamedWUpdate streamed; // dense X, Frobenius
    private boolean xtwCurrent; // xtw = Xᵀ·W for the current W (dense Frobenius: left by the last update)

    @Override
    public void init(Parameterization parameterization, Objective objective) {
        Nmf model = HalsRule.model(parameterization);
        NmfObjective o = HalsRule.objective(objective);
        Backend backend = model.w().backend();
        int n = o.rows();
        int m = o.cols();
        int k = model.components();
        hht = Matrix.zeros(backend, k, k);
        wtw = Matrix.zeros(backend, k, k);
        xht = Matrix.zeros(backend, n, k);
        xtw = Matrix.zeros(backend, m, k);
        whh = Matrix.zeros(backend, n, k);
        htwtw = Matrix.zeros(backend, m, k);
        if (o.isSparse()) {
            if (o.loss() == NmfLoss.ITAKURA_SAITO) {
                throw new IllegalArgumentException("sparse X: the multiplicative updates support FROBENIUS and "
                        + "KULLBACK_LEIBLER, not ITAKURA_SAITO");
            }
            if (o.loss() == NmfLoss.KULLBACK_LEIBLER) {
                entryRatio = new double[o.storedValues().length];
            }
        } else if (o.loss() != NmfLoss.FROBENIUS) {
            ratio = Matrix.zeros(backend, n, m);
        } else {
            streamed = new StreamedWUpdate(xht, whh, m);
        }
        if (o.loss() == NmfLoss.ITAKURA_SAITO) {
            inverse = Matrix.zeros(backend, n, m);
            inverseT = Matrix.zeros(backend, m, k);
        }
        prepared = false;
        xtwCurrent = false;
    }

    @Override
    public double evaluate(Parameterization parameterization, Objective objective) {
        Nmf model = (Nmf) parameterization;
        NmfObjective o = (NmfObjective) objective;
        double penalty = o.penaltyValue(model.w(), model.h());
        if (o.loss() == NmfLoss.FROBENIUS && streamed != null) {
            // ⟨W, XHᵀ⟩ = ⟨XᵀW, Hᵀ⟩: from the Xᵀ·W the last update left (W unchanged since), no pass over X
            if (!xtwCurrent) {
                Matrix.multiply(Transpose.YES, o.data(), Transpose.NO, model.w(), xtw);
                xtwCurrent = true;
            }
            Matrix.multiply(Transpose.NO, model.h(), Transpose.YES, model.h(), hht);
            Matrix.multiply(Transpose.YES, model.w(), Transpose.NO, model.w(), wtw);
            return FactorSweeps.frobeniusFromTransposed(o.dataNormSquared(), model.h(), xtw, wtw, hht) + penalty;
        }
        if (o.loss() == NmfLoss.FROBENIUS) {
            prepareFrobenius(model, o);
            Matrix.multiply(Transpose.YES, model.w(), Transpose.NO, model.w(), wtw);
            return FactorSweeps.frobenius(o.dataNormSquared(), model.w(), xht, wtw, hht) + penalty;
        }
        return o.divergence(model) + penalty;
    }

    private void prepareFrobenius(Nmf model, NmfObjective o) {
        Matrix.multiply(Transpose.NO, model.h(), Transpose.YES, model.h(), hht);
        o.timesHt(model.h(), xht);
        prepared = true;
    }

    @Override
    public void update(Parameterization parameterization, Objective objective) {
        Nmf model = (Nmf) parameterization;
        NmfObjective o = (NmfObjective) objective;
        NmfLoss loss = o.loss();
        int n = model.rows();
        int m = model.cols();
        int k = model.components();
        double gamma = loss == NmfLoss.ITAKURA_SAITO ? 0.5 : 1.0;
        if (loss == NmfLoss.FROBENIUS) {
            updateFrobenius(model, o);
            return;
        }
        // ---- W ----
        double[] w = model.w().toArray();
        double[] h = model.h().toArray();
        double[] num;
        double[] den;
        if (loss == NmfLoss.FROBENIUS) {
            if (!prepared) {
                prepareFrobenius(model, o);
            }
            num = xht.toArray();
            Matrix.multiply(Transpose.NO, model.w(), Transpose.NO, hht, whh);
            den = whh.toArray();
        } else {
            if (o.isSparse()) {
                entryRatios(o, model);
                EntryKernels.rowScatter(o.pattern(), entryRatio, model.h().transpose(), xht);
            } else {
                Matrix y = model.endToEnd();
                ratios(o, y);
                Matrix.multiply(Transpose.NO, ratio, Transpose.YES, model.h(), xht);
            }
            num = xht.toArray();
            if (loss == NmfLoss.KULLBACK_LEIBLER) {
                den = new double[n * k];
                for (int t = 0; t < k; t++) {
                    double s = 0;
                    for (int j = 0; j < m; j++) {
                        s += h[t * m + j];
                    }
                    for (int i = 0; i < n; i++) {
                        den[i * k + t] = s;
                    }
                }
            } else {
                Matrix.multiply(Transpose.NO, inverse, Transpose.YES, model.h(), xht);
                den = xht.toArray();
            }
        }
        multiply(w, num, den, o.l1W(), o.l2W(), gamma);
        if (loss == NmfLoss.ITAKURA_SAITO) {
            clipBelow(w, FLOAT64_EPSILON);
        }
        FactorSweeps.store(w, model.w());
        model.invalidate();
        // ---- H (computed transposed, m×k, so that the products split by rows) ----
        double[] numT;
        double[] denT;
        if (loss == NmfLoss.FROBENIUS) {
            Matrix.multiply(Transpose.YES, model.w(), Transpose.NO, model.w(), wtw);
            o.transposeTimesW(model.w(), xtw);
            numT = xtw.toArray();
            // (WᵀW H)ᵀ = Hᵀ WᵀW
            Matrix.multiply(Transpose.YES, model.h(), Transpose.NO, wtw, htwtw);
            denT = htwtw.toArray();
        } else {
            if (o.isSparse()) {
                entryRatios(o, model);
                EntryKernels.colScatter(o.pattern(), entryRatio, model.w(), xtw);
            } else {
                Matrix y = model.endToEnd();
                ratios(o, y);
                Matrix.multiply(Transpose.YES, ratio, Transpose.NO, model.w(), xtw);
            }
            numT = xtw.toArray();
            if (loss == NmfLoss.KULLBACK_LEIBLER) {
                denT = new double[m * k];
                for (int t = 0; t < k; t++) {
                    double s = 0;
                    for (int i = 0; i < n; i++) {
                        s += w[i * k + t];
                    }
                    if (s == 0.0) {
                        s = 1.0;
                    }
                    for (int j = 0; j < m; j++) {
                        denT[j * k + t] = s;
                    }
                }
            } else {
                Matrix.multiply(Transpose.YES, inverse, Transpose.NO, model.w(), inverseT);
                denT = inverseT.toArray();
            }
        }
        double[] ht = FactorSweeps.transpose(h, k, m);
        multiply(ht, numT, denT, o.l1H(), o.l2H(), gamma);
        if (loss != NmfLoss.FROBENIUS) {
            clipBelow(ht, FLOAT64_EPSILON);
        }
        FactorSweeps.store(FactorSweeps.transpose(ht, m, k), model.h());
        model.invalidate();
        prepared = false;
    }

    /**
     * The β = 2 sweep with the fused element-wise kernel ({@link UpdateKernels#multiplicative}): no copies of
     * W, H or the products out of their storage. Same arithmetic as the generic path.
     */
    private void updateFrobenius(Nmf model, NmfObjective o) {
        if (streamed != null) {
            Matrix.multiply(Transpose.NO, model.h(), Transpose.YES, model.h(), hht);
            double l1 = o.l1W();
            double l2 = o.l2W();
            Matrix work = streamed.work();
            streamed.run(o.data(), model.w(), model.h(), (from, wb, xhtb) -> {
                Matrix whhb = work.rowRange(from, from + wb.rows());
                Matrix.multiply(Transpose.NO, wb, Transpose.NO, hht, whhb);
                UpdateKernels.multiplicative(wb, xhtb, whhb, l1, l2, NmfLoss.EPSILON, false);
                return 0.0;
            }, xtw);
            model.invalidate();
            Matrix.multiply(Transpose.YES, model.w(), Transpose.NO, model.w(), wtw);
            Matrix.multiply(Transpose.YES, model.h(), Transpose.NO, wtw, htwtw); // (WᵀW H)ᵀ = Hᵀ WᵀW
            UpdateKernels.multiplicative(model.h(), xtw, htwtw, o.l1H(), o.l2H(), NmfLoss.EPSILON, true);
            model.invalidate();
            xtwCurrent = true;
            return;
        }
        if (!prepared) {
            prepareFrobenius(model, o);
        }
        Matrix.multiply(Transpose.NO, model.w(), Transpose.NO, hht, whh);
        UpdateKernels.multiplicative(model.w(), xht, whh, o.l1W(), o.l2W(), NmfLoss.EPSILON, false);
        model.invalidate();
        Matrix.multiply(Transpose.YES, model.w(), Transpose.NO, model.w(), wtw);
        o.transposeTimesW(model.w(), xtw);
        Matrix.multiply(Transpose.YES, model.h(), Transpose.NO, wtw, htwtw); // (WᵀW H)ᵀ = Hᵀ WᵀW
        UpdateKernels.multiplicative(model.h(), xtw, htwtw, o.l1H(), o.l2H(), NmfLoss.EPSILON, true);
        model.invalidate();
        prepared = false;
    }

    /**
     * f ← f ⊙ (num / den')^γ with den' = den + l1 + l2·f and den' = 0 → ε (sklearn's order: l1 added,
     * then l2·f, then the zero guard).
     */
    private static void multiply(double[] f, double[] num, double[] den, double l1, double l2, double gamma) {
        for (int e = 0; e < f.length; e++) {
            double d = den[e];
            if (l1 > 0) {
                d += l1;
            }
            if (l2 > 0) {
                d += l2 * f[e];
            }
            if (d == 0.0) {
                d = NmfLoss.EPSILON;
            }
            double delta = num[e] / d;
            if (gamma != 1.0) {
                delta = Math.sqrt(delta);
            }
            f[e] *= delta;
        }
    }

    private static void clipBelow(double[] f, double threshold) {
        for (int e = 0; e < f.length; e++) {
            if (f[e] < threshold) {
                f[e] = 0.0;
            }
        }
    }

    /** Sparse X, KL: X/(WH) at the stored entries only, (WH)_e = 0 → ε (scikit-learn's {@code _special_sparse_dot}). */
    private void entryRatios(NmfObjective o, Nmf model) {
        o.productAtEntries(model.w(), model.h(), entryRatio);
        double[] x = o.storedValues();
        for (int e = 0; e < x.length; e++) {
            double y = entryRatio[e];
            entryRatio[e] = x[e] / (y == 0.0 ? NmfLoss.EPSILON : y);
        }
    }

    /**
     * With Y_ij = 0 → ε: KL writes X/Y into {@code ratio}; IS writes X ⊙ (1/Y)² into {@code ratio} and
     * 1/Y into {@code inverse}. Two halves of the entries on {@link Workers}.
     */
    private void ratios(NmfObjective o, Matrix y) {
        int size = y.size();
        boolean is = o.loss() == NmfLoss.ITAKURA_SAITO;
        Matrix x = o.data();
        if (size >= PARALLEL_ENTRIES) {
            int half = size / 2;
            Workers.run(() -> ratioRange(x, y, is, 0, half), () -> ratioRange(x, y, is, half, size));
        } else {
            ratioRange(x, y, is, 0, size);
        }
    }

    private void ratioRange(Matrix x, Matrix y, boolean is, int from, int to) {
        for (int e = from; e < to; e++) {
            double ye = y.getFlat(e);
            if (ye == 0.0) {
                ye = NmfLoss.EPSILON;
            }
            if (is) {
                double inv = 1.0 / ye;
                inverse.setFlat(e, inv);
                ratio.setFlat(e, inv * inv * x.getFlat(e));
            } else {
                ratio.setFlat(e, x.getFlat(e) / ye);
            }
        }
    }

    /** @return 1: multiplicative updates have no step size */
    @Override
    public double lastStepSize() {
        return 1.0;
    }

    @Override
    public MultiplicativeUpdateRule copy() {
        return new MultiplicativeUpdateRule();
    }

    @Override
    public String toString() {
        return "MultiplicativeUpdateRule()";
    }
}
