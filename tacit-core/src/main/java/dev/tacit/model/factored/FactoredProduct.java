package dev.tacit.model.factored;

import dev.tacit.linalg.EntryKernels;
import dev.tacit.linalg.EntryPattern;
import dev.tacit.linalg.LinearOperand;
import dev.tacit.linalg.Matrix;
import dev.tacit.linalg.Transpose;
import dev.tacit.model.EntryParameterization;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A deep factorization sized for ratings data (the deep matrix factorization of Arora, Cohen, Hu, Luo,
 * NeurIPS 2019, with a hidden width k instead of full n×n layers):
 *
 * <pre>
 *   W = U·H_1·H_2···H_{N−2}·Vᵀ      U: n₁×k, H_j: k×k, V: n₂×k       (depth N ≥ 2)
 *   W = W_1                          n₁×n₂, dense                       (depth 1)
 *   ŷ_ui = μ + b_u + b_i + W_ui      (offsets per {@link BiasTerms})
 * </pre>
 *
 * <p>Predictions and gradients touch only the observed entries: with A = U·H_1···H_{N−2} (n₁×k),
 * ŷ_e = ⟨A_{u,:}, V_{i,:}⟩ and, for g_e = ∂ℓ/∂ŷ_e and S the sparse matrix of the g_e,
 * ∂ℓ/∂A = S·V, ∂ℓ/∂V = Sᵀ·A, ∂ℓ/∂H_j = Q_{j−1}ᵀ·∂ℓ/∂(Q_j) with prefixes Q_j = U·H_1···H_j, and
 * ∂ℓ/∂b_u = Σ_{i} g_ui. A step costs O(m·k + (n₁)·k²·(N−2)) — never O(n₁·n₂) for depth ≥ 2.
 * Depth 1 keeps a dense n₁×n₂ parameter: it exists for comparisons on small data only.
 *
 * <p>Storage: all matrices live on the Java heap ({@link Matrix#onHeap}); the entry kernels then work on
 * them in place. Initialization: every factor entry Gaussian with standard deviation s^{1/N}/√k (depth 1: s/√n₂), so
 * that ‖W(0)‖ scales with the init scale s as in the paper's recipe; biases start at 0.
 */
public final class FactoredProduct implements EntryParameterization {

    private final int rows;
    private final int cols;
    private final int depth;
    private final BiasTerms biasTerms;
    private final double mean;
    private final List<Matrix> factors; // U, H_1..H_{N−2}, V, then [bu (n₁×1), bi (n₂×1)]; depth 1: W
    private final Matrix[] prefix; // prefix[j] = U·H_1···H_j, prefix[0] aliases U
    private final Matrix[] work; // gradient flowing into prefix[j]
    private boolean fresh;

    private FactoredProduct(int rows, int cols, int depth, BiasTerms biasTerms, double mean, List<Matrix> factors) {
        this.rows = rows;
        this.cols = cols;
        this.depth = depth;
        this.biasTerms = biasTerms;
        this.mean = biasTerms == BiasTerms.NONE ? 0.0 : mean;
        this.factors = factors;
        int hidden = Math.max(0, depth - 2);
        this.prefix = new Matrix[hidden + 1];
        this.work = new Matrix[hidden + 1];
        if (depth >= 2) {
            int k = factors.get(0).cols();
            prefix[0] = factors.get(0);
            for (int j = 1; j <= hidden; j++) {
                prefix[j] = Matrix.onHeap(rows, k);
            }
            for (int j = 0; j <= hidden; j++) {
                work[j] = Matrix.onHeap(rows, k);
            }
        }
    }

    /**
     * Creates and initializes a factorization.
     *
     * @param rows n₁ (users), ≥ 1
     * @param cols n₂ (items), ≥ 1
     * @param depth N ≥ 1
     * @param width k ≥ 1 (ignored at depth 1)
     * @param initScale s &gt; 0
     * @param biasTerms offsets
     * @param mean μ, the offset used with {@link BiasTerms#MEAN} and {@link BiasTerms#MEAN_AND_BIASES}
     * @param rng randomness for the init
     * @return the model
     */
    public static FactoredProduct initialize(int rows, int cols, int depth, int width, double initScale,
                                             BiasTerms biasTerms, double mean, RandomGenerator rng) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("matrix size must be positive, got " + rows + "x" + cols);
        }
        if (depth < 1) {
            throw new IllegalArgumentException("depth must be at least 1, got " + depth);
        }
        if (width < 1) {
            throw new IllegalArgumentException("width must be at least 1, got " + width);
        }
        if (!(initScale > 0) || !Double.isFinite(initScale)) {
            throw new IllegalArgumentException("init scale must be positive and finite, got " + initScale);
        }
        if (!Double.isFinite(mean)) {
            throw new IllegalArgumentException("mean must be finite, got " + mean);
        }
        List<Matrix> f = new ArrayList<>();
        if (depth == 1) {
            f.add(gaussian(rows, cols, initScale / Math.sqrt(cols), rng));
        } else {
            double std = Math.pow(initScale, 1.0 / depth) / Math.sqrt(width);
            f.add(gaussian(rows, width, std, rng));
            for (int j = 0; j < depth - 2; j++) {
                f.add(gaussian(width, width, std, rng));
            }
            f.add(gaussian(cols, width, std, rng));
        }
        if (biasTerms == BiasTerms.MEAN_AND_BIASES) {
            f.add(Matrix.onHeap(rows, 1));
            f.add(Matrix.onHeap(cols, 1));
        }
        return new FactoredProduct(rows, cols, depth, biasTerms, mean, f);
    }

    /**
     * Restores a model from its factors (copied), e.g. when loading a saved model.
     *
     * @param rows n₁
     * @param cols n₂
     * @param depth N
     * @param biasTerms offsets
     * @param mean μ
     * @param factors as {@link #factors()} returns them
     * @return the model
     */
    public static FactoredProduct ofFactors(int rows, int cols, int depth, BiasTerms biasTerms, double mean,
                                            List<Matrix> factors) {
        int expected = (depth == 1 ? 1 : depth) + (biasTerms == BiasTerms.MEAN_AND_BIASES ? 2 : 0);
        if (factors.size() != expected) {
            throw new IllegalArgumentException("expected " + expected + " factors for depth " + depth + " and "
                    + biasTerms + ", got " + factors.size());
        }
        List<Matrix> copies = new ArrayList<>();
        for (Matrix m : factors) {
            copies.add(m.copyOnHeap());
        }
        FactoredProduct p = new FactoredProduct(rows, cols, depth, biasTerms, mean, copies);
        p.checkShapes();
        return p;
    }

    /**
     * The average of E products of equal depth, as one product: for depth N ≥ 2 the factors are stacked,
     * U = [U⁽¹⁾ … U⁽ᴱ⁾]/E, H_j = blockdiag(H_j⁽¹⁾ … H_j⁽ᴱ⁾), V = [V⁽¹⁾ … V⁽ᴱ⁾], so that
     * U·H_1···H_{N−2}·Vᵀ = (1/E) Σ_e U⁽ᵉ⁾·H⁽ᵉ⁾···V⁽ᵉ⁾ᵀ exactly (width E·k); depth 1 averages W.
     * Offsets: the members must have {@link BiasTerms#NONE} (add offsets to the result).
     *
     * @param members E ≥ 1 products of the same shape and depth, without offsets
     * @return the averaged product
     */
    public static FactoredProduct average(List<FactoredProduct> members) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("nothing to average");
        }
        FactoredProduct f0 = members.get(0);
        for (FactoredProduct m : members) {
            if (m.rows != f0.rows || m.cols != f0.cols || m.depth != f0.depth || m.biasTerms != BiasTerms.NONE) {
                throw new IllegalArgumentException("members must share shape and depth and have no offsets: " + m);
            }
        }
        if (members.size() == 1) {
            return f0.copy();
        }
        int e = members.size();
        List<Matrix> out = new ArrayList<>();
        if (f0.depth == 1) {
            Matrix w = Matrix.onHeap(f0.rows, f0.cols);
            for (FactoredProduct m : members) {
                w.addScaled(1.0 / e, m.factors.get(0));
            }
            out.add(w);
            return ofFactors(f0.rows, f0.cols, 1, BiasTerms.NONE, 0.0, out);
        }
        int total = 0;
        for (FactoredProduct m : members) {
            total += m.width();
        }
        for (int j = 0; j < f0.depth; j++) {
            boolean hidden = j > 0 && j < f0.depth - 1;
            int r = j == 0 ? f0.rows : j == f0.depth - 1 ? f0.cols : total;
            Matrix stacked = Matrix.onHeap(r, total);
            int offset = 0;
            for (FactoredProduct m : members) {
                Matrix src = m.factors.get(j);
                int k = m.width();
                double scale = j == 0 ? 1.0 / e : 1.0;
                for (int i = 0; i < src.rows(); i++) {
                    for (int c = 0; c < k; c++) {
                        stacked.set(hidden ? offset + i : i, offset + c, scale * src.get(i, c));
                    }
                }
                offset += k;
            }
            out.add(stacked);
        }
        return ofFactors(f0.rows, f0.cols, f0.depth, BiasTerms.NONE, 0.0, out);
    }

    private void checkShapes() {
        if (depth == 1) {
            need(factors.get(0), rows, cols, "W");
        } else {
            int k = factors.get(0).cols();
            need(factors.get(0), rows, k, "U");
            for (int j = 1; j <= depth - 2; j++) {
                need(factors.get(j), k, k, "H_" + j);
            }
            need(factors.get(depth - 1), cols, k, "V");
        }
        if (biasTerms == BiasTerms.MEAN_AND_BIASES) {
            need(factors.get(layerCount()), rows, 1, "user biases");
            need(factors.get(layerCount() + 1), cols, 1, "item biases");
        }
    }

    private static void need(Matrix m, int r, int c, String name) {
        if (m.rows() != r || m.cols() != c) {
            throw new IllegalArgumentException(name + " is " + m.rows() + "x" + m.cols() + ", expected " + r + "x" + c);
        }
    }

    private static Matrix gaussian(int r, int c, double std, RandomGenerator rng) {
        Matrix m = Matrix.onHeap(r, c);
        for (int k = 0; k < m.size(); k++) {
            m.setFlat(k, std * rng.nextGaussian());
        }
        return m;
    }

    private int layerCount() {
        return depth == 1 ? 1 : depth;
    }

    /** @return N */
    public int depth() {
        return depth;
    }

    /** @return k, the hidden width (n₂ at depth 1) */
    public int width() {
        return depth == 1 ? cols : factors.get(0).cols();
    }

    /** @return the offsets */
    public BiasTerms biasTerms() {
        return biasTerms;
    }

    /** @return μ (0 with {@link BiasTerms#NONE}) */
    public double mean() {
        return mean;
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int cols() {
        return cols;
    }

    /** @return A = U·H_1···H_{N−2} (n₁×k), computed if stale; owned by this model */
    private Matrix left() {
        if (!fresh) {
            for (int j = 1; j < prefix.length; j++) {
                Matrix.multiply(Transpose.NO, prefix[j - 1], Transpose.NO, factors.get(j), prefix[j]);
            }
            fresh = true;
        }
        return prefix[prefix.length - 1];
    }

    private double offset(int u, int i) {
        double o = mean;
        if (biasTerms == BiasTerms.MEAN_AND_BIASES) {
            o += factors.get(layerCount()).getFlat(u) + factors.get(layerCount() + 1).getFlat(i);
        }
        return o;
    }

    @Override
    public void predict(EntryPattern pattern, double[] out) {
        checkPattern(pattern);
        if (depth == 1) {
            Matrix w = factors.get(0);
            for (int e = 0; e < pattern.size(); e++) {
                out[e] = w.get(pattern.row(e), pattern.col(e));
            }
        } else {
            EntryKernels.sampledDots(left(), factors.get(depth - 1), pattern, out);
        }
        if (biasTerms != BiasTerms.NONE) {
            for (int e = 0; e < pattern.size(); e++) {
                out[e] += offset(pattern.row(e), pattern.col(e));
            }
        }
    }

    /**
     * @param u row (user) index
     * @param i column (item) index
     * @return ŷ_ui
     */
    public double predict(int u, int i) {
        double s = 0;
        if (depth == 1) {
            s = factors.get(0).get(u, i);
        } else {
            Matrix a = left();
            Matrix v = factors.get(depth - 1);
            for (int t = 0; t < a.cols(); t++) {
                s += a.get(u, t) * v.get(i, t);
            }
        }
        return s + offset(u, i);
    }

    /**
     * The prediction for a row unseen in training (cold start): the mean plus the column's bias.
     *
     * @param i column index, or −1 if the column is unseen too
     * @return μ + b_i (μ when i is −1)
     */
    public double predictColdRow(int i) {
        double o = mean;
        if (biasTerms == BiasTerms.MEAN_AND_BIASES && i >= 0) {
            o += factors.get(layerCount() + 1).getFlat(i);
        }
        return o;
    }

    /**
     * @param u row index
     * @return μ + b_u, the prediction for a column unseen in training
     */
    public double predictColdColumn(int u) {
        double o = mean;
        if (biasTerms == BiasTerms.MEAN_AND_BIASES) {
            o += factors.get(layerCount()).getFlat(u);
        }
        return o;
    }

    @Override
    public void backward(EntryPattern pattern, double[] g, List<Matrix> gradients) {
        checkPattern(pattern);
        if (depth == 1) {
            Matrix dw = gradients.get(0);
            dw.fill(0.0);
            for (int e = 0; e < pattern.size(); e++) {
                int u = pattern.row(e);
                int i = pattern.col(e);
                dw.set(u, i, dw.get(u, i) + g[e]);
            }
        } else {
            Matrix a = left();
            int hidden = depth - 2;
            EntryKernels.rowScatter(pattern, g, factors.get(depth - 1), work[hidden]);
            EntryKernels.colScatter(pattern, g, a, gradients.get(depth - 1));
            backThroughHidden(gradients);
        }
        if (biasTerms == BiasTerms.MEAN_AND_BIASES) {
            double[] bu = new double[rows];
            double[] bi = new double[cols];
            EntryKernels.rowSums(pattern, g, bu);
            EntryKernels.colSums(pattern, g, bi);
            Matrix gu = gradients.get(layerCount());
            Matrix gi = gradients.get(layerCount() + 1);
            for (int u = 0; u < rows; u++) {
                gu.setFlat(u, bu[u]);
            }
            for (int i = 0; i < cols; i++) {
                gi.setFlat(i, bi[i]);
            }
        }
    }

    /** From ∂ℓ/∂A in work[N−2], writes ∂ℓ/∂H_j and ∂ℓ/∂U. */
    private void backThroughHidden(List<Matrix> gradients) {
        for (int j = depth - 2; j >= 1; j--) {
            Matrix.multiply(Transpose.YES, prefix[j - 1], Transpose.NO, work[j], gradients.get(j));
            Matrix target = j == 1 ? gradients.get(0) : work[j - 1];
            Matrix.multiply(Transpose.NO, work[j], Transpose.YES, factors.get(j), target);
        }
        if (depth == 2) {
            gradients.get(0).copyFrom(work[0]);
        }
    }

    private void checkPattern(EntryPattern pattern) {
        if (pattern.rows() != rows || pattern.cols() != cols) {
            throw new IllegalArgumentException("pattern is over " + pattern.rows() + "x" + pattern.cols()
                    + ", the model is " + rows + "x" + cols);
        }
    }

    /** Forms the dense n₁×n₂ matrix including offsets: for small problems and diagnostics only. */
    @Override
    public Matrix endToEnd() {
        Matrix w;
        if (depth == 1) {
            w = factors.get(0).copy();
        } else {
            w = Matrix.onHeap(rows, cols);
            Matrix.multiply(Transpose.NO, left(), Transpose.YES, factors.get(depth - 1), w);
        }
        if (biasTerms != BiasTerms.NONE) {
            for (int u = 0; u < rows; u++) {
                for (int i = 0; i < cols; i++) {
                    w.set(u, i, w.get(u, i) + offset(u, i));
                }
            }
        }
        return w;
    }

    /** Dense chain rule (small problems): D is materialized, then as the entry version. */
    @Override
    public void backward(LinearOperand dLdW, List<Matrix> gradients) {
        Matrix d = Matrix.onHeap(rows, cols);
        dLdW.copyInto(d);
        if (depth == 1) {
            gradients.get(0).copyFrom(d);
        } else {
            Matrix a = left();
            int hidden = depth - 2;
            Matrix.multiply(Transpose.NO, d, Transpose.NO, factors.get(depth - 1), work[hidden]);
            Matrix.multiply(Transpose.YES, d, Transpose.NO, a, gradients.get(depth - 1));
            backThroughHidden(gradients);
        }
        if (biasTerms == BiasTerms.MEAN_AND_BIASES) {
            Matrix gu = gradients.get(layerCount());
            Matrix gi = gradients.get(layerCount() + 1);
            gu.fill(0.0);
            gi.fill(0.0);
            for (int u = 0; u < rows; u++) {
                for (int i = 0; i < cols; i++) {
                    double v = d.get(u, i);
                    gu.setFlat(u, gu.getFlat(u) + v);
                    gi.setFlat(i, gi.getFlat(i) + v);
                }
            }
        }
    }

    @Override
    public List<Matrix> factors() {
        return Collections.unmodifiableList(factors);
    }

    @Override
    public List<Matrix> newGradientBuffers() {
        List<Matrix> out = new ArrayList<>();
        for (Matrix f : factors) {
            out.add(Matrix.zeros(f.backend(), f.rows(), f.cols()));
        }
        return out;
    }

    @Override
    public void afterUpdate() {
        fresh = false;
    }

    @Override
    public FactoredProduct copy() {
        return ofFactors(rows, cols, depth, biasTerms, mean, factors);
    }

    @Override
    public String toString() {
        return "FactoredProduct(" + rows + "x" + cols + ", depth=" + depth + ", width=" + width() + ", " + biasTerms
                + ")";
    }
}
