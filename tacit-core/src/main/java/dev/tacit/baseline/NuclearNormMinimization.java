package dev.tacit.baseline;

import dev.tacit.data.EntrySample;
import dev.tacit.data.LinearMeasurements;
import dev.tacit.diagnostics.Spectra;
import dev.tacit.linalg.Matrix;
import dev.tacit.linalg.Svd;
import dev.tacit.linalg.SvdMode;
import dev.tacit.linalg.Transpose;

/**
 * The nuclear-norm minimization baseline of Arora, Cohen, Hu, Luo (NeurIPS 2019), which the authors
 * solve with cvxpy/SCS; here a pure-Java ADMM on the {@link Matrix} API. Immutable; one instance can
 * solve many problems, concurrently.
 *
 * <h2>Problems</h2>
 * <pre>
 *   completion:  minimize ‖X‖_*  subject to  |X_ij − y_ij| ≤ δ   for (i,j) ∈ Ω
 *   sensing:     minimize ‖X‖_*  subject to  |⟨A_k, X⟩ − y_k| ≤ δ   for k = 1..m
 * </pre>
 * with {@code ‖X‖_* = Σσ_i(X)} and δ = {@link #DEFAULT_TOLERANCE} (the paper's 1e-3) by default.
 *
 * <h2>Algorithm</h2>
 * Scaled-form ADMM (Boyd, Parikh, Chu, Peleato, Eckstein, "Distributed Optimization and Statistical
 * Learning via the Alternating Direction Method of Multipliers", 2011, §3.1) on the splitting
 * {@code minimize ‖X‖_* + I_C(Z) subject to X = Z}, C the feasible set, with penalty ρ &gt; 0:
 * <pre>
 *   X⁺ = D_{1/ρ}(Z − U)          singular value soft-thresholding
 *   Z⁺ = Π_C(X⁺ + U)             projection onto the constraints
 *   U⁺ = U + X⁺ − Z⁺             scaled dual update (the multiplier is ρU)
 * </pre>
 * where {@code D_τ(V) = P·diag((σ_i − τ)₊)·Qᵀ} for {@code V = P·diag(σ)·Qᵀ} is the proximal operator of
 * τ‖·‖_* (Cai, Candès, Shen, "A Singular Value Thresholding Algorithm for Matrix Completion", SIAM J.
 * Optim. 20(4), 2010, Theorem 2.1). For completion the projection is closed form: observed entries of
 * X⁺ + U are clipped to [y_ij − δ, y_ij + δ] and unobserved entries are left free. For sensing the
 * projection onto {@code {Z : |𝒜 vec Z − y| ≤ δ}} is not closed form, so the measurement vector
 * {@code w = 𝒜 vec Z} becomes a variable of the first block:
 * <pre>
 *   minimize ‖X‖_* + I_B(w)  subject to  X = Z,  w = 𝒜 vec Z,     B = {w : |w − y| ≤ δ}
 *   X⁺ = D_{1/ρ}(Z − U),   w⁺ = Π_B(𝒜 vec Z − u)
 *   Z⁺ = (I + 𝒜ᵀ𝒜)⁻¹(vec(X⁺ + U) + 𝒜ᵀ(w⁺ + u))
 *      = v + 𝒜ᵀ(I + 𝒜𝒜ᵀ)⁻¹(b − 𝒜v),   v = vec(X⁺ + U),  b = w⁺ + u        (Woodbury, m ≤ n₁n₂)
 *   U⁺ = U + X⁺ − Z⁺,   u⁺ = u + w⁺ − 𝒜 vec Z⁺
 * </pre>
 * which is still two-block ADMM, with exact updates: the m×m matrix {@code I + 𝒜𝒜ᵀ} (or
 * {@code I + 𝒜ᵀ𝒜} when m &gt; n₁n₂) does not depend on ρ and is Cholesky-factored once (blocked, products
 * on the backend); each iteration then costs one SVD, two passes over 𝒜 and one triangular solve pair.
 *
 * <p><b>Penalty.</b> Residual balancing (Boyd et al. 2011, §3.4.1): with primal residual
 * {@code r = (X⁺ − Z⁺[, w⁺ − 𝒜z⁺])} and dual residual {@code s = ρ·(Z⁺ − Z[, 𝒜(z⁺ − z)])},
 * <pre>
 *   ρ ← τρ, U ← U/τ   if ‖r‖ &gt; μ‖s‖;      ρ ← ρ/τ, U ← τU   if ‖s‖ &gt; μ‖r‖;      μ = {@value #BALANCE_RATIO}, τ = {@value #PENALTY_FACTOR}.
 * </pre>
 *
 * <p><b>Stopping rule</b> (Boyd et al. 2011, §3.3.1, relative form, ε = convergence tolerance):
 * <pre>
 *   ‖r‖ ≤ ε·max(‖(X⁺[, w⁺])‖, ‖(Z⁺[, 𝒜z⁺])‖),   ‖s‖ ≤ ε·ρ‖(U[, u])‖,   and   max_k (|r_k(X⁺)| − δ)₊ ≤ feasibility tolerance,
 * </pre>
 * the last condition being the constraint violation of the returned X itself (it is the X iterate that is
 * returned, exactly the output of a thresholding step, hence exactly low rank). Internally the problem is
 * scaled so that the observations have unit root-mean-square (the problem is positively homogeneous, so
 * this changes nothing but the units of ρ); the initial penalty, ε and the norms above refer to the
 * scaled problem, the feasibility tolerance and all reported numbers to the original units.
 *
 * <p>Cost for n₁ = n₂ = 100: about one 100×100 SVD per iteration (a few ms with the native backend).
 * Sensing needs 8·m·n₁n₂ bytes of extra memory for the factorization's set-up (a copy of 𝒜 in blocks)
 * and is bound by memory bandwidth (two passes over 𝒜 per iteration).
 */
