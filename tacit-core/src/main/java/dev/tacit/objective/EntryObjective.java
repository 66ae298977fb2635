package dev.tacit.objective;

import dev.tacit.linalg.EntryPattern;

/**
 * An objective that reads W only on a fixed set of entries Ω, so that models implementing
 * {@link dev.tacit.model.EntryParameterization} can be trained without forming W: the loss and its
 * gradient are functions of the m predictions ŷ_e = W_{row(e), col(e)}.
 */
public interface EntryObjective extends Objective {

    /** @return Ω, the entries the loss reads */
    EntryPattern pattern();

    /**
     * @param predictions ŷ_e for every entry of {@link #pattern()} (not modified)
     * @param gradient ∂ℓ/∂ŷ_e (length m, overwritten)
     * @return ℓ(ŷ)
     */
    double valueAndGradient(double[] predictions, double[] gradient);

    /**
     * @param predictions ŷ_e
     * @return ℓ(ŷ)
     */
    double value(double[] predictions);
}
