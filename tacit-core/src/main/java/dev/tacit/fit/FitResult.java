package dev.tacit.fit;

import dev.tacit.model.Parameterization;

/**
 * The outcome of {@link Trainer#fit}: returned, never only logged.
 *
 * @param parameterization the final parameters
 * @param history the logged records (always includes the first and the last iteration)
 * @param stopReason why the run ended
 * @param iterations number of updates applied
 * @param trainLoss training loss at the final parameters
 * @param seconds wall time of the training loop, diagnostics included
 */
public record FitResult(Parameterization parameterization, History history, StopReason stopReason,
                        long iterations, double trainLoss, double seconds) {

    /** @return whether the loss reached the tolerance */
    public boolean converged() {
        return stopReason == StopReason.TOLERANCE;
    }
}