public final class NuclearNormMinimization {

    /** δ: the half-width of the constraint box, 1e-3 as in the official code ({@code cvx_opt}). */
    public static final double DEFAULT_TOLERANCE = 1e-3;
    /** Iteration budget. */
    public static final int DEFAULT_MAX_ITERATIONS = 20_000;
    /** ε: relative tolerance on the primal and dual residuals. */
    public static final double DEFAULT_CONVERGENCE_TOLERANCE = 1e-6;
    /** Largest constraint violation (in the units of the observations) accepted at convergence. */
    public static final double DEFAULT_FEASIBILITY_TOLERANCE = 1e-7;
    /** Initial ρ, for the problem scaled to unit root-mean-square observations. */
    public static final double DEFAULT_INITIAL_PENALTY = 1.0;
    /** μ of residual balancing: ρ changes when one residual exceeds μ times the other. */
    public static final double BALANCE_RATIO = 10.0;
    /** τ of residual balancing: the factor by which ρ changes. */
    public static final double PENALTY_FACTOR = 2.0;

    private static final boolean RELATIVE = Boolean.getBoolean("nnm.rel");
    private static final double MU = Double.parseDouble(System.getProperty("nnm.mu", "10"));
    private static final int TRACE = Integer.getInteger("nnm.trace", 0);
    private static final double relaxation = Double.parseDouble(System.getProperty("nnm.alpha", "1.6"));
    private final double tolerance;
    private final int maxIterations;
    private final double convergenceTolerance;
    private final double feasibilityTolerance;
    private final double initialPenalty;

    private NuclearNormMinimization(Builder b) {
        this.tolerance = b.tolerance;
        this.maxIterations = b.maxIterations;
        this.convergenceTolerance = b.convergenceTolerance;
        this.feasibilityTolerance = b.feasibilityTolerance;
        this.initialPenalty = b.initialPenalty;
    }

    /** @return a builder holding the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a solver with all defaults */
    public static NuclearNormMinimization withDefaults() {
        return builder().build();
    }

    /** @return δ, the half-width of the constraint box */
    public double tolerance() {
        return tolerance;
    }

