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
 * The symmetric (PSD) constrained factorization of Hou, Sra, Yurtsever (2025, their eq. 4):
 * {@code W = U·diag(d)·Uᵀ}, U of shape n×k, d ∈ R^k (a k×1 matrix), under {@code ‖U‖_F ≤ α}, {@code d ≥ 0}.
 * Factors, in order: U, d.
 *
 * <p>Chain rule with G = ∂ℓ/∂W (not assumed symmetric): {@code ∂ℓ/∂U = (G + Gᵀ)·U·D},
 * {@code ∂ℓ/∂d_c = (Uᵀ·G·U)_cc}. {@link #afterUpdate()} projects (see {@link Projections}).
 *
 * <p>{@link #plain} gives the Burer–Monteiro baseline {@code W = U·Uᵀ}: d fixed to 1 (not a factor, so no
 * optimizer touches it) and no ball (α = +∞); its only factor is U and its gradient is (G + Gᵀ)·U.
 *
 * <p>On a set of entries Ω ({@link EntryParameterization}) nothing n×n is formed: {@code ŷ_e = Σ_c U_{ic}·d_c·U_{jc}}
 * for e = (i, j), and with S the sparse matrix of g_e = ∂ℓ/∂ŷ_e, {@code ∂ℓ/∂U = (S·U + Sᵀ·U)·D},
 * {@code ∂ℓ/∂d_c = Σ_i U_{ic}·(S·U)_{ic}}: O(|Ω|·k) per step instead of O(n²·k).
 */
public final class Udu implements EntryParameterization {

    private final double radius;
    private final boolean learnD;
    private final Matrix u;
    private final Matrix d;
    private final List<Matrix> factors;
    private final Matrix ud;
    private Matrix w; // dense n×n, allocated on first use
    private final Matrix gu; // G·U, n×k
    private final Matrix sut; // Sᵀ·U (entry path), n×k
    private final Matrix utg; // Uᵀ·G, k×n

    private boolean fresh;

    private Udu(Matrix u, Matrix d, double radius, boolean learnD) {
        Projections.checkRadius(radius);
        Projections.checkWidth(u.cols());
        if (d.rows() != u.cols() || d.cols() != 1) {
            throw new IllegalArgumentException("U is " + u.rows() + "x" + u.cols() + ", d " + d.rows() + "x" + d.cols()
                    + ": need n x k and k x 1");
        }
        this.radius = radius;
        this.learnD = learnD;
        this.u = u;
        this.d = d;
        this.factors = Collections.unmodifiableList(learnD ? List.of(u, d) : List.of(u));
        int k = u.cols();
        this.ud = Matrix.onHeap(u.rows(), k);
        this.gu = Matrix.onHeap(u.rows(), k);
        this.utg = Matrix.onHeap(k, u.rows());
        this.sut = Matrix.onHeap(u.rows(), k);
        project();
    }

    /**
     * @param u U, n×k (copied)
     * @param d d as a k×1 matrix (copied)
     * @param radius α &gt; 0 (+∞ allowed)
     * @return the parameterization, projected onto the feasible set
     */
    public static Udu of(Matrix u, Matrix d, double radius) {
        return new Udu(Udv.heapCopy(u), Udv.heapCopy(d), radius, true);
    }

    /**
     * Seeded init: U Gaussian rescaled to Frobenius norm {@code scale} (then projected if scale &gt; α), d = 1.
     *
     * @param n size of W (n×n) ≥ 1
     * @param width k ≥ 1
     * @param radius α &gt; 0
     * @param scale ξ &gt; 0
     * @param rng randomness (advanced)
     * @return the parameterization
     */
    public static Udu initialize(int n, int width, double radius, double scale, RandomGenerator rng) {
        checkSize(n);
        Projections.checkWidth(width);
        Projections.checkRadius(radius);
        Projections.checkScale(scale);
        return new Udu(Projections.gaussianOfNorm(n, width, scale, rng), Projections.ones(width), radius, true);
    }

    /**
     * The plain symmetric factorization W = U·Uᵀ (d ≡ 1, not trained; no ball), with the same init as
     * {@link #initialize}: the same rng gives the same U.
     *
     * @param n size ≥ 1
     * @param width k ≥ 1
     * @param scale ‖U₀‖_F &gt; 0
     * @param rng randomness (advanced)
     * @return the parameterization
     */
    public static Udu plain(int n, int width, double scale, RandomGenerator rng) {
        checkSize(n);
        Projections.checkWidth(width);
        Projections.checkScale(scale);
        return new Udu(Projections.gaussianOfNorm(n, width, scale, rng), Projections.ones(width),
                Double.POSITIVE_INFINITY, false);
    }

    private static void checkSize(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("matrix size must be positive, got " + n);
        }
    }

    /** @return α (+∞ for {@link #plain}) */
    public double radius() {
        return radius;
    }

    /** @return whether d is trained (false for {@link #plain}) */
    public boolean learnsD() {
        return learnD;
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

    @Override
    public int rows() {
        return u.rows();
    }

    @Override
    public int cols() {
        return u.rows();
    }

    @Override
    public Matrix endToEnd() {
        if (w == null) {
            w = Matrix.onHeap(u.rows(), u.rows());
            fresh = false;
        }
        if (!fresh) {
            Udv.scaleColumns(u, d, ud);
            Matrix.multiply(Transpose.NO, ud, Transpose.YES, u, w);
            fresh = true;
        }
        return w;
    }

    @Override
    public void backward(LinearOperand g, List<Matrix> gradients) {
        int k = u.cols();
        int n = u.rows();
        g.times(Transpose.NO, u, gu); // G·U
        g.timesLeft(Transpose.YES, u, utg); // Uᵀ·G, so (Gᵀ·U)_ic = utg_ci
        Matrix gU = gradients.get(0);
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < k; c++) {
                gU.set(i, c, (gu.get(i, c) + utg.get(c, i)) * d.getFlat(c));
            }
        }
        if (learnD) {
            Matrix gd = gradients.get(1);
            for (int c = 0; c < k; c++) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += u.get(i, c) * gu.get(i, c);
                }
                gd.setFlat(c, s);
            }
        }
    }

    @Override
    public void predict(EntryPattern pattern, double[] out) {
        Udv.checkPattern(pattern, rows(), cols());
        Udv.scaleColumns(u, d, ud);
        EntryKernels.sampledDots(ud, u, pattern, out);
    }

    @Override
    public void backward(EntryPattern pattern, double[] g, List<Matrix> gradients) {
        Udv.checkPattern(pattern, rows(), cols());
        int k = u.cols();
        int n = u.rows();
        EntryKernels.rowScatter(pattern, g, u, gu); // S·U
        EntryKernels.colScatter(pattern, g, u, sut); // Sᵀ·U
        Matrix gU = gradients.get(0);
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < k; c++) {
                gU.set(i, c, (gu.get(i, c) + sut.get(i, c)) * d.getFlat(c));
            }
        }
        if (learnD) {
            Udv.columnDots(u, gu, gradients.get(1));
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
        Projections.flushTiny(u);
        if (learnD) {
            Projections.nonnegative(d);
        }
    }

    @Override
    public Udu copy() {
        return new Udu(Udv.heapCopy(u), Udv.heapCopy(d), radius, learnD);
    }

    @Override
    public String toString() {
        return learnD ? "Udu(" + rows() + "x" + cols() + ", width=" + width() + ", radius=" + radius + ")"
                : "Uu(" + rows() + "x" + cols() + ", width=" + width() + ")";
    }
}
