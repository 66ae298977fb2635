package dev.tacit.fit;

import dev.tacit.model.Parameterization;
import dev.tacit.objective.Objective;

/**
 * One iteration of a training method, split in two so that the trainer can log and check stopping
 * rules on the loss at θ_t before θ_{t+1} is computed: {@link #evaluate} computes ℓ(θ_t) (and whatever
 * the update needs, e.g. the gradient), {@link #update} moves to θ_{t+1}. Gradient steps and
 * closed-form or multiplicative rules share this interface, so every family trains with one Trainer.
 *
 * <p>Lifecycle: {@link #init} once per run, then alternating evaluate/update. {@link #copy()} gives the
 * same settings with fresh state.
 */
public interface UpdateRule {

    /** Prepares state for this parameterization and objective. */
    void init(Parameterization parameterization, Objective objective);

    /** @return ℓ at the current parameters (prepares the next update) */
    double evaluate(Parameterization parameterization, Objective objective);

    /** Applies one update in place (after {@link #evaluate}). */
    void update(Parameterization parameterization, Objective objective);

    /** @return the effective step size of the last update */
    double lastStepSize();

    /** @return same settings, no state */
    UpdateRule copy();
}
