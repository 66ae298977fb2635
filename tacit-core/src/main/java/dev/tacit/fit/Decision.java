package dev.tacit.fit;

/** What a {@link TrainingListener} wants after seeing a logged record. */
public enum Decision {
    /** Keep training. */
    CONTINUE,
    /** Stop now with {@link StopReason#LISTENER}. */
    STOP
}
