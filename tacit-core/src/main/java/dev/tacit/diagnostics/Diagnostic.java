package dev.tacit.diagnostics;

import dev.tacit.fit.TrainingState;
import java.util.List;

/** A named set of values computed from the training state at logged iterations. */
public interface Diagnostic {

    /** @return the column names this diagnostic contributes to the history (fixed) */
    List<String> columns();

    /**
     * @param state the current state (not modified)
     * @return one value per column
     */
    double[] measure(TrainingState state);
}
