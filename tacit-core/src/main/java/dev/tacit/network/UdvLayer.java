package dev.tacit.network;

import dev.tacit.linalg.Matrix;
import dev.tacit.linalg.Transpose;
import dev.tacit.model.udv.Projections;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The UDV layer of Hou, Sra, Yurtsever (2025, arXiv 2501.16322, eq. 7):
 *
 * <pre>
 *   f(x) = Σ_{j=1..m} v_j·w_j·u_jᵀx + b = V·diag(w)·Uᵀx + b,
 *   subject to ‖U‖_F ≤ ρ, ‖V‖_F ≤ ρ, w ≥ 0,
 * </pre>
 *
 * with U in×m, V out×m, w ∈ ℝ^m and an unconstrained bias b (the paper's network layers have biases; its
 * equation omits them). The paper uses ρ = 1 ({@link #DEFAULT_RADIUS}). The constraints are restored by
 * {@link #project()} after every optimizer step: {@code U ← U·min(1, ρ/‖U‖_F)}, the same for V, and
 * {@code w ← max(w, 0)} — the exact Euclidean projection onto the (product) feasible set.
 *
 * <p>On a batch X (n×in): H = X·U, S = H·diag(w), Y = S·Vᵀ + 1·bᵀ. For G = ∂ℓ/∂Y:
 * {@code ∂ℓ/∂V = Gᵀ·S}, {@code ∂S = G·V}, {@code ∂ℓ/∂w_j = Σ_i ∂S_ij·H_ij}, {@code ∂H = ∂S·diag(w)},
 * {@code ∂ℓ/∂U = Xᵀ·∂H}, {@code ∂ℓ/∂X = ∂H·Uᵀ}, {@code ∂ℓ/∂b = Gᵀ·1}. Parameters: m·(in + out) + m + out.
 */
public final class UdvLayer implements Layer {

    /** The radius of the Frobenius balls used by the paper. */
    public static final double DEFAULT_RADIUS = 1.0;

    private final double radius;
    private final Matrix u;
    private final Matrix w;
    private final Matrix v;
    private final Matrix bias;
    private final Matrix gradU;
    private final Matrix gradW;
    private final Matrix gradV;
    private final Matrix gradBias;
    private Matrix input;
    private Matrix hidden;
    private Matrix scaled;

    /**
     * @param u U, in×m (copied)
     * @param w w, m entries (copied)
     * @param v V, out×m (copied)
     * @param bias b, out entries (copied)
     * @param radius ρ &gt; 0 (finite)
     * @throws IllegalArgumentException for mismatched shapes or an invalid radius; the factors are not projected
     */
    public UdvLayer(Matrix u, Matrix w, Matrix v, Matrix bias, double radius) {
        checkRadius(radius);
        int m = u.cols();
        if (v.cols() != m || w.size() != m || m < 1) {
            throw new IllegalArgumentException("inner widths differ: U " + u.rows() + "x" + u.cols() + ", w "
                    + w.size() + ", V " + v.rows() + "x" + v.cols());
        }
        Batches.checkWidths(u.rows(), v.rows());
        if (bias.size() != v.rows()) {
            throw new IllegalArgumentException("bias has " + bias.size() + " entries, V has " + v.rows() + " rows");
        }
        this.radius = radius;
        this.u = u.copyOnHeap();
        this.v = v.copyOnHeap();
        this.w = Matrix.onHeap(m, 1);
        this.w.copyFromFlat(w);
        this.bias = Matrix.onHeap(v.rows(), 1);
        this.bias.copyFromFlat(bias);
        this.gradU = Matrix.onHeap(u.rows(), m);
        this.gradV = Matrix.onHeap(v.rows(), m);
        this.gradW = Matrix.onHeap(m, 1);
        this.gradBias = Matrix.onHeap(v.rows(), 1);
    }

    /**
     * Seeded initialization (the paper gives none for networks; see the package doc of the experiment): U and V
     * Gaussian, rescaled to Frobenius norm exactly ρ; w ≡ w₀ = √(2·out·m)/ρ², chosen so that the expected
     * ‖V·diag(w)·Uᵀ‖²_F ≈ w₀²ρ⁴/m equals the He initialization's E‖W‖²_F = 2·out; b = 0.
     *
     * @param inputs in ≥ 1
     * @param outputs out ≥ 1
     * @param width m ≥ 1
     * @param radius ρ &gt; 0
     * @param rng the seeded generator (U is drawn first, then V)
     * @return the layer
     */
    public static UdvLayer initialize(int inputs, int outputs, int width, double radius, RandomGenerator rng) {
        checkRadius(radius);
        Batches.checkWidths(inputs, outputs);
        if (width < 1) {
            throw new IllegalArgumentException("inner width must be at least 1, got " + width);
        }
        Matrix u = Batches.gaussian(inputs, width, 1.0, rng);
        u.scale(radius / u.frobeniusNorm());
        Matrix v = Batches.gaussian(outputs, width, 1.0, rng);
        v.scale(radius / v.frobeniusNorm());
        Matrix w = Matrix.onHeap(width, 1);
        w.fill(Math.sqrt(2.0 * outputs * width) / (radius * radius));
        return new UdvLayer(u, w, v, Matrix.onHeap(outputs, 1), radius);
    }

    /**
     * @param radius the candidate ρ
     * @throws IllegalArgumentException unless ρ is positive and finite
     */
    public static void checkRadius(double radius) {
        if (!(radius > 0) || !Double.isFinite(radius)) {
            throw new IllegalArgumentException("radius must be positive and finite, got " + radius);
        }
    }

    /** @return ρ */
    public double radius() {
        return radius;
    }

    /** @return the inner width m */
    public int width() {
        return w.size();
    }

    /** @return a copy of U (in×m) */
    public Matrix u() {
        return u.copy();
    }

    /** @return a copy of w (m×1) */
    public Matrix w() {
        return w.copy();
    }

    /** @return a copy of V (out×m) */
    public Matrix v() {
        return v.copy();
    }

    @Override
    public int inputs() {
        return u.rows();
    }

    @Override
    public int outputs() {
        return v.rows();
    }

    @Override
    public Matrix forward(Matrix x) {
        Batches.checkInput(x, inputs());
        input = x;
        hidden = Batches.product(Transpose.NO, x, Transpose.NO, u);
        scaled = hidden.copy();
        int m = width();
        for (int i = 0; i < scaled.rows(); i++) {
            for (int j = 0; j < m; j++) {
                scaled.set(i, j, scaled.get(i, j) * w.getFlat(j));
            }
        }
        Matrix y = Batches.product(Transpose.NO, scaled, Transpose.YES, v);
        Batches.addRowVector(y, bias);
        return y;
    }

    @Override
    public Matrix backward(Matrix gradOutput) {
        if (input == null) {
            throw new IllegalStateException("backward before forward");
        }
        Matrix.multiply(Transpose.YES, gradOutput, Transpose.NO, scaled, gradV);
        Batches.columnSums(gradOutput, gradBias);
        Matrix gradScaled = Batches.product(Transpose.NO, gradOutput, Transpose.NO, v);
        int m = width();
        for (int j = 0; j < m; j++) {
            double s = 0;
            for (int i = 0; i < gradScaled.rows(); i++) {
                s += gradScaled.get(i, j) * hidden.get(i, j);
            }
            gradW.setFlat(j, s);
        }
        for (int i = 0; i < gradScaled.rows(); i++) { // now ∂H = ∂S·diag(w), in place
            for (int j = 0; j < m; j++) {
                gradScaled.set(i, j, gradScaled.get(i, j) * w.getFlat(j));
            }
        }
        Matrix.multiply(Transpose.YES, input, Transpose.NO, gradScaled, gradU);
        return Batches.product(Transpose.NO, gradScaled, Transpose.YES, u);
    }

    @Override
    public List<Matrix> parameters() {
        return List.of(u, w, v, bias);
    }

    @Override
    public List<Matrix> gradients() {
        return List.of(gradU, gradW, gradV, gradBias);
    }

    /** {@code U ← U·min(1, ρ/‖U‖_F)}, {@code V ← V·min(1, ρ/‖V‖_F)}, {@code w ← max(w, 0)}. Modifies this. */
    @Override
    public void project() {
        Projections.frobeniusBall(u, radius);
        Projections.frobeniusBall(v, radius);
        Projections.nonnegative(w);
    }

    /** @return V·diag(w)·Uᵀ (out×in) */
    @Override
    public Matrix endToEnd() {
        Matrix vw = v.copy();
        for (int i = 0; i < vw.rows(); i++) {
            for (int j = 0; j < width(); j++) {
                vw.set(i, j, vw.get(i, j) * w.getFlat(j));
            }
        }
        return Batches.product(Transpose.NO, vw, Transpose.YES, u);
    }

    @Override
    public Matrix bias() {
        return bias.copy();
    }

    @Override
    public int parameterCount() {
        return u.size() + w.size() + v.size() + bias.size();
    }

    @Override
    public UdvLayer copy() {
        return new UdvLayer(u, w, v, bias, radius);
    }

    @Override
    public String toString() {
        return "UdvLayer(" + inputs() + " -> " + width() + " -> " + outputs() + ", radius " + radius + ")";
    }
}
