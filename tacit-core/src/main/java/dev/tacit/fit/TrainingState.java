package dev.tacit.fit;

import dev.tacit.model.Parameterization;

/**
 * What diagnostics and listeners see at a logged iteration.
 *
 * @param iteration number of updates applied so far (0 = the initialization)
 * @param trainLoss ℓ(W(θ_t)) at the current parameters
 * @param stepSize the effective step size of the last update (0 before the first)
 * @param parameterization the current parameters (read only)
 */
public record TrainingState(long iteration, double trainLoss, double stepSize, Parameterization parameterization) {
}
