package dev.tacit.model.nmf;

/**
 * Settings of {@link Nmf#fit}, with scikit-learn's {@code NMF} defaults: solver
 * {@link NmfSolver#COORDINATE_DESCENT} ({@code "cd"}), loss {@link NmfLoss#FROBENIUS}, init
 * {@link NmfInit#NNDSVDA} (sklearn's {@code init=None} when k ≤ min(n, m)), {@code max_iter}
 * {@value #DEFAULT_MAX_ITERATIONS}, {@code tol} {@value #DEFAULT_TOLERANCE}, no penalty, seed
 * {@value #DEFAULT_SEED}.
 *
 * @param solver the solver
 * @param loss the divergence
 * @param init the initialization
 * @param maxIterations sklearn's {@code max_iter} ≥ 0 (sweeps)
 * @param tolerance sklearn's {@code tol} ≥ 0 (see {@link NmfStopping})
 * @param penalty α_W, α_H, l1_ratio
 * @param seed seed of the random draws (random inits, randomized SVD)
 * @param volume λ, δ and inner iterations of {@link NmfSolver#MIN_VOLUME} and {@link NmfSolver#MAX_VOLUME}
 *     (ignored by the other solvers; default {@link VolumeSettings#DEFAULT})
 */
public record NmfSettings(NmfSolver solver, NmfLoss loss, NmfInit init, long maxIterations, double tolerance,
                          NmfPenalty penalty, long seed, VolumeSettings volume) {

    /** sklearn's {@code max_iter}. */
    public static final long DEFAULT_MAX_ITERATIONS = 200;
    /** sklearn's {@code tol}. */
    public static final double DEFAULT_TOLERANCE = 1e-4;
    /** The default seed. */
    public static final long DEFAULT_SEED = 0L;
    /** sklearn's default {@code solver="cd"}. */
    public static final NmfSolver DEFAULT_SOLVER = NmfSolver.COORDINATE_DESCENT;
    /** sklearn's default {@code beta_loss="frobenius"}. */
    public static final NmfLoss DEFAULT_LOSS = NmfLoss.FROBENIUS;
    /** sklearn's default {@code init=None}, i.e. nndsvda when k ≤ min(n, m). */
    public static final NmfInit DEFAULT_INIT = NmfInit.NNDSVDA;

    /** Validates the settings. */
    public NmfSettings {
        if (solver == null || loss == null || init == null || penalty == null || volume == null) {
            throw new IllegalArgumentException("solver, loss, init, penalty and min-volume settings must not be null");
        }
        if (maxIterations < 0) {
            throw new IllegalArgumentException("max iterations must be non-negative, got " + maxIterations);
        }
        if (!(tolerance >= 0) || !Double.isFinite(tolerance)) {
            throw new IllegalArgumentException("tolerance must be non-negative and finite, got " + tolerance);
        }
    }

    /** @return sklearn's defaults */
    public static NmfSettings defaults() {
        return new NmfSettings(DEFAULT_SOLVER, DEFAULT_LOSS, DEFAULT_INIT, DEFAULT_MAX_ITERATIONS,
                DEFAULT_TOLERANCE, NmfPenalty.NONE, DEFAULT_SEED,
                VolumeSettings.DEFAULT);
    }

    /** @param s the solver @return a copy with it */
    public NmfSettings withSolver(NmfSolver s) {
        return new NmfSettings(s, loss, init, maxIterations, tolerance, penalty, seed, volume);
    }

    /** @param l the loss @return a copy with it */
    public NmfSettings withLoss(NmfLoss l) {
        return new NmfSettings(solver, l, init, maxIterations, tolerance, penalty, seed, volume);
    }

    /** @param i the initialization @return a copy with it */
    public NmfSettings withInit(NmfInit i) {
        return new NmfSettings(solver, loss, i, maxIterations, tolerance, penalty, seed, volume);
    }

    /** @param n max sweeps @return a copy with it */
    public NmfSettings withMaxIterations(long n) {
        return new NmfSettings(solver, loss, init, n, tolerance, penalty, seed, volume);
    }

    /** @param tol sklearn's tol (0 = run all sweeps, as sklearn) @return a copy with it */
    public NmfSettings withTolerance(double tol) {
        return new NmfSettings(solver, loss, init, maxIterations, tol, penalty, seed, volume);
    }

    /** @param p the penalties @return a copy with them */
    public NmfSettings withPenalty(NmfPenalty p) {
        return new NmfSettings(solver, loss, init, maxIterations, tolerance, p, seed, volume);
    }

    /** @param s the seed @return a copy with it */
    public NmfSettings withSeed(long s) {
        return new NmfSettings(solver, loss, init, maxIterations, tolerance, penalty, s, volume);
    }

    /** @param v the volume settings @return a copy with them */
    public NmfSettings withVolume(VolumeSettings v) {
        return new NmfSettings(solver, loss, init, maxIterations, tolerance, penalty, seed, v);
    }
}
