package dev.tacit.model.deep;

import dev.tacit.linalg.LinearOperand;
import dev.tacit.linalg.Matrix;
import dev.tacit.linalg.Svd;
import dev.tacit.linalg.SvdMode;
import dev.tacit.linalg.Transpose;
import dev.tacit.model.Parameterization;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Deep matrix factorization (Arora, Cohen, Hu, Luo, NeurIPS 2019, §2): the end-to-end matrix is the
 * product of N layers, {@code W = W_N·W_{N−1}···W_1}, layer j of shape d_j × d_{j−1} with d_0 = n₂
 * (columns of W) and d_N = n₁ (rows of W). Depth 1 is plain gradient descent on W.
 *
 * <p>Back-propagation (chain rule with prefix and suffix products): with D = ∂ℓ/∂W,
 * {@code ∂ℓ/∂W_j = (W_N···W_{j+1})ᵀ · D · (W_{j−1}···W_1)ᵀ}. The forward pass caches the prefixes
 * P_j = W_j···W_1; the backward pass forms T_j = (W_N···W_{j+1})ᵀ·D from the top down. D may be sparse
 * (completion): then only products with D are formed (see {@link dev.tacit.linalg.SparseMatrix}). A step
 * at depth N costs 3(N−1) products of the layer sizes (6 at depth 3), the backward ones in independent
 * pairs that run on two threads.
 */
public final class DeepProduct implements Parameterization {

    private final int[] widths; // d_0 .. d_N
    private final List<Matrix> layers; // layers.get(j) = W_{j+1}, shape d_{j+1} × d_j
    private final Matrix[] prefix; // prefix[j] = W_{j+1}···W_1, prefix[0] aliases layer 0
    private final Matrix[] back; // back[j] = (W_N···W_{j+2})ᵀ·D, shape d_{j+1} × n₂, for j = 1..N−2 (0-based)
    private boolean fresh;

    private DeepProduct(int[] widths, List<Matrix> layers) {
        this.widths = widths;
        this.layers = layers;
        int n = layers.size();
        this.prefix = new Matrix[n];
        this.back = new Matrix[n];
        prefix[0] = layers.get(0);
        for (int j = 1; j < n; j++) {
            prefix[j] = Matrix.zeros(widths[j + 1], widths[0]);
        }
        for (int j = 1; j < n - 1; j++) {
            back[j] = Matrix.zeros(widths[j + 1], widths[0]);
        }
    }

