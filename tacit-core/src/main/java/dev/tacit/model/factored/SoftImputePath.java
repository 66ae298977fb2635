package dev.tacit.model.factored;

import dev.tacit.data.Seeds;
import dev.tacit.fit.Decision;
import dev.tacit.fit.FitResult;
import dev.tacit.fit.Trainer;
import dev.tacit.linalg.EntryKernels;
import dev.tacit.linalg.EntryPattern;
import dev.tacit.linalg.Matrix;
import dev.tacit.objective.EntryLoss;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A warm-started regularization path of {@link SoftImputeRule} fits, as Mazumder, Hastie, Tibshirani
 * (JMLR 2010, Algorithm 1, "for λ₁ &gt; λ₂ &gt; … &gt; λ_K") and the R package {@code softImpute} recommend:
 *
 * <ol>
 *   <li>μ = mean of the training ratings, X = P_Ω(r − μ) (the centred observed sparse matrix);</li>
 *   <li>λ_max = σ₁(X), above which the solution is 0, estimated by {@link #DEFAULT_POWER_ITERATIONS}
 *   power iterations v ← XᵀXv/‖XᵀXv‖ with the sparse kernels of {@link EntryKernels} (an estimate from
 *   below, σ̂ = ‖Xv‖);</li>
 *   <li>the geometric grid λ_l = λ_max·(λ_min/λ_max)^{l/L}, l = 1…L, from just below λ_max down to λ_min
 *   (λ_max itself, whose solution is 0, is skipped); λ_min = λ_max·{@value #DEFAULT_MIN_RATIO} unless
 *   given;</li>
 *   <li>for each λ in decreasing order, the Trainer runs {@link SoftImputeRule} sweeps starting from the
 *   previous λ's solution (the first from {@link SoftImputeRule#initialModel}) until the R package's
 *   convergence ratio ‖ΔW‖²_F/‖W‖²_F of a sweep is below the tolerance or the sweep budget is spent.</li>
 * </ol>
 *
 * The caller picks λ, e.g. by the RMSE of each {@link SoftImputeFit#model()} on a validation set. No
 * n₁×n₂ matrix is formed. Defaults: rank {@value SoftImputeRule#DEFAULT_RANK}, L =
 * {@value #DEFAULT_PATH_LENGTH}, tolerance {@value #DEFAULT_TOLERANCE}, at most {@value #DEFAULT_MAX_SWEEPS}
 * sweeps per λ (the R package's {@code maxit}); the init is drawn from the seed and the power iteration's
 * start vector from {@code Seeds.stream(seed, OTHER)}, so one seed gives one path.
 */
public final class SoftImputePath {

    /** L, the number of λ values. */
    public static final int DEFAULT_PATH_LENGTH = 10;
    /** λ_min / λ_max. */
    public static final double DEFAULT_MIN_RATIO = 0.01;
    /** Stop a λ's fit when ‖ΔW‖²_F/‖W‖²_F of a sweep falls below this. */
    public static final double DEFAULT_TOLERANCE = 1e-4;
    /** Sweep budget per λ (the R package's {@code maxit}). */
    public static final int DEFAULT_MAX_SWEEPS = 100;
    /** Power iterations for λ_max. */
    public static final int DEFAULT_POWER_ITERATIONS = 30;

    private final int rank;
    private final int pathLength;
    private final double minRatio;
    private final double lambdaMin;
    private final double tolerance;
    private final int maxSweeps;
    private final int powerIterations;
    private final long seed;

    private SoftImputePath(Builder b) {
        this.rank = b.rank;
        this.pathLength = b.pathLength;
        this.minRatio = b.minRatio;
        this.lambdaMin = b.lambdaMin;
        this.tolerance = b.tolerance;
        this.maxSweeps = b.maxSweeps;
        this.powerIterations = b.powerIterations;
        this.seed = b.seed;
    }

    /** @return a builder with the defaults and seed 0 */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Fits the path.
     *
     * @param loss the training ratings
     * @return one fit per λ, largest λ first
     */
    public List<SoftImputeFit> fit(EntryLoss loss) {
        EntryPattern pattern = loss.pattern();
        double[] centred = loss.targets();
        double mu = 0;
        for (double r : centred) {
            mu += r;
        }
        mu /= centred.length;
        for (int e = 0; e < centred.length; e++) {
            centred[e] -= mu;
        }
        double lambdaMax = largestSingularValue(pattern, centred, powerIterations, seed);
        if (!(lambdaMax > 0)) {
            throw new IllegalArgumentException("the centred ratings are all zero: there is nothing to fit");
        }
        double low = Double.isNaN(lambdaMin) ? lambdaMax * minRatio : lambdaMin;
        if (!(low < lambdaMax)) {
            throw new IllegalArgumentException("lambda_min " + low + " must be below lambda_max " + lambdaMax);
        }
        Trainer trainer = Trainer.builder().maxIterations(maxSweeps).tolerance(0).logEvery(1)
                .listener((state, history) -> state.iteration() > 0 && state.stepSize() < tolerance
                        ? Decision.STOP : Decision.CONTINUE)
                .build();
        List<SoftImputeFit> fits = new ArrayList<>();
        FactoredProduct current = SoftImputeRule.initialModel(loss.rows(), loss.cols(), rank, mu, seed);
        for (double lambda : lambdas(lambdaMax, low, pathLength)) {
            current = current.copy();
            FitResult result = trainer.fit(current, loss, new SoftImputeRule(lambda));
            fits.add(new SoftImputeFit(lambda, current, result));
        }
        return fits;
    }

    /**
     * λ_l = λ_max·(λ_min/λ_max)^{l/L}, l = 1…L.
     *
     * @param lambdaMax λ_max &gt; 0
     * @param lambdaMin λ_min in (0, λ_max)
     * @param length L ≥ 1
     * @return the grid, decreasing, ending at λ_min
     */
    public static double[] lambdas(double lambdaMax, double lambdaMin, int length) {
        if (!(lambdaMax > 0) || !Double.isFinite(lambdaMax)) {
            throw new IllegalArgumentException("lambda_max must be positive and finite, got " + lambdaMax);
        }
        if (!(lambdaMin > 0) || !(lambdaMin < lambdaMax)) {
            throw new IllegalArgumentException("lambda_min must be in (0, " + lambdaMax + "), got " + lambdaMin);
        }
        if (length < 1) {
            throw new IllegalArgumentException("path length must be at least 1, got " + length);
        }
        double[] out = new double[length];
        for (int l = 1; l <= length; l++) {
            out[l - 1] = lambdaMax * Math.pow(lambdaMin / lambdaMax, (double) l / length);
        }
        out[length - 1] = lambdaMin;
        return out;
    }

    /**
     * Estimates σ₁ of the sparse matrix S with S_{row(e), col(e)} = values_e by power iteration on SᵀS
     * from a Gaussian start vector drawn from {@code Seeds.stream(seed, OTHER)}.
     *
     * @param pattern Ω
     * @param values the entries, length m
     * @param iterations ≥ 1
     * @param seed the seed of the start vector
     * @return ‖S·v‖ for the final unit vector v (≤ σ₁, converging to it); 0 if S = 0
     */
    public static double largestSingularValue(EntryPattern pattern, double[] values, int iterations, long seed) {
        if (values.length != pattern.size()) {
            throw new IllegalArgumentException(values.length + " values for " + pattern.size() + " entries");
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("power iterations must be at least 1, got " + iterations);
        }
        SplittableRandom rng = Seeds.stream(seed, Seeds.Stream.OTHER);
        Matrix v = FactorArrays.gaussian(pattern.cols(), 1, 1.0, rng);
        Matrix u = Matrix.onHeap(pattern.rows(), 1);
        v.scale(1.0 / v.frobeniusNorm());
        for (int t = 0; t < iterations; t++) {
            EntryKernels.rowScatter(pattern, values, v, u);
            EntryKernels.colScatter(pattern, values, u, v);
            double norm = v.frobeniusNorm();
            if (norm == 0) {
                return 0.0;
            }
            v.scale(1.0 / norm);
        }
        EntryKernels.rowScatter(pattern, values, v, u);
        return u.frobeniusNorm();
    }

    /** @return the rank restriction k */
    public int rank() {
        return rank;
    }

    /** @return L */
    public int pathLength() {
        return pathLength;
    }

    /** @return the convergence tolerance per λ */
    public double tolerance() {
        return tolerance;
    }

    /** @return the sweep budget per λ */
    public int maxSweeps() {
        return maxSweeps;
    }

    /** Builder for {@link SoftImputePath}; every setter validates its argument. */
    public static final class Builder {
        private int rank = SoftImputeRule.DEFAULT_RANK;
        private int pathLength = DEFAULT_PATH_LENGTH;
        private double minRatio = DEFAULT_MIN_RATIO;
        private double lambdaMin = Double.NaN;
        private double tolerance = DEFAULT_TOLERANCE;
        private int maxSweeps = DEFAULT_MAX_SWEEPS;
        private int powerIterations = DEFAULT_POWER_ITERATIONS;
        private long seed;

        private Builder() {
        }

        /** @param k rank restriction ≥ 1 @return this */
        public Builder rank(int k) {
            if (k < 1) {
                throw new IllegalArgumentException("rank must be at least 1, got " + k);
            }
            this.rank = k;
            return this;
        }

        /** @param length L ≥ 1 @return this */
        public Builder pathLength(int length) {
            if (length < 1) {
                throw new IllegalArgumentException("path length must be at least 1, got " + length);
            }
            this.pathLength = length;
            return this;
        }

        /** @param ratio λ_min/λ_max in (0, 1); clears an absolute λ_min @return this */
        public Builder minRatio(double ratio) {
            if (!(ratio > 0 && ratio < 1)) {
                throw new IllegalArgumentException("lambda_min / lambda_max must be in (0, 1), got " + ratio);
            }
            this.minRatio = ratio;
            this.lambdaMin = Double.NaN;
            return this;
        }

        /** @param lambda an absolute λ_min &gt; 0 (must be below the data's λ_max), used instead of the ratio @return this */
        public Builder lambdaMin(double lambda) {
            if (!(lambda > 0) || !Double.isFinite(lambda)) {
                throw new IllegalArgumentException("lambda_min must be positive and finite, got " + lambda);
            }
            this.lambdaMin = lambda;
            return this;
        }

        /** @param tol stop a λ's fit when ‖ΔW‖²_F/‖W‖²_F &lt; tol, tol ≥ 0 @return this */
        public Builder tolerance(double tol) {
            if (!(tol >= 0) || !Double.isFinite(tol)) {
                throw new IllegalArgumentException("tolerance must be non-negative and finite, got " + tol);
            }
            this.tolerance = tol;
            return this;
        }

        /** @param sweeps sweep budget per λ ≥ 1 @return this */
        public Builder maxSweeps(int sweeps) {
            if (sweeps < 1) {
                throw new IllegalArgumentException("max sweeps must be at least 1, got " + sweeps);
            }
            this.maxSweeps = sweeps;
            return this;
        }

        /** @param iterations power iterations for λ_max ≥ 1 @return this */
        public Builder powerIterations(int iterations) {
            if (iterations < 1) {
                throw new IllegalArgumentException("power iterations must be at least 1, got " + iterations);
            }
            this.powerIterations = iterations;
            return this;
        }

        /** @param s seed of the init and of the power iteration @return this */
        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /** @return the path */
        public SoftImputePath build() {
            return new SoftImputePath(this);
        }
    }
}
