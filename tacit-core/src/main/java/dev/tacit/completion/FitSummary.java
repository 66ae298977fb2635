package dev.tacit.completion;

import dev.tacit.fit.StopReason;

/**
 * How a completion fit went.
 *
 * @param epochs epochs (sweeps) run
 * @param bestEpoch the epoch whose parameters were kept (early stopping), or the last one
 * @param validationRmse RMSE on the validation split at that epoch (NaN without one)
 * @param stopReason why training stopped (null for a loaded model)
 * @param seconds wall time of training
 */
public record FitSummary(long epochs, long bestEpoch, double validationRmse, StopReason stopReason, double seconds) {

    static FitSummary loaded() {
        return new FitSummary(0, 0, Double.NaN, null, 0);
    }
}