    /**
     * Creates a deep product from given layers (copied).
     *
     * @param layers W_1 … W_N, each with as many columns as the previous has rows
     * @return the parameterization
     */
    public static DeepProduct ofLayers(List<Matrix> layers) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("depth must be at least 1");
        }
        int[] widths = new int[layers.size() + 1];
        widths[0] = layers.get(0).cols();
        List<Matrix> copies = new ArrayList<>();
        for (int j = 0; j < layers.size(); j++) {
            Matrix l = layers.get(j);
            if (l.cols() != widths[j]) {
                throw new IllegalArgumentException("layer " + (j + 1) + " has " + l.cols() + " columns, expected "
                        + widths[j]);
            }
            widths[j + 1] = l.rows();
            copies.add(l.copy());
        }
        return new DeepProduct(widths, copies);
    }

    /**
     * Creates and initializes a deep product.
     *
     * @param rows n₁, rows of W
     * @param cols n₂, columns of W
     * @param hiddenWidths d_1 … d_{N−1} (length depth − 1)
     * @param init the initialization
     * @param scale the init scale (see {@link Init}), &gt; 0
     * @param rng randomness for the init (advanced)
     * @return the parameterization
     */
    public static DeepProduct initialize(int rows, int cols, int[] hiddenWidths, Init init, double scale,
                                         RandomGenerator rng) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("matrix size must be positive, got " + rows + "x" + cols);
        }
        if (!(scale > 0) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("init scale must be positive and finite, got " + scale);
        }
        int depth = hiddenWidths.length + 1;
        int[] widths = new int[depth + 1];
        widths[0] = cols;
        widths[depth] = rows;
        for (int j = 0; j < hiddenWidths.length; j++) {
            if (hiddenWidths[j] < 1) {
                throw new IllegalArgumentException("hidden widths must be positive, got " + Arrays.toString(hiddenWidths));
            }
            widths[j + 1] = hiddenWidths[j];
        }
        List<Matrix> layers = switch (init) {
            case GAUSSIAN -> gaussian(widths, scale, rng);
            case IDENTITY -> identity(widths, scale);
            case BALANCED -> balanced(widths, scale, rng);
        };
        return new DeepProduct(widths, layers);
    }

    /**
     * Every hidden width equal to min(n₁, n₂), as in the paper, where all layers are n×n for n×n
     * targets.
     *
     * @param rows n₁
     * @param cols n₂
     * @param depth N ≥ 1
     * @param init initialization
     * @param scale init scale
     * @param rng randomness
     * @return the parameterization
     */
    public static DeepProduct square(int rows, int cols, int depth, Init init, double scale, RandomGenerator rng) {
        if (depth < 1) {
            throw new IllegalArgumentException("depth must be at least 1, got " + depth);
        }
        int[] hidden = new int[depth - 1];
        Arrays.fill(hidden, Math.min(rows, cols));
        return initialize(rows, cols, hidden, init, scale, rng);
    }

    private static List<Matrix> gaussian(int[] widths, double scale, RandomGenerator rng) {
        int depth = widths.length - 1;
        List<Matrix> layers = new ArrayList<>();
        for (int j = 0; j < depth; j++) {
            double std = Math.pow(scale, 1.0 / depth) / Math.sqrt(widths[j]);
            Matrix w = Matrix.zeros(widths[j + 1], widths[j]);
            for (int k = 0; k < w.size(); k++) {
                w.setFlat(k, std * rng.nextGaussian());
            }
            layers.add(w);
        }
        return layers;
    }

    private static List<Matrix> identity(int[] widths, double scale) {
        int depth = widths.length - 1;
        double v = Math.pow(scale, 1.0 / depth);
        List<Matrix> layers = new ArrayList<>();
        for (int j = 0; j < depth; j++) {
            Matrix w = Matrix.zeros(widths[j + 1], widths[j]);
            for (int i = 0; i < Math.min(w.rows(), w.cols()); i++) {
                w.set(i, i, v);
            }
            layers.add(w);
        }
        return layers;
    }

    private static List<Matrix> balanced(int[] widths, double scale, RandomGenerator rng) {
        int depth = widths.length - 1;
        int rows = widths[depth];
        int cols = widths[0];
        Matrix m = Matrix.zeros(rows, cols);
        double std = scale / Math.sqrt(Math.max(rows, cols)); // ‖M‖_F ≈ scale·√n for n×n
        for (int k = 0; k < m.size(); k++) {
            m.setFlat(k, std * rng.nextGaussian());
        }
        Svd svd = m.svd(SvdMode.THIN);
        int k = svd.size();
        for (int j = 1; j < depth; j++) {
            k = Math.min(k, widths[j]);
        }
        double[] root = new double[k];
        for (int i = 0; i < k; i++) {
            root[i] = Math.pow(svd.value(i), 1.0 / depth);
        }
        List<Matrix> layers = new ArrayList<>();
        for (int j = 0; j < depth; j++) {
            Matrix w = Matrix.zeros(widths[j + 1], widths[j]);
            for (int i = 0; i < k; i++) {
                if (depth == 1) {
                    for (int r = 0; r < rows; r++) {
                        for (int c = 0; c < cols; c++) {
                            w.set(r, c, w.get(r, c) + svd.u().get(r, i) * svd.value(i) * svd.vt().get(i, c));
                        }
                    }
                } else if (j == 0) {
                    for (int c = 0; c < cols; c++) {
                        w.set(i, c, root[i] * svd.vt().get(i, c));
                    }
                } else if (j == depth - 1) {
                    for (int r = 0; r < rows; r++) {
                        w.set(r, i, svd.u().get(r, i) * root[i]);
                    }
                } else {
                    w.set(i, i, root[i]);
                }
            }
            layers.add(w);
        }
        return layers;
    }

    /** @return N, the number of layers */
    public int depth() {
        return layers.size();
    }

    /** @return d_0 … d_N (a copy) */
    public int[] widths() {
        return widths.clone();
    }

    /** @param j layer index from 1 to N @return W_j, live (modifications must be followed by {@link #afterUpdate()}) */
    public Matrix layer(int j) {
        return layers.get(j - 1);
    }

    @Override
    public int rows() {
        return widths[widths.length - 1];
    }

    @Override
    public int cols() {
        return widths[0];
    }

    @Override
    public Matrix endToEnd() {
        if (!fresh) {
            forward();
            fresh = true;
        }
        return prefix[layers.size() - 1];
    }

    private void forward() {
        int n = layers.size();
        for (int j = 1; j < n; j++) {
            Matrix.multiply(Transpose.NO, layers.get(j), Transpose.NO, prefix[j - 1], prefix[j]);
        }
    }

    /**
     * With T_j = (W_N···W_{j+1})ᵀ·D (so T_N = D and T_{j−1} = W_jᵀ·T_j) the gradients are
     * ∂ℓ/∂W_j = T_j·P_{j−1}ᵀ (P_0 = I, so ∂ℓ/∂W_1 = T_1): 2(N−1) products, computed in independent
     * pairs on the worker threads (deterministic: every product writes its own output).
     */
    @Override
    public void backward(LinearOperand d, List<Matrix> gradients) {
        endToEnd();
        int n = layers.size();
        if (n == 1) {
            d.copyInto(gradients.get(0));
            return;
        }
        // T_{N−1} = W_Nᵀ·D  ‖  ∂W_N = D·P_{N−1}ᵀ
        Matrix firstT = n == 2 ? gradients.get(0) : back[n - 2];
        dev.tacit.linalg.Workers.run(
                () -> d.timesLeft(Transpose.YES, layers.get(n - 1), firstT),
                () -> d.times(Transpose.YES, prefix[n - 2], gradients.get(n - 1)));
        // for j = N−1 … 2 (1-based): T_{j−1} = W_jᵀ·T_j  ‖  ∂W_j = T_j·P_{j−1}ᵀ
        for (int j = n - 1; j >= 2; j--) {
            Matrix tj = back[j - 1];
            Matrix tPrev = j == 2 ? gradients.get(0) : back[j - 2];
            Matrix layer = layers.get(j - 1);
            Matrix p = prefix[j - 2];
            Matrix g = gradients.get(j - 1);
            dev.tacit.linalg.Workers.run(
                    () -> Matrix.multiply(Transpose.YES, layer, Transpose.NO, tj, tPrev),
                    () -> Matrix.multiply(Transpose.NO, tj, Transpose.YES, p, g));
        }
    }

    @Override
    public List<Matrix> factors() {
        return Collections.unmodifiableList(layers);
    }

    @Override
    public List<Matrix> newGradientBuffers() {
        List<Matrix> out = new ArrayList<>();
        for (Matrix l : layers) {
            out.add(Matrix.zeros(l.backend(), l.rows(), l.cols()));
        }
        return out;
    }

    @Override
    public void afterUpdate() {
        fresh = false;
    }

    @Override
    public DeepProduct copy() {
        return ofLayers(layers);
    }

    @Override
    public String toString() {
        return "DeepProduct(depth=" + depth() + ", widths=" + Arrays.toString(widths) + ")";
    }
}
