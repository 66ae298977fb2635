package dev.tacit.model.nmf;

import dev.tacit.linalg.Backends;
import dev.tacit.linalg.EntryKernels;
import dev.tacit.linalg.EntryPattern;
import dev.tacit.linalg.LinearOperand;
import dev.tacit.linalg.Matrix;
import dev.tacit.linalg.SparseMatrix;
import dev.tacit.linalg.Transpose;
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
 *
 * <p><b>Sparse X</b> ({@link #of(SparseMatrix, NmfLoss, NmfPenalty)}): X is kept as its stored entries
 * (coordinates and values, never densified; {@link #data()} is then unavailable). The multiplicative
 * updates form X·Hᵀ, Xᵀ·W and, for KL, the ratio X/(WH) only on the stored entries (scikit-learn's
 * {@code _special_sparse_dot}), and the divergence of a model without WH
 * ({@link #divergence(Nmf)}): Frobenius ½(‖X‖² − 2⟨W, XHᵀ⟩ + ⟨WᵀW, HHᵀ⟩), KL
 * Σ_{stored, x &gt; ε} (x log(x/y) − x) + (1ᵀW)(H1).
 */
public final class NmfObjective implements Objective {

    private Matrix xt;

    /** Below this many entries, sums over X run on one thread. */
    private static final int PARALLEL_ENTRIES = 1 << 16;

    private final Matrix x;
    private final EntryPattern pattern;
    private final double[] values;
    private final int rows;
    private final int cols;
    private final NmfLoss loss;
    private final NmfPenalty penalty;
    private final double xNormSquared;
    private final double xMean;
    private final boolean hasZeros;

    private NmfObjective(Matrix x, NmfLoss loss, NmfPenalty penalty, Scan scan) {
        this.x = x;
        this.pattern = null;
        this.values = null;
        this.rows = x.rows();
        this.cols = x.cols();
        this.loss = loss;
        this.penalty = penalty;
        this.xNormSquared = scan.sumOfSquares();
        this.xMean = scan.sum() / x.size();
        this.hasZeros = scan.zeros();
    }

    /** What one validating pass over a dense X finds: Σx, Σx², and whether any entry is 0. */
    private record Scan(double sum, double sumOfSquares, boolean zeros) {
    }

    private NmfObjective(EntryPattern pattern, double[] values, NmfLoss loss, NmfPenalty penalty) {
        this.x = null;
        this.pattern = pattern;
        this.values = values;
        this.rows = pattern.rows();
        this.cols = pattern.cols();
        this.loss = loss;
        this.penalty = penalty;
        double s = 0;
        double sq = 0;
        boolean zeros = (long) values.length < (long) rows * cols;
        for (double v : values) {
            s += v;
            sq += v * v;
            zeros |= v == 0.0;
        }
        this.xNormSquared = sq;
        this.xMean = s / ((double) rows * cols);
        this.hasZeros = zeros;
    }

    /**
     * @param data sparse X (n×m; its stored entries are copied, X itself is never densified), every stored
     *     value finite and ≥ 0; entries not stored are 0
     * @param loss the divergence
     * @param penalty the penalties
     * @return the objective, in sparse mode
     * @throws IllegalArgumentException naming the first negative or non-finite stored entry (row, column)
     */
    public static NmfObjective of(SparseMatrix data, NmfLoss loss, NmfPenalty penalty) {
        if (loss == null || penalty == null || data == null) {
            throw new IllegalArgumentException("data, loss and penalty must not be null");
        }
        requireNonEmpty(data.rows(), data.cols());
        int nnz = data.nnz();
        int[] r = new int[nnz];
        int[] c = new int[nnz];
        double[] v = data.values();
        for (int e = 0; e < nnz; e++) {
            r[e] = data.row(e);
            c[e] = data.col(e);
            if (Double.isNaN(v[e]) || Double.isInfinite(v[e])) {
                throw new IllegalArgumentException("X must be finite: X[" + r[e] + "][" + c[e] + "] = " + v[e]
                        + " (row " + r[e] + ", column " + c[e] + ")");
            }
            if (v[e] < 0) {
                throw new IllegalArgumentException("NMF needs a nonnegative X: X[" + r[e] + "][" + c[e] + "] = " + v[e]
                        + " (row " + r[e] + ", column " + c[e] + ")");
            }
        }
        return new NmfObjective(EntryPattern.of(data.rows(), data.cols(), r, c), v, loss, penalty);
    }

    /** @return whether X is held as its stored entries ({@link #of(SparseMatrix, NmfLoss, NmfPenalty)}) */
    public boolean isSparse() {
        return x == null;
    }

    /** @return the stored entries of a sparse X (live: do not modify) */
    EntryPattern pattern() {
        return pattern;
    }

    /** @return the stored values of a sparse X, in {@link #pattern()} order (live: do not modify) */
    double[] storedValues() {
        return values;
    }

    /** out = X·Hᵀ (n×k), dense or sparse X. */
    void timesHt(Matrix h, Matrix out) {
        if (x != null) {
            Matrix.multiply(Transpose.NO, x, Transpose.YES, h, out);
        } else {
            EntryKernels.rowScatter(pattern, values, h.transpose(), out);
        }
    }

    /** out = Xᵀ·W (m×k), dense or sparse X. */
    void transposeTimesW(Matrix w, Matrix out) {
        if (x != null) {
            Matrix.multiply(Transpose.NO, dataTransposed(), Transpose.NO, w, out);
        } else {
            EntryKernels.colScatter(pattern, values, w, out);
        }
    }

    /** y_e = (WH) at the stored entries of a sparse X (out: length nnz). */
    void productAtEntries(Matrix w, Matrix h, double[] out) {
        EntryKernels.sampledDots(w, h.transpose(), pattern, out);
    }

    /**
     * @param model the factors
     * @return D_β(X‖WH); for sparse X without forming WH (see the class comment), for dense X
     *     {@link #value(Matrix)} of WH
     */
    public double divergence(Nmf model) {
        if (x != null) {
            return value(model.endToEnd());
        }
        Matrix w = model.w();
        Matrix h = model.h();
        int k = model.components();
        if (loss == NmfLoss.FROBENIUS) {
            Matrix xht = Matrix.zeros(w.backend(), rows, k);
            timesHt(h, xht);
            Matrix wtw = Matrix.zeros(w.backend(), k, k);
            Matrix hht = Matrix.zeros(w.backend(), k, k);
            Matrix.multiply(Transpose.YES, w, Transpose.NO, w, wtw);
            Matrix.multiply(Transpose.NO, h, Transpose.YES, h, hht);
            return Math.max(0.0, FactorSweeps.frobenius(xNormSquared, w, xht, wtw, hht));
        }
        if (loss != NmfLoss.KULLBACK_LEIBLER) {
            throw new IllegalStateException("sparse X supports the FROBENIUS and KULLBACK_LEIBLER losses, not " + loss);
        }
        double[] y = new double[values.length];
        productAtEntries(w, h, y);
        return sparseKl(y, w, h);
    }

    /** Σ_{stored} (x log(x/y) − x) + (1ᵀW)(H1), y the model at the stored entries. */
    double sparseKl(double[] y, Matrix w, Matrix h) {
        double s = 0;
        for (int e = 0; e < values.length; e++) {
            s += loss.entryTerm(values[e], y[e]);
        }
        int k = w.cols();
        double[] colW = new double[k];
        for (int i = 0; i < w.rows(); i++) {
            for (int t = 0; t < k; t++) {
                colW[t] += w.get(i, t);
            }
        }
        for (int t = 0; t < k; t++) {
            double rowH = 0;
            for (int j = 0; j < h.cols(); j++) {
                rowH += h.get(t, j);
            }
            s += colW[t] * rowH;
        }
        return s;
    }

    /**
     * @param data X (not modified; copied), every entry finite and ≥ 0
     * @param loss the divergence
     * @param penalty the penalties
     * @return the objective
     * @throws IllegalArgumentException naming the first negative or non-finite entry (row, column)
     */
    public static NmfObjective of(Matrix data, NmfLoss loss, NmfPenalty penalty) {
        Scan scan = validate(data, loss, penalty);
        return new NmfObjective(onDefaultBackend(data, true), loss, penalty, scan);
    }

    /**
     * As {@link #of(Matrix, NmfLoss, NmfPenalty)} but reading X in place when it is already on the default
     * backend: for {@link Nmf#fit}, which neither modifies X nor lets the objective outlive the call.
     */
    static NmfObjective inPlace(Matrix data, NmfLoss loss, NmfPenalty penalty) {
        Scan scan = validate(data, loss, penalty);
        return new NmfObjective(onDefaultBackend(data, false), loss, penalty, scan);
    }

    private static Scan validate(Matrix data, NmfLoss loss, NmfPenalty penalty) {
        if (loss == null || penalty == null) {
            throw new IllegalArgumentException("loss and penalty must not be null");
        }
        requireNonEmpty(data.rows(), data.cols());
        int cols = data.cols();
        double[] row = new double[cols];
        double sum = 0;
        double sumOfSquares = 0;
        boolean zeros = false;
        for (int i = 0; i < data.rows(); i++) {
            data.rowInto(i, row); // one row at a time: no second copy of X on the heap
            double rowSum = 0;
            double rowSquares = 0;
            double rowMin = Double.POSITIVE_INFINITY;
            for (int j = 0; j < cols; j++) {
                double v = row[j];
                rowSum += v;
                rowSquares += v * v;
                rowMin = Math.min(rowMin, v);
            }
            sum += rowSum;
            sumOfSquares += rowSquares;
            zeros |= rowMin == 0.0;
            if (rowMin >= 0 && Double.isFinite(rowSquares)) {
                continue; // the common case: no NaN (it would make rowSquares NaN), no ±∞, nothing negative
            }
            for (int j = 0; j < cols; j++) {
                double v = row[j];
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
        return new Scan(sum, sumOfSquares, zeros);
    }

    private static void requireNonEmpty(int rows, int cols) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("X must have at least one row and one column, got " + rows + "x" + cols);
        }
    }

    private static Matrix onDefaultBackend(Matrix data, boolean copy) {
        if (!copy && data.backend() == Backends.get()) {
            return data;
        }
        Matrix out = Matrix.zeros(Backends.get(), data.rows(), data.cols());
        out.copyFrom(data);
        return out;
    }

    /**
     * @return X, on the JVM's backend (owned by this objective: do not modify)
     * @throws IllegalStateException for a sparse X, which is never densified
     */
    public Matrix data() {
        requireDense();
        return x;
    }

    private void requireDense() {
        if (x == null) {
            throw new IllegalStateException("X is sparse (" + values.length + " stored entries of " + rows + "x" + cols
                    + ") and is never densified: this operation needs a dense X");
        }
    }

    /**
     * @return Xᵀ, formed once on first use (owned by this objective: do not modify). Products Xᵀ·W read it
     *     row by row, so that the two threads of a product each stream their own half of the data instead of
     *     both striding over all of X.
     */
    public synchronized Matrix dataTransposed() {
        requireDense();
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
        return rows;
    }

    @Override
    public int cols() {
        return cols;
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
        return divergence(model) + penaltyValue(model.w(), model.h());
    }

    /**
     * @param model the factors
     * @return sklearn's {@code _beta_divergence(X, W, H, beta, square_root=True)} = √(2·D_β(X‖WH)),
     *     its {@code reconstruction_err_}
     */
    public double reconstructionError(Nmf model) {
        return Math.sqrt(2.0 * Math.max(0.0, divergence(model)));
    }

    /** @return D_β(X ‖ Y) as in {@link NmfLoss} */
    @Override
    public double value(Matrix y) {
        checkShape(y);
        if (x == null) {
            return sparseValue(y);
        }
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

    private double sparseValue(Matrix y) {
        double s = 0;
        int c = cols;
        if (loss == NmfLoss.FROBENIUS) {
            s = 0.5 * y.frobeniusNormSquared();
            for (int e = 0; e < values.length; e++) {
                double ye = y.getFlat(pattern.row(e) * c + pattern.col(e));
                s += 0.5 * values[e] * values[e] - values[e] * ye;
            }
            return Math.max(0.0, s);
        }
        if (loss != NmfLoss.KULLBACK_LEIBLER) {
            throw new IllegalStateException("sparse X supports the FROBENIUS and KULLBACK_LEIBLER losses, not " + loss);
        }
        for (int e = 0; e < y.size(); e++) {
            s += y.getFlat(e);
        }
        for (int e = 0; e < values.length; e++) {
            s += loss.entryTerm(values[e], y.getFlat(pattern.row(e) * c + pattern.col(e)));
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

    /**
     * ‖X − WH‖_F without forming WH: from ‖X‖² − 2⟨W, XHᵀ⟩ + ⟨WᵀW, HHᵀ⟩ (one pass over X; sklearn's
     * sparse-input formula). For a dense X whose residual is below 1e-4·‖X‖_F that difference would lose
     * digits to cancellation, and ‖X − WH‖_F is computed from the dense WH instead.
     *
     * @param model the factors
     * @return ‖X − WH‖_F
     */
    public double residualNorm(Nmf model) {
        Matrix w = model.w();
        Matrix h = model.h();
        int k = model.components();
        Matrix xht = Matrix.zeros(w.backend(), rows, k);
        timesHt(h, xht);
        Matrix wtw = Matrix.zeros(w.backend(), k, k);
        Matrix hht = Matrix.zeros(w.backend(), k, k);
        Matrix.multiply(Transpose.YES, w, Transpose.NO, w, wtw);
        Matrix.multiply(Transpose.NO, h, Transpose.YES, h, hht);
        double squared = 2 * FactorSweeps.frobenius(xNormSquared, w, xht, wtw, hht);
        if (x != null && !(squared > 1e-8 * xNormSquared)) {
            return residualNorm(model.endToEnd());
        }
        return Math.sqrt(Math.max(0.0, squared));
    }

    /** @param y Y (n×m) @return ‖X − Y‖_F */
    public double residualNorm(Matrix y) {
        checkShape(y);
        if (x == null) {
            double s = y.frobeniusNormSquared();
            for (int e = 0; e < values.length; e++) {
                double ye = y.getFlat(pattern.row(e) * cols + pattern.col(e));
                s += values[e] * values[e] - 2 * values[e] * ye;
            }
            return Math.sqrt(Math.max(0.0, s));
        }
        double s = 0;
        for (int e = 0; e < x.size(); e++) {
            double r = x.getFlat(e) - y.getFlat(e);
            s += r * r;
        }
        return Math.sqrt(s);
    }

    @Override
    public LinearOperand newGradient() {
        return Matrix.zeros(Backends.get(), rows(), cols());
    }

    /** Dense gradient; for a sparse X the n×m gradient is dense too (the MU rule never asks for it). */
    @Override
    public double valueAndGradient(Matrix y, LinearOperand gradient) {
        Matrix g = (Matrix) gradient;
        checkShape(y);
        if (x == null) {
            if (loss == NmfLoss.ITAKURA_SAITO) {
                throw new IllegalStateException("sparse X supports the FROBENIUS and KULLBACK_LEIBLER losses");
            }
            for (int e = 0; e < y.size(); e++) {
                g.setFlat(e, loss == NmfLoss.FROBENIUS ? y.getFlat(e) : 1.0);
            }
            for (int e = 0; e < values.length; e++) {
                int f = pattern.row(e) * cols + pattern.col(e);
                double ye = y.getFlat(f);
                double safe = ye == 0.0 ? NmfLoss.EPSILON : ye;
                g.setFlat(f, loss == NmfLoss.FROBENIUS ? ye - values[e] : 1.0 - values[e] / safe);
            }
            return value(y);
        }
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
        return "NmfObjective(" + rows() + "x" + cols() + (x == null ? ", sparse " + values.length + " entries" : "")
                + ", " + loss + ", " + penalty + ")";
    }
}
