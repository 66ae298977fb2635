package dev.tacit.baseline;

import dev.tacit.linalg.Matrix;

/**
 * The constraint side of the ADMM splitting used by {@link NuclearNormMinimization}: everything but the
 * nuclear-norm proximal step. ADMM solves {@code min ‖X‖_* + I_C(Z)} subject to {@code X = Z} (plus, for
 * sensing, an auxiliary measurement block); an implementation owns Z, the scaled dual variables and the
 * constraint data, performs the Z-update and the dual update for a given new X, and reports the squared
 * norms the stopping rule and the penalty adaptation need. All quantities are in the internal,
 * normalized units (observations scaled to unit root-mean-square).
 */
abstract class Splitting {

    /** ‖r‖²: squared primal residual of the last update. */
    double primalResidualSq;
    /** ‖B(z⁺ − z)‖²: squared change of the second block; the dual residual is ρ times its root. */
    double changeSq;
    /** ‖A x⁺‖²: squared norm of the first block (X and, for sensing, w). */
    double firstBlockSq;
    /** ‖B z⁺‖²: squared norm of the second block (Z and, for sensing, 𝒜 vec Z). */
    double secondBlockSq;
    /** ‖Aᵀ u‖²: squared norm of the scaled dual variables (the unscaled dual is ρ times this). */
    double dualSq;

    /** @return p, the number of variables of one block (n₁n₂, plus m for sensing) */
    abstract int dimension();

    /** @return Z, the copy of X constrained to the feasible set (read only) */
    abstract Matrix z();

    /** @return U, the scaled dual variable of the constraint X = Z (read only) */
    abstract Matrix dual();

    /**
     * One ADMM half-step after the X-update: updates Z (and any auxiliary variables) and the scaled
     * dual variables, and sets the residual fields.
     *
     * @param x the new X (not modified)
     * @param alpha over-relaxation parameter α ∈ (0, 2): X⁺ is replaced by αX⁺ + (1 − α)Z in the
     *     Z- and dual updates (1 = plain ADMM)
     */
    abstract void update(Matrix x, double alpha);

    /**
     * Feasibility restoration: moves {@code x} by the least-norm correction that brings every
     * constrained quantity (entry or measurement) to the nearest point of its interval.
     *
     * @param x modified in place
     */
    abstract void restore(Matrix x);

    /** Multiplies every scaled dual variable by {@code factor} (when ρ is divided by it). */
    abstract void scaleDuals(double factor);

    /** @return max over constraints of (|residual| − δ)₊ at {@code x}, normalized units */
    abstract double maxViolation(Matrix x);
}
