package dev.tacit.experiments;

import java.io.IOException;

/** One reproduced result. Implementations are stateless; {@link #run} may be called many times. */
public interface Experiment {

    /** @return the id used by {@code tacit reproduce <id>} */
    String id();

    /** @return one line: the paper and what is reproduced */
    String title();

    /**
     * Checks the options before anything is computed or written.
     *
     * @param options the options
     * @throws BadInputException naming the first invalid option
     */
    void validate(ExperimentOptions options) throws BadInputException;

    /**
     * Runs the experiment and writes its files into {@code options.out()} (all at the end, so a failed
     * run leaves no partial output).
     *
     * @param options validated options
     * @param progress progress sink
     * @return the summary (results table and files)
     * @throws BadInputException if the options are invalid
     * @throws IOException if writing fails
     */
    ExperimentReport run(ExperimentOptions options, Progress progress) throws BadInputException, IOException;
}
