package dev.tacit.model.factored;

import dev.tacit.fit.UpdateRule;
import dev.tacit.linalg.EntryKernels;
import dev.tacit.linalg.Matrix;
import dev.tacit.linalg.Transpose;
import dev.tacit.model.Parameterization;
import dev.tacit.objective.Objective;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Soft-Impute (Mazumder, Hastie, Tibshirani, "Spectral Regularization Algorithms for Learning Large
 * Incomplete Matrices", JMLR 2010) in its rank-restricted alternating form "softImpute-ALS" (Hastie,
 * Mazumder, Lee, Zadeh, "Matrix Completion and Low-Rank SVD via Fast Alternating Least Squares", JMLR
 * 2015, Algorithm 3.1; R package {@code softImpute}, {@code type = "als"}). With W = A·Bᵀ (a depth-2
 * {@link FactoredProduct}: A = U is n₁×k, B = V is n₂×k) and X the ratings centred by the model's mean
 * μ, it minimises the training objective returned by {@link #evaluate}:
 *
 * <pre>
 *   F(A, B) = ½ ‖P_Ω(X − A·Bᵀ)‖²_F + (λ/2)(‖A‖²_F + ‖B‖²_F)
 * </pre>
 *
 * whose minimisers over rank-k factors solve the nuclear-norm problem ½‖P_Ω(X − Z)‖²_F + λ‖Z‖_* when k
 * is at least the solution's rank. One {@link #update} is one sweep: with the filled-in matrix
 * X* = P_Ω(X) + P_Ω⊥(A·Bᵀ),
 *
 * <pre>
 *   A ← X*·B (BᵀB + λI)⁻¹,   X*·B = P_Ω(X − A·Bᵀ)·B + A·(BᵀB)
 *   B ← X*ᵀ·A (AᵀA + λI)⁻¹,  X*ᵀ·A = P_Ω(X − A·Bᵀ)ᵀ·A + B·(AᵀA)     (X* refilled with the new A)
 * </pre>
 *
 * The residual on Ω and its sparse products use {@link EntryKernels}; everything else is k×k or n×k,
 * so a sweep costs O(m·k + (n₁ + n₂)·k²) and no n₁×n₂ matrix is ever formed. Each half-sweep minimises
 * a majorizer of F that touches it at the current point, so F never increases. The paper's Algorithm
 * 3.1 additionally re-balances the factors into SVD form (A = UD, B = VD) after each half-sweep, which
 * leaves A·Bᵀ unchanged and can only lower the penalty; this rule keeps the plain factors (same
 * objective and fixed points, possibly a different path to them).
 *
 * <p>The model must have {@link BiasTerms#MEAN} (the ratings are centred by its global mean μ; the R
 * package leaves centring to the caller, e.g. its {@code biScale}) or {@link BiasTerms#NONE} (μ = 0). {@link #lastStepSize()} returns the R package's
 * convergence ratio of the last sweep, ‖A·Bᵀ − A'·B'ᵀ‖²_F / ‖A·Bᵀ‖²_F (old A, B; new A', B'), computed
 * from k×k Gram matrices; {@link SoftImputePath} stops a fit when it falls below a tolerance.
 */
public final class SoftImputeRule implements UpdateRule {

    /** The rank restriction k of {@link #initialModel} and {@link SoftImputePath}. */
    public static final int DEFAULT_RANK = 100;

    private static final String NAME = "SoftImputeRule";

    private final double lambda;
    private RatingData data;
    private double lastChange = Double.NaN;

    /** @param lambda λ &gt; 0 */
    public SoftImputeRule(double lambda) {
        if (!(lambda > 0) || !Double.isFinite(lambda)) {
            throw new IllegalArgumentException("lambda must be positive and finite, got " + lambda);
        }
        this.lambda = lambda;
    }

    /**
     * A random start like the R package's: A with i.i.d. N(0, 1/n₁) entries and B with N(0, 1/n₂)
     * entries (columns of about unit norm), drawn row by row, A first, from
     * {@code new SplittableRandom(seed)}.
     *
     * @param rows users n₁ ≥ 1
     * @param cols items n₂ ≥ 1
     * @param rank k ≥ 1
     * @param mean μ, normally the mean training rating
     * @param seed the seed of the draws
     * @return a depth-2 {@link FactoredProduct} with {@link BiasTerms#MEAN}
     */
    public static FactoredProduct initialModel(int rows, int cols, int rank, double mean, long seed) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("matrix size must be positive, got " + rows + "x" + cols);
        }
        if (rank < 1) {
            throw new IllegalArgumentException("rank must be at least 1, got " + rank);
        }
        if (!Double.isFinite(mean)) {
            throw new IllegalArgumentException("mean must be finite, got " + mean);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        Matrix a = FactorArrays.gaussian(rows, rank, 1.0 / Math.sqrt(rows), rng);
        Matrix b = FactorArrays.gaussian(cols, rank, 1.0 / Math.sqrt(cols), rng);
        return FactoredProduct.ofFactors(rows, cols, 2, BiasTerms.MEAN, mean, List.of(a, b));
    }

    /** @return λ */
    public double lambda() {
        return lambda;
    }

    @Override
    public void init(Parameterization parameterization, Objective objective) {
        FactoredProduct model = RatingData.model(parameterization, NAME, BiasTerms.MEAN, BiasTerms.NONE);
        data = RatingData.of(objective, model, NAME);
        lastChange = Double.NaN;
    }

    @Override
    public double evaluate(Parameterization parameterization, Objective objective) {
        FactoredProduct model = (FactoredProduct) parameterization;
        double[] predictions = new double[data.size()];
        model.predict(data.pattern, predictions);
        double s = 0;
        for (int e = 0; e < predictions.length; e++) {
            double r = data.targets[e] - predictions[e];
            s += r * r;
        }
        return 0.5 * s + 0.5 * lambda * (model.factors().get(0).frobeniusNormSquared()
                + model.factors().get(1).frobeniusNormSquared());
    }

    @Override
    public void update(Parameterization parameterization, Objective objective) {
        FactoredProduct model = (FactoredProduct) parameterization;
        Matrix a = model.factors().get(0);
        Matrix b = model.factors().get(1);
        int k = a.cols();
        Matrix aOld = a.copy();
        Matrix bOld = b.copy();
        double[] residual = new double[data.size()];

        Matrix gramB = gram(b, b);
        residual(a, b, model.mean(), residual);
        Matrix filledB = Matrix.onHeap(a.rows(), k);
        EntryKernels.rowScatter(data.pattern, residual, b, filledB);
        Matrix.multiply(1.0, Transpose.NO, a, Transpose.NO, gramB, 1.0, filledB);
        ridgeSolve(filledB, gramB, a);

        Matrix gramA = gram(a, a);
        residual(a, b, model.mean(), residual);
        Matrix filledA = Matrix.onHeap(b.rows(), k);
        EntryKernels.colScatter(data.pattern, residual, a, filledA);
        Matrix.multiply(1.0, Transpose.NO, b, Transpose.NO, gramA, 1.0, filledA);
        ridgeSolve(filledA, gramA, b);

        model.afterUpdate();
        // ‖ABᵀ − A'B'ᵀ‖² = tr(AᵀA·BᵀB) − 2 tr(AᵀA'·B'ᵀB) + tr(A'ᵀA'·B'ᵀB'): k×k Grams only
        double old = traceOfProduct(gram(aOld, aOld), gramB);
        double cross = traceOfProduct(gram(aOld, a), gram(b, bOld));
        double fresh = traceOfProduct(gramA, gram(b, b));
        lastChange = Math.max(0.0, old - 2 * cross + fresh) / Math.max(old, 1e-9);
    }

    /** residual_e = (r_e − μ) − ⟨A_{u_e,:}, B_{i_e,:}⟩. */
    private void residual(Matrix a, Matrix b, double mu, double[] out) {
        EntryKernels.sampledDots(a, b, data.pattern, out);
        for (int e = 0; e < out.length; e++) {
            out[e] = data.targets[e] - mu - out[e];
        }
    }

    /**
     * target = rhs·(gram + λI)⁻¹: the k×k inverse from one Cholesky factorization (well conditioned:
     * its eigenvalues are ≥ λ), then one n×k·k×k product on the backend.
     */
    private void ridgeSolve(Matrix rhs, Matrix gram, Matrix target) {
        int k = gram.rows();
        double[] g = gram.toArray();
        for (int t = 0; t < k; t++) {
            g[t * k + t] += lambda;
        }
        DenseCholesky.factor(g, k);
        Matrix inverse = Matrix.fromRowMajor(k, k, DenseCholesky.inverse(g, k));
        Matrix.multiply(Transpose.NO, rhs, Transpose.NO, inverse, target);
    }

    private static Matrix gram(Matrix x, Matrix y) {
        Matrix g = Matrix.onHeap(x.cols(), y.cols());
        Matrix.multiply(Transpose.YES, x, Transpose.NO, y, g);
        return g;
    }

    /** @return tr(X·Y) = Σ_ij X_ij Y_ji */
    private static double traceOfProduct(Matrix x, Matrix y) {
        double s = 0;
        for (int i = 0; i < x.rows(); i++) {
            for (int j = 0; j < x.cols(); j++) {
                s += x.get(i, j) * y.get(j, i);
            }
        }
        return s;
    }

    /** @return the relative change ‖ΔW‖²_F/‖W‖²_F of the last sweep (NaN before the first) */
    @Override
    public double lastStepSize() {
        return lastChange;
    }

    @Override
    public SoftImputeRule copy() {
        return new SoftImputeRule(lambda);
    }

    @Override
    public String toString() {
        return "SoftImputeRule(lambda=" + lambda + ")";
    }
}
