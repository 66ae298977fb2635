package dev.tacit.experiments;

import dev.tacit.data.table.LabeledMatrix;
import dev.tacit.data.table.LabeledMatrixReader;
import dev.tacit.data.table.RowLabels;
import dev.tacit.data.table.TableFormat;
import dev.tacit.data.table.TableFormatException;
import dev.tacit.experiments.report.Csv;
import dev.tacit.linalg.Matrix;
import dev.tacit.linalg.SparseMatrix;
import dev.tacit.model.nmf.Identifiability;
import dev.tacit.model.nmf.IdentifiabilityReport;
import dev.tacit.model.nmf.LatentBudgetFit;
import dev.tacit.model.nmf.LatentBudgetModel;
import dev.tacit.model.nmf.MinVolumeRule;
import dev.tacit.model.nmf.NmfInit;
import dev.tacit.model.nmf.NmfLoss;
import dev.tacit.model.nmf.NmfPenalty;
import dev.tacit.model.nmf.NmfSolver;
import dev.tacit.model.nmf.LatentBudgets;
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
 * A Matrix Market coordinate file ({@link TableFormat#detect}) is read sparse and fitted without densifying
 * it by {@link SparseFactor} (multiplicative updates only); its rows and columns are labelled 1..n, 1..m.
 *
 * <p>Bad input (missing or malformed file, a negative entry, a rank outside [1, min(rows, cols)], settings
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
     * @param model nmf or a latent-budget model
     * @param analysis whether to add the identifiability analysis
     */
    public record Request(Path input, RowLabels rowLabels, List<String> dropColumns, int rank, NmfSettings settings,
                          Path out, FactorModel model, RangeAnalysis analysis) {

        /** Copies the list. */
        public Request {
            dropColumns = List.copyOf(dropColumns);
        }

        /** Plain NMF without the range analysis. */
        public Request(Path input, RowLabels rowLabels, List<String> dropColumns, int rank, NmfSettings settings,
                       Path out) {
            this(input, rowLabels, dropColumns, rank, settings, out, FactorModel.NMF, RangeAnalysis.NONE);
        }
    }

    /**
     * The outcome.
     *
     * @param data the table that was factored (null for sparse input)
     * @param fit the NMF core's run (for a latent-budget model: the NMF it reduces to)
     * @param w W (for a latent-budget model: A, rows summing to 1)
     * @param h H (for a latent-budget model: the budgets B, rows summing to 1)
     * @param relativeError ‖X − WH‖_F/‖X‖_F (latent-budget models: of the row profiles, ‖Π − AB‖_F/‖Π‖_F)
     * @param identifiability the range analysis, or null
     * @param minVolume with {@link RangeAnalysis#IDENTIFIABILITY}: the minimum-volume latent budget fit
     *     ({@link #volumeFit}), else null (also when a row of the table sums to 0)
     * @param maxVolume likewise, the maximum-volume latent budget fit
     * @param sparse the sparse matrix that was factored (Matrix Market input), or null for a table
     */
    public record Result(LabeledMatrix data, NmfFit fit, Matrix w, Matrix h, double relativeError,
                         IdentifiabilityReport identifiability, LatentBudgetFit minVolume, LatentBudgetFit maxVolume,
                         SparseMatrix sparse) {

        /** @return the number of rows of X */
        public int rows() {
            return sparse != null ? sparse.rows() : data.rows();
        }

        /** @return the number of columns of X */
        public int cols() {
            return sparse != null ? sparse.cols() : data.cols();
        }

        /** @return how X was read */
        public TableFormat format() {
            return sparse != null ? TableFormat.MATRIX_MARKET_COORDINATE : TableFormat.DELIMITED;
        }
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
        if (TableFormat.detect(r.input()) == TableFormat.MATRIX_MARKET_COORDINATE) {
            return SparseFactor.run(r);
        }
        LabeledMatrix x;
        try {
            x = LabeledMatrixReader.read(r.input(), r.rowLabels(), r.dropColumns(), true);
        } catch (TableFormatException e) {
            boolean textColumn = e.column() != null && e.getMessage().endsWith("is not a number");
            throw new BadInputException(e.getMessage() + (textColumn ? " (leave text columns out with --drop-columns)" : ""));
        }
        String name = String.valueOf(r.input().getFileName());
        check(x, r.rank(), name);
        Result result;
        try {
            result = fit(r, x);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(name + ": " + e.getMessage());
        }
        write(r, x.rowLabels(), x.columnLabels(), result);
        return result;
    }

    static Result fit(Request r, LabeledMatrix x) {
        if (r.model() == FactorModel.NMF) {
            NmfFit fit = Nmf.fit(x.values(), r.rank(), r.settings());
            IdentifiabilityReport report = null;
            if (r.analysis() != RangeAnalysis.NONE) {
                Matrix[] ab = rowStochastic(fit.w(), fit.h());
                report = Identifiability.analyze(ab[0], ab[1], Identifiability.DEFAULT_TOLERANCE, r.settings().seed(),
                        Identifiability.LBA_SLACK);
            }
            return new Result(x, fit, fit.w(), fit.h(), fit.relativeError(), report,
                    r.analysis() != RangeAnalysis.IDENTIFIABILITY ? null : volumeFit(x.values(), r.rank(), r.settings(), NmfSolver.MIN_VOLUME),
                    r.analysis() != RangeAnalysis.IDENTIFIABILITY ? null : volumeFit(x.values(), r.rank(), r.settings(), NmfSolver.MAX_VOLUME), null);
        }
        LatentBudgetFit fit = LatentBudgets.fit(x.values(), r.rank(), r.model().latentBudgetModel(), r.settings());
        IdentifiabilityReport report = r.analysis() != RangeAnalysis.NONE
                ? Identifiability.analyze(fit.a(), fit.b(), Identifiability.DEFAULT_TOLERANCE, r.settings().seed(),
                        Identifiability.LBA_SLACK)
                : null;
        return new Result(x, fit.nmf(), fit.a(), fit.b(), profileError(x.values(), fit.profiles()), report,
                r.analysis() != RangeAnalysis.IDENTIFIABILITY ? null : volumeFit(x.values(), r.rank(), r.settings(), NmfSolver.MIN_VOLUME),
                r.analysis() != RangeAnalysis.IDENTIFIABILITY ? null : volumeFit(x.values(), r.rank(), r.settings(), NmfSolver.MAX_VOLUME), null);
    }

    /**
     * The minimum- or maximum-volume solution of the range analysis, as the review's code computes the first:
     * least-squares latent budgets (NMF of the row profiles) by {@link NmfSolver#MIN_VOLUME} (or
     * {@link NmfSolver#MAX_VOLUME}, MAV-NMF's counterpart) from {@link NmfInit#SPA}, with the request's λ, δ,
     * and sweeps, run to the end (tolerance 0; the review: λ = 0.01, δ = 0.1, 1000 sweeps). Max-volume
     * converges slowly (alternating steps along a nearly flat valley of exact fits), so its volume after a
     * fixed budget of sweeps is a lower bound of the largest volume, and the min/max gap too.
     *
     * @param x the table
     * @param rank K
     * @param settings the request's settings (solver, loss, init and penalty are replaced)
     * @param solver MIN_VOLUME or MAX_VOLUME
     * @return A and B of the fit, or null when a row of x sums to 0 (it has no profile)
     */
    public static LatentBudgetFit volumeFit(Matrix x, int rank, NmfSettings settings, NmfSolver solver) {
        for (int i = 0; i < x.rows(); i++) {
            double sum = 0;
            for (int j = 0; j < x.cols(); j++) {
                sum += x.get(i, j);
            }
            if (!(sum > 0)) {
                return null; // a row without mass has no profile: no latent budget fit (the extremes still run)
            }
        }
        NmfSettings s = settings.withSolver(solver).withLoss(NmfLoss.FROBENIUS).withInit(NmfInit.SPA)
                .withPenalty(NmfPenalty.NONE).withTolerance(0.0);
        return LatentBudgets.fit(x, rank, LatentBudgetModel.LBA_LS, s);
    }

    /**
     * @param fit a latent budget fit
     * @return log det(BBᵀ + δI) of its budgets, δ = {@link Identifiability#VOLUME_DELTA} (MAV-NMF's measure, as
     *     the extremes' {@link IdentifiabilityReport.Extreme#logVolume()})
     */
    public static double logVolume(LatentBudgetFit fit) {
        return MinVolumeRule.logVolume(fit.b(), Identifiability.VOLUME_DELTA);
    }

    /** @param fit a latent budget fit @return ‖Π − AB‖_F/‖Π‖_F on the table it was fitted to */
    static double profileError(LatentBudgetFit fit) {
        return fit.nmf().relativeError();
    }

    /** ‖Π − AB‖_F/‖Π‖_F with Π the row profiles of X (rows divided by their sums). */
    private static double profileError(Matrix x, Matrix ab) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < x.rows(); i++) {
            double sum = 0;
            for (int j = 0; j < x.cols(); j++) {
                sum += x.get(i, j);
            }
            for (int j = 0; j < x.cols(); j++) {
                double p = sum > 0 ? x.get(i, j) / sum : 0;
                num += (p - ab.get(i, j)) * (p - ab.get(i, j));
                den += p * p;
            }
        }
        return Math.sqrt(num / den);
    }

    /**
     * The review's rescaling of an NMF to row-stochastic factors: D = diag(H·1), W' = W·D, B = D⁻¹·H, then
     * A = diag(W'·1)⁻¹·W' (exact when X's rows sum to 1 and X = WH; a projection otherwise).
     */
    private static Matrix[] rowStochastic(Matrix w, Matrix h) {
        int k = w.cols();
        Matrix a = Matrix.zeros(w.rows(), k);
        Matrix b = Matrix.zeros(k, h.cols());
        double[] d = new double[k];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < h.cols(); j++) {
                d[c] += h.get(c, j);
            }
            for (int j = 0; j < h.cols(); j++) {
                b.set(c, j, d[c] > 0 ? h.get(c, j) / d[c] : 1.0 / h.cols());
            }
        }
        for (int i = 0; i < w.rows(); i++) {
            double s = 0;
            for (int c = 0; c < k; c++) {
                s += w.get(i, c) * d[c];
            }
            for (int c = 0; c < k; c++) {
                a.set(i, c, s > 0 ? w.get(i, c) * d[c] / s : 1.0 / k);
            }
        }
        return new Matrix[] {a, b};
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

    /** Writes the outputs of a fit into the request's folder, all or nothing, rows and columns named by the labels. */
    static void write(Request r, List<String> rowLabels, List<String> columnLabels, Result result) throws IOException {
        NmfFit fit = result.fit();
        try (Staging staging = new Staging(r.out())) {
            writeW(staging.file("W.csv"), rowLabels, result.w());
            writeH(staging.file("H.csv"), columnLabels, result.h());
            Files.writeString(staging.file("metrics.json"), metricsJson(r, result) + "\n", StandardCharsets.UTF_8);
            writeHistory(staging.file("history.csv"), fit.objectiveHistory());
            String title = r.model().cliName().toUpperCase(java.util.Locale.ROOT) + ", K = " + r.rank() + ", "
                    + r.input().getFileName();
            FactorPlots.objective(fit.objectiveHistory(), title, staging.file("objective.png"));
            FactorPlots.loadings(result.w(), rowLabels, title, staging.file("W.png"));
            List<String> components = new java.util.ArrayList<>();
            for (int c = 1; c <= r.rank(); c++) {
                components.add("component_" + c);
            }
            FactorPlots.loadings(result.h(), components, title + ": H (budgets)", staging.file("H.png"));
            IdentifiabilityReport id = result.identifiability();
            if (id != null) {
                writeH(staging.file("H_inner.csv"), columnLabels, id.inner().b());
                writeH(staging.file("H_outer.csv"), columnLabels, id.outer().b());
                writeW(staging.file("W_inner.csv"), rowLabels, id.inner().a());
                writeW(staging.file("W_outer.csv"), rowLabels, id.outer().a());
                FactorPlots.loadings(id.inner().b(), components, title + ": inner extreme", staging.file("H_inner.png"));
                FactorPlots.loadings(id.outer().b(), components, title + ": outer extreme", staging.file("H_outer.png"));
                LatentBudgetFit mv = result.minVolume();
                LatentBudgetFit xv = result.maxVolume();
                if (mv != null && xv != null) {
                    writeH(staging.file("H_minvol.csv"), columnLabels, mv.b());
                    writeW(staging.file("W_minvol.csv"), rowLabels, mv.a());
                    FactorPlots.loadings(mv.b(), components, title + ": minimum-volume budgets",
                            staging.file("H_minvol.png"));
                    writeH(staging.file("H_maxvol.csv"), columnLabels, xv.b());
                    writeW(staging.file("W_maxvol.csv"), rowLabels, xv.a());
                    FactorPlots.loadings(xv.b(), components, title + ": maximum-volume budgets",
                            staging.file("H_maxvol.png"));
                }
                Files.writeString(staging.file("identifiability.json"),
                        Provenance.Json.write(identifiability(id, mv, xv, r.settings())) + "\n", StandardCharsets.UTF_8);
            }
            staging.commit();
        }
    }

    static Map<String, Object> identifiability(IdentifiabilityReport id, LatentBudgetFit minVolume,
                                               LatentBudgetFit maxVolume, NmfSettings settings) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("verdict", id.verdict().name().toLowerCase(java.util.Locale.ROOT));
        m.put("fitted_distance", id.fitted().distance());
        m.put("inner_distance", id.inner().distance());
        m.put("outer_distance", id.outer().distance());
        m.put("distance_gap", id.distanceGap());
        m.put("volume_gap", id.volumeGap());
        m.put("fitted_log_volume", id.fitted().logVolume());
        m.put("inner_log_volume", id.inner().logVolume());
        m.put("outer_log_volume", id.outer().logVolume());
        if (minVolume != null) {
            m.put("minvol_log_volume", logVolume(minVolume));
            m.put("minvol_lambda", settings.volume().lambda());
            m.put("minvol_delta", settings.volume().delta());
            m.put("minvol_volume_weight", minVolume.nmf().volumeWeight());
            m.put("minvol_iterations", minVolume.iterations());
            m.put("minvol_profile_rel_error", profileError(minVolume));
        }
        if (maxVolume != null) {
            m.put("maxvol_log_volume", logVolume(maxVolume));
            m.put("maxvol_volume_weight", maxVolume.nmf().volumeWeight());
            m.put("maxvol_iterations", maxVolume.iterations());
            m.put("maxvol_profile_rel_error", profileError(maxVolume));
        }
        if (minVolume != null && maxVolume != null) {
            m.put("minmax_volume_gap", logVolume(maxVolume) - logVolume(minVolume));
        }
        m.put("log_volume", "log det(B B^T + 0.1 I) of the row-stochastic budgets B");
        m.put("separable", id.separable());
        m.put("tolerance", id.tolerance());
        m.put("slack", id.slack());
        m.put("criterion", "sum over budget pairs of the chi-square distance between budgets (R lba identif())");
        return m;
    }

    static String metricsJson(Request r, Result result) {
        NmfFit fit = result.fit();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("seconds", fit.seconds());
        root.put("iterations", fit.iterations());
        root.put("objective", fit.objective());
        root.put("rel_error", result.relativeError());
        root.put("reconstruction_error", fit.reconstructionError());
        root.put("converged", fit.converged());
        root.put("stop_reason", fit.stopReason().name().toLowerCase(java.util.Locale.ROOT));
        root.put("n_rows", result.rows());
        root.put("n_cols", result.cols());
        root.put("rank", r.rank());
        root.put("input_format", result.format().label());
        if (result.sparse() != null) {
            root.put("nnz", result.sparse().nnz());
            root.put("density", result.sparse().density());
        }
        Map<String, Object> config = new LinkedHashMap<>();
        NmfSettings s = r.settings();
        config.put("model", r.model().cliName());
        config.put("identifiability", r.analysis() != RangeAnalysis.NONE);
        config.put("solver", NmfNames.name(s.solver()));
        config.put("loss", NmfNames.name(s.loss()));
        config.put("init", NmfNames.name(s.init()));
        config.put("max_iter", s.maxIterations());
        config.put("tol", s.tolerance());
        config.put("seed", s.seed());
        if (s.solver() == NmfSolver.MIN_VOLUME || s.solver() == NmfSolver.MAX_VOLUME) {
            config.put("volume_lambda", s.volume().lambda());
            config.put("volume_delta", s.volume().delta());
            config.put("volume_inner_iterations", s.volume().innerIterations());
            root.put("volume_weight", fit.volumeWeight());
            root.put("log_volume", MinVolumeRule.logVolume(result.h(), s.volume().delta()));
        }
        config.put("rank", r.rank());
        config.put("input", r.input().toString());
        config.put("row_labels", r.rowLabels().name().toLowerCase(java.util.Locale.ROOT));
        config.put("drop_columns", r.dropColumns());
        root.put("config", config);
        if (result.identifiability() != null) {
            root.put("identifiability", identifiability(result.identifiability(), result.minVolume(),
                    result.maxVolume(), s));
        }
        root.put("provenance", Provenance.environment());
        return Provenance.Json.write(root);
    }

    private static void writeW(Path file, List<String> rowLabels, Matrix w) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("row");
            for (int c = 1; c <= w.cols(); c++) {
                out.write(",component_" + c);
            }
            out.write('\n');
            for (int i = 0; i < w.rows(); i++) {
                out.write(Csv.quote(rowLabels.get(i)));
                for (int c = 0; c < w.cols(); c++) {
                    out.write(',');
                    out.write(Double.toString(w.get(i, c)));
                }
                out.write('\n');
            }
        }
    }

    private static void writeH(Path file, List<String> columnLabels, Matrix h) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("component");
            for (String label : columnLabels) {
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
