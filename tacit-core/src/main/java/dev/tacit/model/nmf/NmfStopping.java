package dev.tacit.model.nmf;

import dev.tacit.fit.Decision;
import dev.tacit.fit.History;
import dev.tacit.fit.TrainingListener;
import dev.tacit.fit.TrainingState;

/**
 * scikit-learn's NMF stopping rules as a {@link TrainingListener} (the Trainer must log every
 * iteration; t = sweeps applied so far):
 *
 * <ul>
 *   <li>multiplicative updates ({@code _fit_multiplicative_update}): with e_t = √(2·D_β(X‖W_tH_t))
 *   ({@code _beta_divergence(..., square_root=True)}, penalties excluded), when tol &gt; 0 and t is a
 *   multiple of {@value #MU_CHECK_EVERY}: stop if (e_prev − e_t) / e_0 &lt; tol, else e_prev = e_t
 *   (e_prev starts at e_0);</li>
 *   <li>coordinate descent ({@code _fit_coordinate_descent}): with v_t the sweep's violation
 *   ({@link Nmf#lastViolation()}), v_init = v_1: stop if v_init = 0 or v_t / v_init ≤ tol (checked
 *   also when tol = 0, as sklearn).</li>
 *   <li>minimum and maximum volume (ours; minvolNMF runs a fixed number of sweeps): with F_t the objective including the
 *   volume term, when tol &gt; 0 and t is a multiple of {@value #MU_CHECK_EVERY}: stop if
 *   F_{t−10} − F_t ≤ tol·(F_0 − F_t), i.e. the last ten sweeps gained less than a fraction tol of the
 *   decrease so far (F can be negative, so the scale is the decrease, not F).</li>
 * </ul>
 *
 * A stop is reported as {@link Decision#STOP}, i.e. {@link dev.tacit.fit.StopReason#LISTENER}; at t =
 * max_iter the Trainer's budget check wins ({@link dev.tacit.fit.StopReason#MAX_ITERATIONS}), as sklearn
 * counts a stop at the last sweep as not converged. Stateful: one instance per run.
 */
public final class NmfStopping implements TrainingListener {

    /** sklearn tests the MU criterion every 10 iterations. */
    public static final int MU_CHECK_EVERY = 10;

    private final NmfSolver solver;
    private final NmfObjective objective;
    private final double tolerance;
    private double initial = Double.NaN;
    private double previous = Double.NaN;

    private NmfStopping(NmfSolver solver, NmfObjective objective, double tolerance) {
        if (!(tolerance >= 0) || !Double.isFinite(tolerance)) {
            throw new IllegalArgumentException("tolerance must be non-negative and finite, got " + tolerance);
        }
        this.solver = solver;
        this.objective = objective;
        this.tolerance = tolerance;
    }

    /**
     * @param objective the data and loss (for e_t)
     * @param tolerance sklearn's {@code tol}
     * @return the rule of {@code solver="mu"}
     */
    public static NmfStopping multiplicative(NmfObjective objective, double tolerance) {
        return new NmfStopping(NmfSolver.MULTIPLICATIVE_UPDATE, objective, tolerance);
    }

    /** @param tolerance tol @return the rule of {@link NmfSolver#MIN_VOLUME} and {@link NmfSolver#MAX_VOLUME} */
    public static NmfStopping volume(double tolerance) {
        return new NmfStopping(NmfSolver.MIN_VOLUME, null, tolerance);
    }

    /** @param tolerance sklearn's {@code tol} @return the rule of {@code solver="cd"} */
    public static NmfStopping coordinateDescent(double tolerance) {
        return new NmfStopping(NmfSolver.COORDINATE_DESCENT, null, tolerance);
    }

    @Override
    public Decision onLog(TrainingState state, History history) {
        Nmf model = (Nmf) state.parameterization();
        long t = state.iteration();
        if (solver == NmfSolver.COORDINATE_DESCENT) {
            if (t < 1) {
                return Decision.CONTINUE;
            }
            double v = model.lastViolation();
            if (t == 1) {
                initial = v;
            }
            return initial == 0.0 || v / initial <= tolerance ? Decision.STOP : Decision.CONTINUE;
        }
        if (solver == NmfSolver.MIN_VOLUME || solver == NmfSolver.MAX_VOLUME) {
            if (t == 0) {
                initial = state.trainLoss();
                previous = initial;
            } else if (tolerance > 0 && t % MU_CHECK_EVERY == 0) {
                double f = state.trainLoss();
                if (previous - f <= tolerance * (initial - f)) {
                    return Decision.STOP;
                }
                previous = f;
            }
            return Decision.CONTINUE;
        }
        if (t == 0) {
            initial = objective.reconstructionError(model);
            previous = initial;
            return Decision.CONTINUE;
        }
        if (tolerance > 0 && t % MU_CHECK_EVERY == 0) {
            double e = objective.reconstructionError(model);
            if ((previous - e) / initial < tolerance) {
                return Decision.STOP;
            }
            previous = e;
        }
        return Decision.CONTINUE;
    }
}
