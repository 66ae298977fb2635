package dev.tacit.experiments;

import java.nio.file.Path;
import java.util.List;

/**
 * What an experiment produced.
 *
 * @param out the output folder
 * @param header column names of results.csv
 * @param rows the rows of results.csv
 * @param checks the acceptance checks against the paper's reference numbers, one line each
 * @param anyDiverged whether some run diverged
 * @param singleRun whether the experiment consisted of exactly one run
 */
public record ExperimentReport(Path out, List<String> header, List<List<String>> rows, List<String> checks,
                               boolean anyDiverged, boolean singleRun) {
}
