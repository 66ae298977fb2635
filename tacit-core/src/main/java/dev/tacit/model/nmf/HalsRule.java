package dev.tacit.model.nmf;

import dev.tacit.fit.UpdateRule;
import dev.tacit.linalg.Matrix;
import dev.tacit.linalg.Transpose;
import dev.tacit.model.Parameterization;
import dev.tacit.objective.Objective;

/**
 * Coordinate descent for Frobenius NMF, i.e. HALS (Cichocki &amp; Phan, IEICE 2009; Hsieh &amp; Dhillon,
 * KDD 2011), exactly scikit-learn's {@code solver="cd"} with {@code shuffle=False}
 * ({@code _fit_coordinate_descent}, {@code _update_coordinate_descent}, {@code _update_cdnmf_fast}).
 * One {@link #update} is one sweep: W given H, then H given W. For W:
 *
 * <pre>
 *   A = H·Hᵀ + l2_W·I   (k×k),    B = X·Hᵀ − l1_W   (n×k)
 *   for t = 0 … k−1, for i = 0 … n−1:
 *     g = (W·A)_it − B_it;   W_it ← max(W_it − g / A_tt, 0)        (skipped when A_tt = 0)
 * </pre>
 *
 * and for H the same on Hᵀ with A = WᵀW + l2_H·I, B = XᵀW − l1_H (the new W). The sum over all
 * coordinates of |projected gradient| (g, or min(0, g) where the entry is 0, before its update) is the
 * sweep's violation, recorded in {@link Nmf#lastViolation()} for {@link NmfStopping}. The products
 * X·Hᵀ, XᵀW, H·Hᵀ, WᵀW run on the backend (native BLAS); the k-column sweeps run in Java. Each row of W is
 * updated only from its own row of XHᵀ, so the W half runs row block by row block ({@link StreamedWUpdate})
 * with exactly sklearn's arithmetic per row.
 *
 * <p>{@link #evaluate} returns F = ½‖X − WH‖² + penalty = ½(‖X‖² − 2⟨XᵀW, Hᵀ⟩ + ⟨WᵀW, HHᵀ⟩) + penalty,
 * with the XᵀW that the last sweep's H half used, so evaluation costs no pass over X. Each coordinate step
 * exactly minimises F in that coordinate, so F never increases.
 */
public final class HalsRule implements UpdateRule {

    private Matrix hht;
    private Matrix xht;
    private Matrix wtw;
    private Matrix xtw;
    private StreamedWUpdate streamed;
    private boolean xtwCurrent; // xtw = Xᵀ·W for the current W (left by the last update)

    @Override
    public void init(Parameterization parameterization, Objective objective) {
        Nmf model = model(parameterization);
        NmfObjective o = objective(objective);
        if (o.loss() != NmfLoss.FROBENIUS) {
            throw new IllegalArgumentException("HalsRule (sklearn's solver 'cd') handles only the FROBENIUS loss, got "
                    + o.loss());
        }
        Matrix x = o.data();
        int k = model.components();
        hht = Matrix.zeros(x.backend(), k, k);
        wtw = Matrix.zeros(x.backend(), k, k);
        xht = Matrix.zeros(x.backend(), x.rows(), k);
        xtw = Matrix.zeros(x.backend(), x.cols(), k);
        streamed = new StreamedWUpdate(xht, Matrix.zeros(x.backend(), x.rows(), k), x.cols());
        xtwCurrent = false;
    }

    static Nmf model(Parameterization p) {
        if (!(p instanceof Nmf m)) {
            throw new IllegalArgumentException("NMF rules need an Nmf parameterization, got " + p);
        }
        return m;
    }

    static NmfObjective objective(Objective o) {
        if (!(o instanceof NmfObjective n)) {
            throw new IllegalArgumentException("NMF rules need an NmfObjective, got " + o);
        }
        return n;
    }

    @Override
    public double evaluate(Parameterization parameterization, Objective objective) {
        Nmf model = (Nmf) parameterization;
        NmfObjective o = (NmfObjective) objective;
        // ⟨W, XHᵀ⟩ = ⟨XᵀW, Hᵀ⟩: from the Xᵀ·W the last update left (W unchanged since), no pass over X
        if (!xtwCurrent) {
            Matrix.multiply(Transpose.YES, o.data(), Transpose.NO, model.w(), xtw);
            xtwCurrent = true;
        }
        Matrix.multiply(Transpose.NO, model.h(), Transpose.YES, model.h(), hht);
        Matrix.multiply(Transpose.YES, model.w(), Transpose.NO, model.w(), wtw);
        return FactorSweeps.frobeniusFromTransposed(o.dataNormSquared(), model.h(), xtw, wtw, hht)
                + o.penaltyValue(model.w(), model.h());
    }

    /**
     * One sweep. The W half streams X in row blocks ({@link StreamedWUpdate}): each block's rows of XHᵀ, its
     * coordinate sweep, and its share of XᵀW for the H half, so X is read once per sweep.
     */
    @Override
    public void update(Parameterization parameterization, Objective objective) {
        Nmf model = (Nmf) parameterization;
        NmfObjective o = (NmfObjective) objective;
        int m = model.cols();
        int k = model.components();
        Matrix.multiply(Transpose.NO, model.h(), Transpose.YES, model.h(), hht);
        double[] a = regularized(hht, o.l2W());
        double l1 = o.l1W();
        double violation = streamed.run(o.data(), model.w(), model.h(), (from, wb, xhtb) -> {
            double[] w = wb.toArray();
            double v = FactorSweeps.coordinateSweep(w, wb.rows(), k, a, shifted(xhtb, l1));
            FactorSweeps.store(w, wb);
            return v;
        }, xtw);
        Matrix.multiply(Transpose.YES, model.w(), Transpose.NO, model.w(), wtw);
        double[] ht = FactorSweeps.transpose(model.h().toArray(), k, m);
        violation += FactorSweeps.coordinateSweep(ht, m, k, regularized(wtw, o.l2H()), shifted(xtw, o.l1H()));
        FactorSweeps.store(FactorSweeps.transpose(ht, m, k), model.h());
        model.recordViolation(violation);
        model.invalidate();
        xtwCurrent = true; // W is unchanged by the H half and by invalidate (W ≥ 0 already)
    }

    /** @return gram + l2·I as an array (sklearn: {@code HHt.flat[::k+1] += l2_reg}) */
    private static double[] regularized(Matrix gram, double l2) {
        double[] a = gram.toArray();
        if (l2 != 0.0) {
            int k = gram.rows();
            for (int t = 0; t < k; t++) {
                a[t * k + t] += l2;
            }
        }
        return a;
    }

    /** @return cross − l1 as an array (sklearn: {@code XHt -= l1_reg}) */
    private static double[] shifted(Matrix cross, double l1) {
        double[] a = cross.toArray();
        if (l1 != 0.0) {
            for (int e = 0; e < a.length; e++) {
                a[e] -= l1;
            }
        }
        return a;
    }

    /** @return 1: each coordinate step moves to its exact minimiser */
    @Override
    public double lastStepSize() {
        return 1.0;
    }

    @Override
    public HalsRule copy() {
        return new HalsRule();
    }

    @Override
    public String toString() {
        return "HalsRule()";
    }
}
