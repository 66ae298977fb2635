/**
 * Report output for experiments: PNG line plots ({@link dev.tacit.experiments.report.Plots}),
 * CSV files ({@link dev.tacit.experiments.report.Csv}) and a single self-contained HTML page
 * ({@link dev.tacit.experiments.report.HtmlReport}).
 *
 * <p>Every writer in this package writes to a temporary file in the target's directory and then
 * moves it into place, so a reader never sees a partially written file.
 */
package dev.tacit.experiments.report;
