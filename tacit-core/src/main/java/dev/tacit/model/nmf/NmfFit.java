package dev.tacit.model.nmf;

import dev.tacit.fit.FitResult;
import dev.tacit.fit.StopReason;
import dev.tacit.linalg.Matrix;

/**
 * The outcome of {@link Nmf#fit}.
 *
 * <p>Convergence: the sklearn stopping rules run as a listener ({@link NmfStopping}), so a run that
 * met the tolerance ends with {@link StopReason#LISTENER}; a run that used all {@code max_iter} sweeps
 * ends with {@link StopReason#MAX_ITERATIONS} (also when the rule would have fired at that last sweep:
 * sklearn then warns "Maximum number of iterations reached" too). {@link #converged()} is
 * {@code stopReason == LISTENER}.
 *
 * @param w W (n×k), a copy
 * @param h H (k×m), a copy
 * @param iterations sweeps applied (sklearn's {@code n_iter_})
 * @param objectiveHistory F(W_t, H_t) (divergence + penalty) for t = 0 … iterations
 * @param converged whether the stopping rule fired before {@code max_iter}
 * @param reconstructionError sklearn's {@code reconstruction_err_} = √(2·D_β(X‖WH))
 * @param relativeError ‖X − WH‖_F / ‖X‖_F (whatever the loss)
 * @param seconds wall time of the initialization and the training loop
 * @param trainerResult the {@link FitResult} of the Trainer run (history and stop reason)
 * @param volumeWeight λ' of {@link NmfSolver#MIN_VOLUME} (the objective is then ½‖X − WH‖² +
 *     (λ'/2)·log det(HHᵀ + δI)) and {@link NmfSolver#MAX_VOLUME} (minus that term); NaN for the other solvers
 */
public record NmfFit(Matrix w, Matrix h, long iterations, double[] objectiveHistory, boolean converged,
                     double reconstructionError, double relativeError, double seconds, FitResult trainerResult,
                     double volumeWeight) {

    /** @return why the run ended */
    public StopReason stopReason() {
        return trainerResult.stopReason();
    }

    /** @return the final objective F(W, H) */
    public double objective() {
        return objectiveHistory[objectiveHistory.length - 1];
    }

    static boolean isConverged(FitResult r) {
        return r.stopReason() == StopReason.LISTENER;
    }
}
