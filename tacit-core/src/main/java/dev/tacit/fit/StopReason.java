package dev.tacit.fit;

/** Why a training run ended. */
public enum StopReason {
    /** The iteration budget was used up. */
    MAX_ITERATIONS,
    /** The training loss reached the tolerance. */
    TOLERANCE,
    /** The training loss (or a parameter) became NaN or infinite. */
    DIVERGED,
    /** A listener asked to stop. */
    LISTENER
}
