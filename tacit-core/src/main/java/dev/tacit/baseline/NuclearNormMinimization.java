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
 * solve with cvxpy/SCS ({@code cvx_opt}); here a pure-Java ADMM on the {@link Matrix} API. Immutable:
 * one instance can solve many problems, also concurrently.
 *
 * <h2>Problems</h2>
 * <pre>
 *   completion:  minimize ‖X‖_*  subject to  |X_ij − y_ij| ≤ δ   for (i,j) ∈ Ω
 *   sensing:     minimize ‖X‖_*  subject to  |⟨A_k, X⟩ − y_k| ≤ δ   for k = 1..m
 * </pre>
 * with {@code ‖X‖_* = Σσ_i(X)}, {@code ⟨A, X⟩ = Σ_ij A_ij X_ij} and δ = {@link #DEFAULT_TOLERANCE} (the
 * paper's 1e-3) by default; δ = 0 gives equality constraints.
 *
 * <h2>Algorithm</h2>
 * Scaled-form ADMM (Boyd, Parikh, Chu, Peleato, Eckstein, "Distributed Optimization and Statistical
 * Learning via the Alternating Direction Method of Multipliers", Found. Trends Mach. Learn. 3(1), 2011,
 * §3.1.1) on the splitting {@code minimize ‖X‖_* + I_C(Z) subject to X = Z}, where C is the feasible set
 * and I_C its indicator, with penalty ρ &gt; 0 and over-relaxation α (§3.4.3):
 * <pre>
 *   X⁺ = D_{1/ρ}(Z − U)                singular value soft-thresholding
 *   X̂  = αX⁺ + (1 − α)Z                over-relaxation (α = 1: plain ADMM)
 *   Z⁺ = Π_C(X̂ + U)                    projection onto the constraints
 *   U⁺ = U + X̂ − Z⁺                    scaled dual update (the multiplier is ρU)
 * </pre>
 * where {@code D_τ(V) = P·diag((σ_i − τ)₊)·Qᵀ} for {@code V = P·diag(σ)·Qᵀ} is the proximal operator of
 * τ‖·‖_* (Cai, Candès, Shen, "A Singular Value Thresholding Algorithm for Matrix Completion", SIAM J.
 * Optim. 20(4), 2010, Theorem 2.1), computed with one thin SVD per iteration.
 *
 * <p><b>Completion.</b> The projection is closed form: observed entries of X̂ + U are clipped to
 * [y_ij − δ, y_ij + δ]; unobserved entries are free, so Z copies them (and U stays 0 there).
 *
 * <p><b>Sensing.</b> The projection onto {@code {Z : |𝒜 vec Z − y| ≤ δ}} is not closed form, so the
 * measurement vector becomes a variable {@code w} of the first block:
 * <pre>
 *   minimize ‖X‖_* + I_B(w)  subject to  X = Z,  w = 𝒜 vec Z,        B = {w : |w − y| ≤ δ}
 *   X⁺ = D_{1/ρ}(Z − U),      w⁺ = Π_B(𝒜 vec Z − u)                (then relaxed as above: X̂, ŵ)
 *   Z⁺ = argmin ½‖X̂ + U − Z‖² + ½‖ŵ + u − 𝒜 vec Z‖² = (I + 𝒜ᵀ𝒜)⁻¹(v + 𝒜ᵀb),   v = vec(X̂ + U), b = ŵ + u
 *      = v + 𝒜ᵀc,   c = (I + 𝒜𝒜ᵀ)⁻¹(b − 𝒜v),   and then 𝒜 vec Z⁺ = b − c        (Woodbury, m ≤ n₁n₂)
 *   U⁺ = U + X̂ − Z⁺,   u⁺ = u + ŵ − 𝒜 vec Z⁺
 * </pre>
 * This is still two-block ADMM with exact updates (an "inner projection using 𝒜𝒜ᵀ"): the m×m matrix
 * {@code I + 𝒜𝒜ᵀ} (or {@code I + 𝒜ᵀ𝒜} when m &gt; n₁n₂) does not depend on ρ and is Cholesky-factored once,
 * blocked, with the products on the backend. An iteration then costs one SVD, two passes over 𝒜 and a
 * pair of triangular solves.
 *
 * <p><b>Penalty.</b> Residual balancing (Boyd et al. 2011, §3.4.1): with the primal residual
 * {@code r = (X⁺ − Z⁺[, w⁺ − 𝒜 vec Z⁺])} and the dual residual {@code s = ρ·(Z⁺ − Z[, 𝒜 vec(Z⁺ − Z)])},
 * after every iteration
 * <pre>
 *   ρ ← τρ, U ← U/τ   if ‖r‖ &gt; μ‖s‖;        ρ ← ρ/τ, U ← τU   if ‖s‖ &gt; μ‖r‖;        μ = 10, τ = 2
 * </pre>
 * ({@link #BALANCE_RATIO}, {@link #PENALTY_FACTOR}; all scaled duals, u included, are rescaled).
 *
 * <p><b>Stopping rule</b> (Boyd et al. 2011, §3.3.1, relative form, ε = the convergence tolerance):
 * <pre>
 *   ‖r‖ ≤ ε·(max(‖(X⁺[, w⁺])‖, ‖(Z⁺[, 𝒜 vec Z⁺])‖) + η√p)    and    ‖s‖ ≤ ε·(ρ‖(U[, u])‖ + η√p),
 * </pre>
 * p the number of variables of a block (n₁n₂ [+ m]) and η = {@value #ABSOLUTE_FLOOR} an absolute floor
 * (Boyd's ε_abs = ηε) that only matters when the solution is near 0.
 *
 * <p><b>Result.</b> The last X⁺ (exactly low rank) satisfies the constraints only up to the primal
 * residual, so it is finally moved by the least-norm correction that puts every violated entry
 * (completion: clipping, i.e. Π_C(X⁺)) or measurement (sensing: {@code X ← X + 𝒜ᵀ(𝒜𝒜ᵀ)⁻¹e}, e the
 * clipping defect of 𝒜 vec X, by preconditioned conjugate gradients) at the nearest end of its interval.
 * The returned solution is therefore feasible up to rounding (its violation is reported); its nuclear
 * norm is an upper bound on the optimum, within about 1e-4 relative of it at ε = 1e-4 for the paper's
 * settings (smaller ε: closer). For m &gt; n₁n₂ sensing measurements the correction is a repeated least-squares
 * step and exact feasibility is not guaranteed.
 *
 * <p><b>Scaling.</b> Internally the observations y and δ are divided by the root-mean-square of y (the
 * problem is positively homogeneous, so this changes only the units of ρ); ρ₀ and ε refer to the scaled
 * problem, everything reported to the original units.
 *
 * <p><b>Cost.</b> Completion, n₁ = n₂ = 100: one 100×100 SVD per iteration (about 3–4 ms on the native
 * backend), a few hundred to a few thousand iterations. Sensing, n₁n₂ = 10⁴: memory-bandwidth bound (two
 * passes over the 8·m·n₁n₂-byte operator per iteration), plus a set-up of m²·n₁n₂/2 multiply-adds that
 * temporarily holds a second copy of 𝒜.
 */
public final class NuclearNormMinimization {

    /** δ: the half-width of the constraint interval, 1e-3 as in the official code ({@code cvx_opt}). */
    public static final double DEFAULT_TOLERANCE = 1e-3;
    /** Iteration budget. */
    public static final int DEFAULT_MAX_ITERATIONS = 10_000;
    /** ε: relative tolerance on the primal and dual residuals (of the order of SCS's default tolerances). */
    public static final double DEFAULT_CONVERGENCE_TOLERANCE = 1e-4;
    /** ρ₀: initial penalty, for the problem scaled to unit root-mean-square observations. */
    public static final double DEFAULT_INITIAL_PENALTY = 1.0;
    /** α: over-relaxation parameter in (0, 2) (Boyd et al. 2011 §3.4.3 suggest 1.5–1.8). */
    public static final double DEFAULT_RELAXATION = 1.6;
    /** η: the absolute floor of the stopping rule, per variable, relative to ε (scaled problem). */
    public static final double ABSOLUTE_FLOOR = 1e-3;
    /** μ of residual balancing: ρ changes when one residual exceeds μ times the other. */
    public static final double BALANCE_RATIO = 10.0;
    /** τ of residual balancing: the factor by which ρ changes. */
    public static final double PENALTY_FACTOR = 2.0;

    private final double tolerance;
    private final int maxIterations;
    private final double convergenceTolerance;
    private final double initialPenalty;
    private final double relaxation;

    private NuclearNormMinimization(Builder b) {
        this.tolerance = b.tolerance;
        this.maxIterations = b.maxIterations;
        this.convergenceTolerance = b.convergenceTolerance;
        this.initialPenalty = b.initialPenalty;
        this.relaxation = b.relaxation;
    }

    /** @return a builder holding the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a solver with all defaults */
    public static NuclearNormMinimization withDefaults() {
        return builder().build();
    }

    /** @return δ, the half-width of the constraint interval */
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

    /** @return ρ₀, the initial penalty (scaled problem) */
    public double initialPenalty() {
        return initialPenalty;
    }

    /** @return α, the over-relaxation parameter */
    public double relaxation() {
        return relaxation;
    }

    /**
     * Solves {@code minimize ‖X‖_* subject to |X_ij − y_ij| ≤ δ, (i,j) ∈ Ω}.
     *
     * @param sample the observed entries Ω and values y (not modified)
     * @return the minimizer found, with its diagnostics
     */
    public NuclearNormResult complete(EntrySample sample) {
        long start = System.nanoTime();
        double scale = rms(sample.values());
        CompletionSplitting splitting = new CompletionSplitting(sample, scale, tolerance);
        return solve(splitting, sample.rows(), sample.cols(), scale, start);
    }

    /**
     * Solves {@code minimize ‖X‖_* subject to |⟨A_k, X⟩ − y_k| ≤ δ, k = 1..m}.
     *
     * @param data the measurement operator 𝒜 and values y (not modified)
     * @return the minimizer found, with its diagnostics
     * @throws ArithmeticException if the Gram matrix cannot be factored (e.g. a non-finite operator)
     */
    public NuclearNormResult sense(LinearMeasurements data) {
        long start = System.nanoTime();
        double scale = rms(data.values());
        SensingSplitting splitting = new SensingSplitting(data, scale, tolerance);
        return solve(splitting, data.rows(), data.cols(), scale, start);
    }

    /** The ADMM loop shared by both problems, then the feasibility correction. */
    private NuclearNormResult solve(Splitting splitting, int rows, int cols, double scale, long start) {
        Matrix v = Matrix.zeros(rows, cols);
        Matrix x = Matrix.zeros(rows, cols);
        double rho = initialPenalty;
        double floor = ABSOLUTE_FLOOR * Math.sqrt(splitting.dimension());
        boolean converged = false;
        int iterations = 0;
        while (iterations < maxIterations) {
            iterations++;
            // X⁺ = D_{1/ρ}(Z − U)
            v.copyFrom(splitting.z());
            v.addScaled(-1.0, splitting.dual());
            shrink(v, 1.0 / rho, x);
            // Z⁺ and the dual variables (and, for sensing, the measurement block)
            splitting.update(x, relaxation);
            double primal = Math.sqrt(splitting.primalResidualSq);
            double dual = rho * Math.sqrt(splitting.changeSq);
            double primalBound = convergenceTolerance
                    * (Math.sqrt(Math.max(splitting.firstBlockSq, splitting.secondBlockSq)) + floor);
            double dualBound = convergenceTolerance * (rho * Math.sqrt(splitting.dualSq) + floor);
            if (primal <= primalBound && dual <= dualBound) {
                converged = true;
                break;
            }
            if (primal > BALANCE_RATIO * dual) {
                rho *= PENALTY_FACTOR;
                splitting.scaleDuals(1.0 / PENALTY_FACTOR);
            } else if (dual > BALANCE_RATIO * primal) {
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
     * @param out receives D_τ(v) (same shape as v, not v itself)
     * @return ‖D_τ(v)‖_* = Σ(σ_i − τ)₊
     */
    static double shrink(Matrix v, double threshold, Matrix out) {
        Svd svd = v.svd(SvdMode.THIN);
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
        // P ← P·diag((σ − τ)₊), in place in the SVD's own factor
        Matrix p = svd.u();
        int r = svd.size();
        for (int i = 0; i < p.rows(); i++) {
            for (int j = 0; j < r; j++) {
                p.set(i, j, j < k ? p.get(i, j) * (svd.value(j) - threshold) : 0.0);
            }
        }
        Matrix.multiply(Transpose.NO, p, Transpose.NO, svd.vt(), out);
        return nuclear;
    }

    /** @return the root-mean-square of y, or 1 when it is 0, not finite, or y is empty */
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
        private double initialPenalty = DEFAULT_INITIAL_PENALTY;
        private double relaxation = DEFAULT_RELAXATION;

        private Builder() {
        }

        /**
         * @param delta δ ≥ 0, the half-width of the constraint interval (0: equality constraints)
         * @return this
         */
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
                throw new IllegalArgumentException("convergenceTolerance must be finite and positive, got "
                        + epsilon);
            }
            this.convergenceTolerance = epsilon;
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

        /** @param alpha over-relaxation α in (0, 2), 1 = plain ADMM @return this */
        public Builder relaxation(double alpha) {
            if (!(alpha > 0 && alpha < 2)) {
                throw new IllegalArgumentException("relaxation must be in (0, 2), got " + alpha);
            }
            this.relaxation = alpha;
            return this;
        }

        /** @return the immutable solver */
        public NuclearNormMinimization build() {
            return new NuclearNormMinimization(this);
        }
    }
}
