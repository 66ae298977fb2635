package dev.tacit.model.factored;

import dev.tacit.fit.UpdateRule;
import dev.tacit.linalg.Matrix;
import dev.tacit.linalg.Workers;
import dev.tacit.model.Parameterization;
import dev.tacit.objective.Objective;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Alternating least squares with weighted-λ regularization, the explicit-feedback formulation of
 * Spark ML's {@code ALS} (Zhou, Wilkinson, Schreiber, Pan, "Large-Scale Parallel Collaborative
 * Filtering for the Netflix Prize", AAIM 2008, "ALS-WR"). With W = U·Vᵀ (a depth-2
 * {@link FactoredProduct}; u_u a row of U, v_i a row of V) it minimises the training objective returned
 * by {@link #evaluate}:
 *
 * <pre>
 *   F(U, V) = Σ_{(u,i)∈Ω} (r_ui − μ − u_uᵀv_i)² + λ (Σ_u n_u ‖u_u‖² + Σ_i n_i ‖v_i‖²)
 * </pre>
 *
 * (a sum over the ratings; n_u, n_i the numbers of ratings of user u and item i). One {@link #update}
 * solves, for every user, the k×k normal equations
 *
 * <pre>
 *   (V_Rᵀ V_R + λ n_u I) u_u = V_Rᵀ (r_u − μ)          (V_R: the rows of V of the items u rated)
 * </pre>
 *
 * by Cholesky, then likewise every item given the new U. Each half-sweep is an exact block minimisation,
 * so F never increases. A user or item without ratings gets the zero vector. The users (then the items)
 * are split into two halves of about equal rating counts solved on {@link Workers}; each half writes its
 * own rows, so results do not depend on the thread count.
 *
 * <p>Spark uses no offset ({@link BiasTerms#NONE}, μ = 0); a model with {@link BiasTerms#MEAN} fits the
 * ratings centred by its mean μ. Defaults are Spark's: rank {@value #DEFAULT_RANK}, {@code regParam}
 * λ = {@value #DEFAULT_REG}, {@code maxIter} {@value #DEFAULT_ITERATIONS} (the Trainer's
 * {@code maxIterations}); {@link #initialModel} draws Spark's initialization. Differences from Spark:
 * double precision instead of float, and users are solved before items (Spark updates the items
 * first). {@link #lastStepSize()} is 1 (each update moves all the way to a block minimiser).
 */
public final class AlsRule implements UpdateRule {

    /** Spark's {@code rank}. */
    public static final int DEFAULT_RANK = 10;
    /** Spark's {@code regParam}: λ. */
    public static final double DEFAULT_REG = 0.1;
    /** Spark's {@code maxIter}: the number of Trainer iterations to run. */
    public static final int DEFAULT_ITERATIONS = 10;

    private static final String NAME = "AlsRule";

    private final double reg;
    private RatingData data;

    /** Spark's default λ = {@value #DEFAULT_REG}. */
    public AlsRule() {
        this(DEFAULT_REG);
    }

    /** @param reg λ &gt; 0 (keeps every normal-equation matrix positive definite) */
    public AlsRule(double reg) {
        if (!(reg > 0) || !Double.isFinite(reg)) {
            throw new IllegalArgumentException("regularization must be positive and finite, got " + reg);
        }
        this.reg = reg;
    }

    /**
     * Spark's initialization: each row of U, then of V, is a vector of k standard normal draws from
     * {@code new SplittableRandom(seed)} scaled to unit Euclidean norm.
     *
     * @param rows users n₁ ≥ 1
     * @param cols items n₂ ≥ 1
     * @param rank k ≥ 1
     * @param biasTerms {@link BiasTerms#NONE} (Spark) or {@link BiasTerms#MEAN}
     * @param mean μ for {@link BiasTerms#MEAN}, normally the mean training rating
     * @param seed the seed of the draws
     * @return a depth-2 {@link FactoredProduct}
     */
    public static FactoredProduct initialModel(int rows, int cols, int rank, BiasTerms biasTerms, double mean,
                                               long seed) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("matrix size must be positive, got " + rows + "x" + cols);
        }
        if (rank < 1) {
            throw new IllegalArgumentException("rank must be at least 1, got " + rank);
        }
        if (biasTerms == BiasTerms.MEAN_AND_BIASES) {
            throw new IllegalArgumentException("AlsRule learns no biases: use BiasTerms.NONE or MEAN");
        }
        if (!Double.isFinite(mean)) {
            throw new IllegalArgumentException("mean must be finite, got " + mean);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        return FactoredProduct.ofFactors(rows, cols, 2, biasTerms, mean,
                List.of(unitRows(rows, rank, rng), unitRows(cols, rank, rng)));
    }

    private static Matrix unitRows(int n, int k, SplittableRandom rng) {
        Matrix m = FactorArrays.gaussian(n, k, 1.0, rng);
        for (int r = 0; r < n; r++) {
            double norm = 0;
            for (int t = 0; t < k; t++) {
                norm += m.get(r, t) * m.get(r, t);
            }
            norm = Math.sqrt(norm);
            for (int t = 0; t < k; t++) {
                m.set(r, t, m.get(r, t) / norm);
            }
        }
        return m;
    }

    /** @return λ */
    public double reg() {
        return reg;
    }

    @Override
    public void init(Parameterization parameterization, Objective objective) {
        FactoredProduct model = RatingData.model(parameterization, NAME, BiasTerms.NONE, BiasTerms.MEAN);
        data = RatingData.of(objective, model, NAME);
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
        double penalty = weightedSquares(model.factors().get(0), data.userPtr)
                + weightedSquares(model.factors().get(1), data.itemPtr);
        return s + reg * penalty;
    }

    /** @return Σ_rows n_row ‖row‖² with n_row = ptr[row+1] − ptr[row] */
    private static double weightedSquares(Matrix x, int[] ptr) {
        double[] v = x.toArray();
        int k = x.cols();
        double s = 0;
        for (int r = 0; r + 1 < ptr.length; r++) {
            s += (ptr[r + 1] - ptr[r]) * FactorArrays.sumOfSquares(v, r * k, (r + 1) * k);
        }
        return s;
    }

    @Override
    public void update(Parameterization parameterization, Objective objective) {
        FactoredProduct model = (FactoredProduct) parameterization;
        int k = model.width();
        double mu = model.mean();
        double[] centred = new double[data.size()];
        for (int e = 0; e < centred.length; e++) {
            centred[e] = data.targets[e] - mu;
        }
        Matrix uMatrix = model.factors().get(0);
        Matrix vMatrix = model.factors().get(1);
        double[] v = vMatrix.toArray();
        double[] u = new double[uMatrix.size()];
        solveAll(data.userPtr, data.byUser, data.item, centred, v, k, reg, u);
        FactorArrays.store(u, uMatrix);
        solveAll(data.itemPtr, data.byItem, data.user, centred, u, k, reg, v);
        FactorArrays.store(v, vMatrix);
        model.afterUpdate();
    }

    /** Solves every row of one side, the two halves (balanced by ratings) on {@link Workers}. */
    private static void solveAll(int[] ptr, int[] order, int[] other, double[] y, double[] fixed, int k,
                                 double reg, double[] out) {
        int n = ptr.length - 1;
        int split = RatingData.balancedSplit(ptr);
        Workers.run(() -> solveRange(ptr, order, other, y, fixed, k, reg, 0, split, out),
                () -> solveRange(ptr, order, other, y, fixed, k, reg, split, n, out));
    }

    /**
     * For rows j in [from, to): out_j = (Σ_{e∈R(j)} x_e x_eᵀ + λ n_j I)⁻¹ Σ_{e∈R(j)} y_e x_e with
     * x_e = fixed_{other(e)}, or 0 when R(j) is empty.
     *
     * @param ptr row j's entries are order[ptr[j] .. ptr[j+1])
     * @param order entry indices grouped by row
     * @param other for each entry, the row of {@code fixed} it pairs with
     * @param y targets per entry (centred)
     * @param fixed the other side's factor, row-major with width k
     * @param k rank
     * @param reg λ
     * @param from first row
     * @param to end row (exclusive)
     * @param out this side's factor, row-major with width k; rows [from, to) overwritten
     */
    static void solveRange(int[] ptr, int[] order, int[] other, double[] y, double[] fixed, int k, double reg,
                           int from, int to, double[] out) {
        double[] gram = new double[k * k];
        for (int j = from; j < to; j++) {
            int n = ptr[j + 1] - ptr[j];
            int oo = j * k;
            Arrays.fill(out, oo, oo + k, 0.0);
            if (n == 0) {
                continue;
            }
            Arrays.fill(gram, 0.0);
            for (int p = ptr[j]; p < ptr[j + 1]; p++) {
                int e = order[p];
                int xo = other[e] * k;
                double ye = y[e];
                for (int a = 0; a < k; a++) {
                    double xa = fixed[xo + a];
                    out[oo + a] += ye * xa;
                    int ga = a * k;
                    for (int b = 0; b <= a; b++) {
                        gram[ga + b] += xa * fixed[xo + b];
                    }
                }
            }
            double ridge = reg * n;
            for (int a = 0; a < k; a++) {
                gram[a * k + a] += ridge;
            }
            DenseCholesky.factor(gram, k);
            DenseCholesky.solve(gram, k, out, oo);
        }
    }

    @Override
    public double lastStepSize() {
        return 1.0;
    }

    @Override
    public AlsRule copy() {
        return new AlsRule(reg);
    }

    @Override
    public String toString() {
        return "AlsRule(reg=" + reg + ")";
    }
}