    /** @return the iteration budget */
    public int maxIterations() {
        return maxIterations;
    }

    /** @return ε, the relative tolerance on the ADMM residuals */
    public double convergenceTolerance() {
        return convergenceTolerance;
    }

    /** @return the largest constraint violation accepted at convergence (units of the observations) */
    public double feasibilityTolerance() {
        return feasibilityTolerance;
    }

    /** @return the initial ρ (scaled problem) */
    public double initialPenalty() {
        return initialPenalty;
    }

    /**
     * Solves {@code minimize ‖X‖_* subject to |X_ij − y_ij| ≤ δ, (i,j) ∈ Ω}.
     *
     * @param sample the observed entries Ω and values y
     * @return the minimizer found, with its diagnostics
     */
    public NuclearNormResult complete(EntrySample sample) {
        long start = System.nanoTime();
        double[] y = new double[sample.size()];
        for (int k = 0; k < y.length; k++) {
            y[k] = sample.value(k);
        }
        double scale = rms(y);
        CompletionSplitting splitting = new CompletionSplitting(sample, scale, tolerance);
        return solve(splitting, sample.rows(), sample.cols(), scale, start);
    }

    /**
     * Solves {@code minimize ‖X‖_* subject to |⟨A_k, X⟩ − y_k| ≤ δ, k = 1..m}.
     *
     * @param data the measurement operator 𝒜 (not modified) and values y
     * @return the minimizer found, with its diagnostics
     * @throws ArithmeticException if the Gram matrix cannot be factored (non-finite operator)
     */
    public NuclearNormResult sense(LinearMeasurements data) {
        long start = System.nanoTime();
        double scale = rms(data.values());
        SensingSplitting splitting = new SensingSplitting(data, scale, tolerance);
        return solve(splitting, data.rows(), data.cols(), scale, start);
    }

    /** The ADMM loop shared by both problems. */
    private NuclearNormResult solve(Splitting splitting, int rows, int cols, double scale, long start) {
        Matrix v = Matrix.zeros(rows, cols);
        Matrix x = Matrix.zeros(rows, cols);
        double rho = initialPenalty;
        boolean converged = false;
        int iterations = 0;
        while (iterations < maxIterations) {
            iterations++;
            // X⁺ = D_{1/ρ}(Z − U)
            v.copyFrom(splitting.z());
            v.addScaled(-1.0, splitting.dual());
            shrink(v, 1.0 / rho, x);
            // Z⁺, U⁺ (and the measurement block for sensing)
            splitting.update(x, relaxation);
            double primal = Math.sqrt(splitting.primalResidualSq);
            double dual = rho * Math.sqrt(splitting.changeSq);
            double primalBound = convergenceTolerance
                    * Math.sqrt(Math.max(splitting.firstBlockSq, splitting.secondBlockSq));
            double dualBound = convergenceTolerance * rho * Math.sqrt(splitting.dualSq);
            if (TRACE > 0 && iterations % TRACE == 0) {
                System.err.printf("it %d rho %.3e r %.3e (%.3e) s %.3e (%.3e) viol %.3e%n", iterations, rho, primal, primalBound, dual, dualBound, splitting.maxViolation(x) * scale);
            }
            if (primal <= primalBound && dual <= dualBound) {
                converged = true;
                break;
            }
            double rp = RELATIVE ? primal / primalBound : primal;
            double rd = RELATIVE ? dual / dualBound : dual;
            if (rp > MU * rd) {
                rho *= PENALTY_FACTOR;
                splitting.scaleDuals(1.0 / PENALTY_FACTOR);
            } else if (rd > MU * rp) {
                rho /= PENALTY_FACTOR;
                splitting.scaleDuals(PENALTY_FACTOR);
            }
        }
        splitting.restore(x);
        double violation = splitting.maxViolation(x) * scale;
        x.scale(scale);
        double nuclear = Spectra.nuclearNorm(x.singularValues());
        return new NuclearNormResult(x, iterations, converged, violation, nuclear,
                (System.nanoTime() - start) / 1e9);
    }

