package dev.tacit.model.nmf;

import dev.tacit.linalg.Backends;
import dev.tacit.linalg.LinearOperand;
import dev.tacit.linalg.Matrix;
import dev.tacit.linalg.Workers;
import dev.tacit.objective.Objective;

/**
 * The NMF objective for data X (n×m, entries ≥ 0):
 *
 * <pre>
 *   F(W, H) = D_β(X ‖ WH) + penalty(W, H)
 * </pre>
 *
 * with D_β the {@link NmfLoss} (scikit-learn's {@code _beta_divergence}) and the penalty of
 * {@link NmfPenalty} scaled by X's shape as sklearn's {@code _compute_regularization}. As an
 * {@link Objective} of the end-to-end matrix Y = WH it is the data term D_β(X‖Y) alone (the penalty
 * depends on the factors: {@link #total(Nmf)}), with the dense gradient
 *
 * <pre>
 *   β = 2: Y − X      β = 1: 1 − X/Y      β = 0: 1/Y − X/Y²       (Y_ij = 0 replaced by ε)
 * </pre>
 *
 * X is copied to the JVM's backend (native OpenBLAS when available) so that the solvers' products
 * run there without copies.
 */
public final class NmfObjective implements Objective {

    private Matrix xt;

    /** Below this many entries, sums over X run on one thread. */
    private static final int PARALLEL_ENTRIES = 1 << 16;

    private final Matrix x;
    private final NmfLoss loss;
    private final NmfPenalty penalty;
    private final double xNormSquared;
    private final double xMean;
    private final boolean hasZeros;

    private NmfObjective(Matrix x, NmfLoss loss, NmfPenalty penalty) {
        this.x = x;
        this.loss = loss;
        this.penalty = penalty;
        this.xNormSquared = x.frobeniusNormSquared();
        double s = 0;
        boolean zeros = false;
        for (int e = 0; e < x.size(); e++) {
            double v = x.getFlat(e);
            s += v;
            zeros |= v == 0.0;
        }
        this.xMean = s / x.size();
        this.hasZeros = zeros;
    }

    /**
     * @param data X (not modified; copied), every entry finite and ≥ 0
     * @param loss the divergence
     * @param penalty the penalties
     * @return the objective
     * @throws IllegalArgumentException naming the first negative or non-finite entry (row, column)
     */
    public static NmfObjective of(Matrix data, NmfLoss loss, NmfPenalty penalty) {
        if (loss == null || penalty == null) {
            throw new IllegalArgumentException("loss and penalty must not be null");
        }
        if (data.rows() < 1 || data.cols() < 1) {
            throw new IllegalArgumentException("X must have at least one row and one column, got "
                    + data.rows() + "x" + data.cols());
        }
        for (int i = 0; i < data.rows(); i++) {
            for (int j = 0; j < data.cols(); j++) {
                double v = data.get(i, j);
                if (Double.isNaN(v) || Double.isInfinite(v)) {
                    throw new IllegalArgumentException("X must be finite: X[" + i + "][" + j + "] = " + v
                            + " (row " + i + ", column " + j + ")");
                }
                if (v < 0) {
                    throw new IllegalArgumentException("NMF needs a nonnegative X: X[" + i + "][" + j + "] = " + v
                            + " (row " + i + ", column " + j + ")");
                }
            }
        }
        Matrix copy = Matrix.zeros(Backends.get(), data.rows(), data.cols());
        copy.copyFrom(data);
        return new NmfObjective(copy, loss, penalty);
    }

    /** @return X, on the JVM's backend (owned by this objective: do not modify) */
    public Matrix data() {
        return x;
    }

    /**
     * @return Xᵀ, formed once on first use (owned by this objective: do not modify). Products Xᵀ·W read it
     *     row by row, so that the two threads of a product each stream their own half of the data instead of
     *     both striding over all of X.
     */
    public synchronized Matrix dataTransposed() {
        if (xt == null) {
            xt = x.transpose();
        }
        return xt;
    }

    /** @return the divergence */
    public NmfLoss loss() {
        return loss;
    }

    /** @return the penalty parameters */
    public NmfPenalty penalty() {
        return penalty;
    }

    /** @return ‖X‖²_F */
    public double dataNormSquared() {
        return xNormSquared;
    }

    /** @return the mean entry of X (sklearn's {@code X.mean()}) */
    public double dataMean() {
        return xMean;
    }

    /** @return whether some entry of X is exactly 0 */
    public boolean hasZeros() {
        return hasZeros;
    }

    @Override
    public int rows() {
        return x.rows();
    }

