package dev.tacit.experiments;

import dev.tacit.data.table.LabeledMatrix;
import dev.tacit.data.table.LabeledMatrixReader;
import dev.tacit.data.table.RowLabels;
import dev.tacit.data.table.TableFormatException;
import dev.tacit.experiments.report.Csv;
import dev.tacit.linalg.Matrix;
import dev.tacit.model.nmf.Nmf;
import dev.tacit.model.nmf.NmfFit;
import dev.tacit.model.nmf.NmfSettings;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code tacit factor --model nmf}: reads a labelled table ({@link LabeledMatrixReader}), fits
 * X ≈ W·H ({@link Nmf#fit}) and writes into the output folder, all or nothing (staged, then moved):
 *
 * <ul>
 *   <li>{@code W.csv}: header {@code row,component_1..K}, one row per input row, named by its label;
 *   <li>{@code H.csv}: header {@code component} and the input's column labels, rows component_1..K;
 *   <li>{@code metrics.json}: seconds (the fit only), iterations, objective, rel_error
 *   (‖X − WH‖_F / ‖X‖_F), reconstruction_error, converged, stop_reason, n_rows, n_cols, rank, the config
 *   and the environment;
 *   <li>{@code history.csv}: iteration, objective (iteration 0 is the initialization);
 *   <li>{@code objective.png} (log scale) and {@code W.png} (W's rows as stacked bars).
 * </ul>
 *
 * Bad input (missing or malformed file, a negative entry, a rank outside [1, min(rows, cols)], settings
 * the solver refuses) is a one-line {@link BadInputException}, and nothing is written.
 */
public final class FactorJob {

    /**
     * What to run.
     *
     * @param input the table file
     * @param rowLabels whether its first column holds row labels
     * @param dropColumns header names of columns to ignore
     * @param rank K, the number of components
     * @param settings the NMF settings
     * @param out output folder
     */
    public record Request(Path input, RowLabels rowLabels, List<String> dropColumns, int rank, NmfSettings settings,
                          Path out) {

        /** Copies the list. */
        public Request {
            dropColumns = List.copyOf(dropColumns);
        }
    }

    /**
     * The outcome.
     *
     * @param data the table that was factored
     * @param fit W, H and the run's record
     */
    public record Result(LabeledMatrix data, NmfFit fit) {
    }

    private FactorJob() {
    }

    /**
     * Runs the request.
     *
     * @param r the request
     * @return the table and the fit
     * @throws BadInputException for invalid input (nothing written)
     * @throws IOException on write failure
     */
    public static Result run(Request r) throws BadInputException, IOException {
        LabeledMatrix x;
        try {
            x = LabeledMatrixReader.read(r.input(), r.rowLabels(), r.dropColumns());
        } catch (TableFormatException e) {
            boolean textColumn = e.column() != null && e.getMessage().endsWith("is not a number");
            throw new BadInputException(e.getMessage() + (textColumn ? " (leave text columns out with --drop-columns)" : ""));
        }
        String name = String.valueOf(r.input().getFileName());
        check(x, r.rank(), name);
        NmfFit fit;
        try {
            fit = Nmf.fit(x.values(), r.rank(), r.settings());
        } catch (IllegalArgumentException e) {
            throw new BadInputException(name + ": " + e.getMessage());
        }
        write(r, x, fit);
        return new Result(x, fit);
    }

    private static void check(LabeledMatrix x, int rank, String name) throws BadInputException {
        int limit = Math.min(x.rows(), x.cols());
        if (rank < 1 || rank > limit) {
            throw new BadInputException("--rank must be in [1, min(rows, cols)] = [1, " + limit + "] for " + name
                    + " (" + x.rows() + " rows x " + x.cols() + " columns), got " + rank);
        }
        Matrix v = x.values();
        for (int i = 0; i < x.rows(); i++) {
            for (int j = 0; j < x.cols(); j++) {
                double e = v.get(i, j);
                if (e < 0) {
                    throw new BadInputException(name + ": row '" + x.rowLabels().get(i) + "', column '"
                            + x.columnLabels().get(j) + "' is " + e + ": NMF needs nonnegative entries");
                }
            }
        }
    }

    private static void write(Request r, LabeledMatrix x, NmfFit fit) throws IOException {
        try (Staging staging = new Staging(r.out())) {
            writeW(staging.file("W.csv"), x, fit.w());
            writeH(staging.file("H.csv"), x, fit.h());
            Files.writeString(staging.file("metrics.json"), metricsJson(r, x, fit) + "\n", StandardCharsets.UTF_8);
            writeHistory(staging.file("history.csv"), fit.objectiveHistory());
            String title = "NMF, K = " + r.rank() + ", " + r.input().getFileName();
            FactorPlots.objective(fit.objectiveHistory(), title, staging.file("objective.png"));
            FactorPlots.loadings(fit.w(), x.rowLabels(), title, staging.file("W.png"));
            staging.commit();
        }
    }

    static String metricsJson(Request r, LabeledMatrix x, NmfFit fit) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("seconds", fit.seconds());
        root.put("iterations", fit.iterations());
        root.put("objective", fit.objective());
        root.put("rel_error", fit.relativeError());
        root.put("reconstruction_error", fit.reconstructionError());
        root.put("converged", fit.converged());
        root.put("stop_reason", fit.stopReason().name().toLowerCase(java.util.Locale.ROOT));
        root.put("n_rows", x.rows());
        root.put("n_cols", x.cols());
        root.put("rank", r.rank());
        Map<String, Object> config = new LinkedHashMap<>();
        NmfSettings s = r.settings();
        config.put("model", "nmf");
        config.put("solver", NmfNames.name(s.solver()));
        config.put("loss", NmfNames.name(s.loss()));
        config.put("init", NmfNames.name(s.init()));
        config.put("max_iter", s.maxIterations());
        config.put("tol", s.tolerance());
        config.put("seed", s.seed());
        config.put("rank", r.rank());
        config.put("input", r.input().toString());
        config.put("row_labels", r.rowLabels().name().toLowerCase(java.util.Locale.ROOT));
        config.put("drop_columns", r.dropColumns());
        root.put("config", config);
        root.put("provenance", Provenance.environment());
        return Provenance.Json.write(root);
    }

    private static void writeW(Path file, LabeledMatrix x, Matrix w) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("row");
            for (int c = 1; c <= w.cols(); c++) {
                out.write(",component_" + c);
            }
            out.write('\n');
            for (int i = 0; i < w.rows(); i++) {
                out.write(Csv.quote(x.rowLabels().get(i)));
                for (int c = 0; c < w.cols(); c++) {
                    out.write(',');
                    out.write(Double.toString(w.get(i, c)));
                }
                out.write('\n');
            }
        }
    }

    private static void writeH(Path file, LabeledMatrix x, Matrix h) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("component");
            for (String label : x.columnLabels()) {
                out.write(',');
                out.write(Csv.quote(label));
            }
            out.write('\n');
            for (int c = 0; c < h.rows(); c++) {
                out.write("component_" + (c + 1));
                for (int j = 0; j < h.cols(); j++) {
                    out.write(',');
                    out.write(Double.toString(h.get(c, j)));
                }
                out.write('\n');
            }
        }
    }

    private static void writeHistory(Path file, double[] history) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("iteration,objective\n");
            for (int t = 0; t < history.length; t++) {
                out.write(t + "," + history[t] + "\n");
            }
        }
    }
}
