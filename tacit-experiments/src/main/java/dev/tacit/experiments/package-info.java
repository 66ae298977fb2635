/**
 * Reproductions of published results, one class per result, listed in {@link dev.tacit.experiments.ExperimentRegistry}.
 * Every run writes {@code results.csv}, {@code history.csv}, {@code provenance.json}, PNG plots and a
 * self-contained {@code report.html} into its output folder. The jobs behind {@code tacit complete}, {@code inpaint}
 * and {@code factor} ({@code CompletionJob}, {@code InpaintJob}, {@code FactorJob}) live here too.
 */
package dev.tacit.experiments;
