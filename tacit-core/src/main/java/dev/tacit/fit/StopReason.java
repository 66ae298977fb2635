package dev.tacit.fit;

/** Why a training run ended. */
public enum StopReason {
    /** The iteration budget was used up. */
    MAX_ITERATIONS,
    /** The training loss reached the tolerance. */
    TOLERANCE,
    /**
     * The training loss became NaN or infinite (only the loss is checked: a non-finite parameter that no
     * observed entry reads goes unnoticed).
     */
    DIVERGED,
    /** A listener asked to stop. */
    LISTENER
}
