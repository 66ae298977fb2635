package dev.tacit.fit;

/** Observes the logged records of a run and may stop it (TensorLy-style callback). */
@FunctionalInterface
public interface TrainingListener {

    /**
     * Called after each logged record has been added to the history.
     *
     * @param state the state at that iteration
     * @param history the history so far (read only)
     * @return whether to continue
     */
    Decision onLog(TrainingState state, History history);
}
