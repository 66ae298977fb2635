package dev.tacit.model.udv;

import dev.tacit.linalg.EntryKernels;
import dev.tacit.linalg.EntryPattern;
import dev.tacit.linalg.LinearOperand;
import dev.tacit.linalg.Matrix;
import dev.tacit.linalg.Transpose;
import dev.tacit.model.EntryParameterization;
import java.util.Collections;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The asymmetric constrained factorization of Hou, Sra, Yurtsever (2025): {@code W = U·diag(d)·Vᵀ} with U of
 * shape n₁×k, V of shape n₂×k, d ∈ R^k (stored as a k×1 matrix), under {@code ‖U‖_F ≤ α}, {@code ‖V‖_F ≤ α},
 * {@code d ≥ 0}. Factors, in order: U, d, V.
 *
 * <p>Chain rule with G = ∂ℓ/∂W: {@code ∂ℓ/∂U = G·V·D}, {@code ∂ℓ/∂V = Gᵀ·U·D}, {@code ∂ℓ/∂d_c = (Uᵀ·G·V)_cc}.
 * G may be sparse (completion); only products with G are formed. {@link #afterUpdate()} projects (see
 * {@link Projections}).
 *
 * <p>On a set of entries Ω ({@link EntryParameterization}, ratings-sized problems) nothing n₁×n₂ is formed:
 * {@code ŷ_e = Σ_c U_{i c}·d_c·V_{j c}} for e = (i, j), and with S the sparse matrix of g_e = ∂ℓ/∂ŷ_e on Ω,
 * {@code ∂ℓ/∂U = (S·V)·D}, {@code ∂ℓ/∂V = (Sᵀ·U)·D}, {@code ∂ℓ/∂d_c = Σ_i U_{i c}·(S·V)_{i c}}: O(|Ω|·k).
 * Factors live on the Java heap (the entry kernels read them directly).
 */
public final class Udv implements EntryParameterization {

    private final double radius;
    private final Matrix u;
    private final Matrix d;
    private final Matrix v;
    private final List<Matrix> factors;
    private final Matrix ud; // U·D, n₁×k
    private Matrix w; // dense n₁×n₂, allocated on first use (small problems and diagnostics)
    private final Matrix gv; // G·V, n₁×k
    private final Matrix utg; // Uᵀ·G, k×n₂
    private boolean fresh;

    private Udv(Matrix u, Matrix d, Matrix v, double radius) {
        Projections.checkRadius(radius);
        Projections.checkWidth(u.cols());
        if (d.rows() != u.cols() || d.cols() != 1 || v.cols() != u.cols()) {
            throw new IllegalArgumentException("U is " + u.rows() + "x" + u.cols() + ", d " + d.rows() + "x" + d.cols()
                    + ", V " + v.rows() + "x" + v.cols() + ": need n1 x k, k x 1, n2 x k");
        }
        this.radius = radius;
        this.u = u;
        this.d = d;
        this.v = v;
        this.factors = Collections.unmodifiableList(List.of(u, d, v));
        int k = u.cols();
        this.ud = Matrix.onHeap(u.rows(), k);
        this.gv = Matrix.onHeap(u.rows(), k);
        this.utg = Matrix.onHeap(k, v.rows());
        project();
    }

    /**
     * @param u U, n₁×k (copied)
     * @param d d as a k×1 matrix (copied)
     * @param v V, n₂×k (copied)
     * @param radius α &gt; 0 (+∞ allowed: unconstrained)
     * @return the parameterization, projected onto the feasible set
     */
    public static Udv of(Matrix u, Matrix d, Matrix v, double radius) {
        return new Udv(heapCopy(u), heapCopy(d), heapCopy(v), radius);
    }

    static Matrix heapCopy(Matrix m) {
        Matrix out = Matrix.onHeap(m.rows(), m.cols());
        out.copyFrom(m);
        return out;
    }