    /**
     * Singular value soft-thresholding {@code out = D_τ(v) = P·diag((σ − τ)₊)·Qᵀ}.
     *
     * @param v the matrix to shrink (not modified)
     * @param threshold τ ≥ 0
     * @param out receives D_τ(v)
     * @return ‖D_τ(v)‖_* = Σ(σ_i − τ)₊
     */
    static double shrink(Matrix v, double threshold, Matrix out) {
        Svd svd = v.svd(SvdMode.THIN);
        Matrix p = svd.u();
        int k = 0;
        double nuclear = 0;
        while (k < svd.size() && svd.value(k) > threshold) {
            nuclear += svd.value(k) - threshold;
            k++;
        }
        if (k == 0) {
            out.fill(0.0);
            return 0.0;
        }
        int r = svd.size();
        for (int i = 0; i < p.rows(); i++) {
            for (int j = 0; j < r; j++) {
                p.set(i, j, j < k ? p.get(i, j) * (svd.value(j) - threshold) : 0.0);
            }
        }
        Matrix.multiply(Transpose.NO, p, Transpose.NO, svd.vt(), out);
        return nuclear;
    }

    /** @return the root-mean-square of y, or 1 when it is 0 (or y is empty) */
    private static double rms(double[] y) {
        double s = 0;
        for (double t : y) {
            s += t * t;
        }
        double r = y.length == 0 ? 0 : Math.sqrt(s / y.length);
        return r > 0 && Double.isFinite(r) ? r : 1.0;
    }

    /** Settings of a {@link NuclearNormMinimization}; starts from the documented defaults. */
    public static final class Builder {
        private double tolerance = DEFAULT_TOLERANCE;
        private int maxIterations = DEFAULT_MAX_ITERATIONS;
        private double convergenceTolerance = DEFAULT_CONVERGENCE_TOLERANCE;
        private double feasibilityTolerance = DEFAULT_FEASIBILITY_TOLERANCE;
        private double initialPenalty = DEFAULT_INITIAL_PENALTY;

        private Builder() {
        }

        /** @param delta δ ≥ 0, the half-width of the constraint box (0: equality constraints) @return this */
        public Builder tolerance(double delta) {
            if (!(delta >= 0) || !Double.isFinite(delta)) {
                throw new IllegalArgumentException("tolerance must be finite and non-negative, got " + delta);
            }
            this.tolerance = delta;
            return this;
        }

        /** @param iterations iteration budget ≥ 1 @return this */
        public Builder maxIterations(int iterations) {
            if (iterations < 1) {
                throw new IllegalArgumentException("maxIterations must be positive, got " + iterations);
            }
            this.maxIterations = iterations;
            return this;
        }

        /** @param epsilon relative residual tolerance ε &gt; 0 @return this */
        public Builder convergenceTolerance(double epsilon) {
            if (!(epsilon > 0) || !Double.isFinite(epsilon)) {
                throw new IllegalArgumentException("convergenceTolerance must be finite and positive, got " + epsilon);
            }
            this.convergenceTolerance = epsilon;
            return this;
        }

        /** @param violation largest constraint violation accepted at convergence, ≥ 0 @return this */
        public Builder feasibilityTolerance(double violation) {
            if (!(violation >= 0) || !Double.isFinite(violation)) {
                throw new IllegalArgumentException("feasibilityTolerance must be finite and non-negative, got "
                        + violation);
            }
            this.feasibilityTolerance = violation;
            return this;
        }

        /** @param rho initial ADMM penalty ρ₀ &gt; 0 (scaled problem) @return this */
        public Builder initialPenalty(double rho) {
            if (!(rho > 0) || !Double.isFinite(rho)) {
                throw new IllegalArgumentException("initialPenalty must be finite and positive, got " + rho);
            }
            this.initialPenalty = rho;
            return this;
        }

        /** @return the immutable solver */
        public NuclearNormMinimization build() {
            return new NuclearNormMinimization(this);
        }
    }
}