    @Override
    public int cols() {
        return x.cols();
    }

    /** @return l1_W of {@link NmfPenalty} for this X */
    public double l1W() {
        return penalty.l1W(rows(), cols());
    }

    /** @return l2_W of {@link NmfPenalty} for this X */
    public double l2W() {
        return penalty.l2W(rows(), cols());
    }

    /** @return l1_H of {@link NmfPenalty} for this X */
    public double l1H() {
        return penalty.l1H(rows(), cols());
    }

    /** @return l2_H of {@link NmfPenalty} for this X */
    public double l2H() {
        return penalty.l2H(rows(), cols());
    }

    /**
     * @param w W (n×k)
     * @param h H (k×m)
     * @return l1_W Σ|W| + ½ l2_W ‖W‖² + l1_H Σ|H| + ½ l2_H ‖H‖²
     */
    public double penaltyValue(Matrix w, Matrix h) {
        return term(w, l1W(), l2W()) + term(h, l1H(), l2H());
    }

    private static double term(Matrix m, double l1, double l2) {
        if (l1 == 0 && l2 == 0) {
            return 0.0;
        }
        double abs = 0;
        for (int e = 0; e < m.size(); e++) {
            abs += Math.abs(m.getFlat(e));
        }
        return l1 * abs + 0.5 * l2 * m.frobeniusNormSquared();
    }

    /**
     * @param model the factors
     * @return F(W, H) = D_β(X‖WH) + penalty(W, H)
     */
    public double total(Nmf model) {
        return value(model.endToEnd()) + penaltyValue(model.w(), model.h());
    }

    /**
     * @param model the factors
     * @return sklearn's {@code _beta_divergence(X, W, H, beta, square_root=True)} = √(2·D_β(X‖WH)),
     *     its {@code reconstruction_err_}
     */
    public double reconstructionError(Nmf model) {
        return Math.sqrt(2.0 * Math.max(0.0, value(model.endToEnd())));
    }

    /** @return D_β(X ‖ Y) as in {@link NmfLoss} */
    @Override
    public double value(Matrix y) {
        checkShape(y);
        int size = x.size();
        double s;
        if (size >= PARALLEL_ENTRIES) {
            double[] parts = new double[2];
            int half = size / 2;
            Workers.run(() -> parts[0] = sumTerms(y, 0, half), () -> parts[1] = sumTerms(y, half, size));
            s = parts[0] + parts[1];
        } else {
            s = sumTerms(y, 0, size);
        }
        if (loss == NmfLoss.ITAKURA_SAITO) {
            s -= (double) rows() * cols();
        }
        return s;
    }

    private double sumTerms(Matrix y, int from, int to) {
        double s = 0;
        boolean kl = loss == NmfLoss.KULLBACK_LEIBLER;
        for (int e = from; e < to; e++) {
            double ye = y.getFlat(e);
            s += loss.entryTerm(x.getFlat(e), ye);
            if (kl) {
                s += ye;
            }
        }
        return s;
    }

    /** @param y Y (n×m) @return ‖X − Y‖_F */
    public double residualNorm(Matrix y) {
        checkShape(y);
        double s = 0;
        for (int e = 0; e < x.size(); e++) {
            double r = x.getFlat(e) - y.getFlat(e);
            s += r * r;
        }
        return Math.sqrt(s);
    }

    @Override
    public LinearOperand newGradient() {
        return Matrix.zeros(x.backend(), rows(), cols());
    }

    @Override
    public double valueAndGradient(Matrix y, LinearOperand gradient) {
        Matrix g = (Matrix) gradient;
        checkShape(y);
        for (int e = 0; e < x.size(); e++) {
            double xe = x.getFlat(e);
            double ye = y.getFlat(e);
            double safe = ye == 0.0 ? NmfLoss.EPSILON : ye;
            double d = switch (loss) {
                case FROBENIUS -> ye - xe;
                case KULLBACK_LEIBLER -> 1.0 - xe / safe;
                case ITAKURA_SAITO -> 1.0 / safe - xe / (safe * safe);
            };
            g.setFlat(e, d);
        }
        return value(y);
    }

    private void checkShape(Matrix y) {
        if (y.rows() != rows() || y.cols() != cols()) {
            throw new IllegalArgumentException("expected a " + rows() + "x" + cols() + " matrix, got "
                    + y.rows() + "x" + y.cols());
        }
    }

    @Override
    public String toString() {
        return "NmfObjective(" + rows() + "x" + cols() + ", " + loss + ", " + penalty + ")";
    }
}