    /**
     * Seeded init: U and V Gaussian, each rescaled to Frobenius norm {@code scale} (then projected if
     * scale &gt; α), d = 1.
     *
     * @param rows n₁ ≥ 1
     * @param cols n₂ ≥ 1
     * @param width k ≥ 1
     * @param radius α &gt; 0
     * @param scale ξ &gt; 0
     * @param rng randomness (advanced: U first, then V)
     * @return the parameterization
     */
    public static Udv initialize(int rows, int cols, int width, double radius, double scale, RandomGenerator rng) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("matrix size must be positive, got " + rows + "x" + cols);
        }
        Projections.checkWidth(width);
        Projections.checkRadius(radius);
        Projections.checkScale(scale);
        Matrix u = Projections.gaussianOfNorm(rows, width, scale, rng);
        Matrix v = Projections.gaussianOfNorm(cols, width, scale, rng);
        return new Udv(u, Projections.ones(width), v, radius);
    }

    /** @return α */
    public double radius() {
        return radius;
    }

    /** @return k */
    public int width() {
        return u.cols();
    }

    /** @return U, live */
    public Matrix u() {
        return u;
    }

    /** @return d (k×1), live */
    public Matrix d() {
        return d;
    }

    /** @return V, live */
    public Matrix v() {
        return v;
    }

    @Override
    public int rows() {
        return u.rows();
    }

    @Override
    public int cols() {
        return v.rows();
    }

    @Override
    public Matrix endToEnd() {
        if (w == null) {
            w = Matrix.onHeap(u.rows(), v.rows());
            fresh = false;
        }
        if (!fresh) {
            scaleColumns(u, d, ud);
            Matrix.multiply(Transpose.NO, ud, Transpose.YES, v, w);
            fresh = true;
        }
        return w;
    }

    static void scaleColumns(Matrix a, Matrix d, Matrix out) {
        int k = a.cols();
        for (int i = 0; i < a.rows(); i++) {
            for (int c = 0; c < k; c++) {
                out.set(i, c, a.get(i, c) * d.getFlat(c));
            }
        }
    }

    @Override
    public void backward(LinearOperand g, List<Matrix> gradients) {
        int k = u.cols();
        g.times(Transpose.NO, v, gv); // G·V
        g.timesLeft(Transpose.YES, u, utg); // Uᵀ·G
        Matrix gu = gradients.get(0);
        Matrix gd = gradients.get(1);
        Matrix gV = gradients.get(2);
        for (int c = 0; c < k; c++) {
            double s = 0;
            for (int i = 0; i < u.rows(); i++) {
                s += u.get(i, c) * gv.get(i, c);
            }
            gd.setFlat(c, s);
        }
        scaleColumns(gv, d, gu);
        for (int j = 0; j < v.rows(); j++) {
            for (int c = 0; c < k; c++) {
                gV.set(j, c, utg.get(c, j) * d.getFlat(c));
            }
        }
    }

    @Override
    public void predict(EntryPattern pattern, double[] out) {
        checkPattern(pattern, rows(), cols());
        scaleColumns(u, d, ud);
        EntryKernels.sampledDots(ud, v, pattern, out);
    }

    @Override
    public void backward(EntryPattern pattern, double[] g, List<Matrix> gradients) {
        checkPattern(pattern, rows(), cols());
        int k = u.cols();
        Matrix gu = gradients.get(0);
        Matrix gd = gradients.get(1);
        Matrix gV = gradients.get(2);
        scaleColumns(u, d, ud);
        EntryKernels.rowScatter(pattern, g, v, gv); // S·V
        EntryKernels.colScatter(pattern, g, ud, gV); // Sᵀ·U·D
        columnDots(u, gv, gd);
        scaleColumns(gv, d, gu);
    }

    static void checkPattern(EntryPattern pattern, int rows, int cols) {
        if (pattern.rows() != rows || pattern.cols() != cols) {
            throw new IllegalArgumentException("pattern is over " + pattern.rows() + "x" + pattern.cols()
                    + ", the model is " + rows + "x" + cols);
        }
    }

    /** out_c = Σ_i a_{ic}·b_{ic}. */
    static void columnDots(Matrix a, Matrix b, Matrix out) {
        int k = a.cols();
        double[] s = new double[k];
        for (int i = 0; i < a.rows(); i++) {
            for (int c = 0; c < k; c++) {
                s[c] += a.get(i, c) * b.get(i, c);
            }
        }
        for (int c = 0; c < k; c++) {
            out.setFlat(c, s[c]);
        }
    }

    @Override
    public List<Matrix> factors() {
        return factors;
    }

    @Override
    public List<Matrix> newGradientBuffers() {
        return Projections.heapBuffers(factors);
    }

    @Override
    public void afterUpdate() {
        fresh = false;
        project();
    }

    private void project() {
        Projections.frobeniusBall(u, radius);
        Projections.frobeniusBall(v, radius);
        Projections.flushTiny(u);
        Projections.flushTiny(v);
        Projections.nonnegative(d);
    }

    @Override
    public Udv copy() {
        return of(u, d, v, radius);
    }

    @Override
    public String toString() {
        return "Udv(" + rows() + "x" + cols() + ", width=" + width() + ", radius=" + radius + ")";
    }
}
