package dev.tacit.experiments;

import dev.tacit.baseline.NuclearNormMinimization;
import dev.tacit.baseline.NuclearNormResult;
import dev.tacit.data.EntrySample;
import dev.tacit.data.LinearMeasurements;
import dev.tacit.data.LowRankGenerator;
import dev.tacit.data.Seeds;
import dev.tacit.diagnostics.ReconstructionError;
import dev.tacit.diagnostics.Spectra;
import dev.tacit.diagnostics.SpectralSummary;
import dev.tacit.experiments.report.Axis;
import dev.tacit.experiments.report.Csv;
import dev.tacit.experiments.report.HtmlReport;
import dev.tacit.experiments.report.PlotSpec;
import dev.tacit.experiments.report.Plots;
import dev.tacit.experiments.report.Series;
import dev.tacit.fit.Decision;
import dev.tacit.fit.FitResult;
import dev.tacit.fit.GradientStep;
import dev.tacit.fit.History;
import dev.tacit.fit.StopReason;
import dev.tacit.fit.Trainer;
import dev.tacit.linalg.Matrix;
import dev.tacit.linalg.Workers;
import dev.tacit.model.deep.DeepProduct;
import dev.tacit.model.deep.Init;
import dev.tacit.objective.CompletionLoss;
import dev.tacit.objective.Objective;
import dev.tacit.objective.SensingLoss;
import dev.tacit.optim.OptimizerKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The grid behind the Arora et al. 2019 experiments: for each seed and number of observations, a
 * seeded rank-r ground truth ({@link LowRankGenerator}), its observations, deep factorizations of each
 * depth × init scale × learning rate trained by an optimizer, and the nuclear-norm baseline; one row of
 * {@code results.csv} per run, the logged history of every run in {@code history.csv}, plots and report.
 */
abstract class AroraGrid implements Experiment {

    /** Number of leading singular values logged. */
    static final int TOP_SINGULAR_VALUES = 10;

    /** The resolved settings of one invocation. */
    record Settings(List<Long> seeds, int n, int rank, List<Integer> observations, List<Integer> depths,
                    List<Method> methods, List<Double> initScales, List<Double> learningRates, long maxIterations,
                    double tolerance, int logEvery, Init init, OptimizerKind optimizer) {
    }

    /** @return whether observations are entries (completion) or linear measurements (sensing) */
    abstract boolean sensing();

    /** @param quick the reduced setting @return this experiment's defaults */
    abstract Settings defaults(boolean quick);

    /** @return the settings for these options: each option given overrides its default */
    final Settings settings(ExperimentOptions o) {
        Settings d = defaults(o.quick());
        return new Settings(
                ExperimentOptions.or(o.seeds(), d.seeds()),
                ExperimentOptions.or(o.n(), d.n()),
                ExperimentOptions.or(o.rank(), d.rank()),
                ExperimentOptions.or(o.observations(), d.observations()),
                ExperimentOptions.or(o.depths(), d.depths()),
                ExperimentOptions.or(o.methods(), d.methods()),
                ExperimentOptions.or(o.initScales(), d.initScales()),
                ExperimentOptions.or(o.learningRates(), d.learningRates()),
                ExperimentOptions.or(o.maxIterations(), d.maxIterations()),
                ExperimentOptions.or(o.tolerance(), d.tolerance()),
                ExperimentOptions.or(o.logEvery(), d.logEvery()),
                d.init(),
                ExperimentOptions.or(o.optimizer(), d.optimizer()));
    }

    /** @return lines comparing the results with the paper's reference numbers */
    abstract List<String> checks(Settings s, List<Map<String, String>> rows);

    @Override
    public void validate(ExperimentOptions o) throws BadInputException {
        o.rejectUnused(id(), "--seeds", "--n", "--rank", "--observations", "--depths", "--methods", "--init-scales", "--lr",
                "--max-iter", "--tol", "--log-every", "--optimizer");
        Settings s = settings(o);
        if (s.seeds().isEmpty()) {
            throw new BadInputException("--seeds: give at least one seed");
        }
        if (s.n() < 2) {
            throw new BadInputException("--n must be at least 2, got " + s.n());
        }
        if (s.rank() < 1 || s.rank() > s.n()) {
            throw new BadInputException("--rank must be between 1 and n = " + s.n() + ", got " + s.rank());
        }
        for (int m : s.observations()) {
            if (m < 1) {
                throw new BadInputException("--observations must be positive, got " + m);
            }
            if (!sensing() && (long) m > (long) s.n() * s.n()) {
                throw new BadInputException("--observations " + m + " is more than the " + (long) s.n() * s.n()
                        + " entries of a " + s.n() + "x" + s.n() + " matrix");
            }
        }
        for (int d : s.depths()) {
            if (d < 1) {
                throw new BadInputException("--depths must be at least 1, got " + d);
            }
        }
        for (double v : s.initScales()) {
            if (!(v > 0) || !Double.isFinite(v)) {
                throw new BadInputException("--init-scales must be positive, got " + v);
            }
        }
        for (double v : s.learningRates()) {
            if (!(v > 0) || !Double.isFinite(v)) {
                throw new BadInputException("--lr must be positive, got " + v);
            }
        }
        if (s.maxIterations() < 1) {
            throw new BadInputException("--max-iter must be at least 1, got " + s.maxIterations());
        }
        if (!(s.tolerance() >= 0) || !Double.isFinite(s.tolerance())) {
            throw new BadInputException("--tol must be non-negative, got " + s.tolerance());
        }
        if (s.logEvery() < 1) {
            throw new BadInputException("--log-every must be at least 1, got " + s.logEvery());
        }
        if (s.methods().isEmpty()) {
            throw new BadInputException("--methods: give at least one of dmf, nnm");
        }
        if (sensing()) {
            long bytes = 8L * s.n() * s.n() * s.observations().stream().mapToInt(Integer::intValue).max().orElse(0);
            if (bytes > Runtime.getRuntime().maxMemory() * 4) {
                throw new BadInputException("--observations/--n: the sensing operator would need " + bytes / (1 << 20)
                        + " MB");
            }
        }
    }

    private int runCount(Settings s) {
        int perData = 0;
        if (s.methods().contains(Method.DMF)) {
            perData += s.depths().size() * s.initScales().size() * s.learningRates().size();
        }
        if (s.methods().contains(Method.NNM)) {
            perData += 1;
        }
        return perData * s.observations().size() * s.seeds().size();
    }

    /** The outcome of one cell of the grid. */
    private record Cell(Map<String, String> row, History history, boolean diverged) {
    }

    @Override
    public ExperimentReport run(ExperimentOptions o, Progress progress) throws BadInputException, IOException {
        validate(o);
        Settings s = settings(o);
        int total = runCount(s);
        progress.start(total);
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        List<java.util.concurrent.Callable<Cell>> jobs = new ArrayList<>();
        List<String> jobKeys = new ArrayList<>();
        for (long seed : s.seeds()) {
            Matrix truth = LowRankGenerator.generate(s.n(), s.n(), s.rank(), Seeds.stream(seed, Seeds.Stream.GROUND_TRUTH));
            double[] truthSigma = truth.singularValues();
            for (int m : s.observations()) {
                final EntrySample sample = sensing() ? null
                        : EntrySample.sampleUniform(truth, m, Seeds.stream(seed, Seeds.Stream.OBSERVATIONS));
                final LinearMeasurements measurements = sensing()
                        ? LinearMeasurements.gaussian(truth, m, Seeds.stream(seed, Seeds.Stream.OBSERVATIONS)) : null;
                if (s.methods().contains(Method.DMF)) {
                    for (int depth : s.depths()) {
                        for (double scale : s.initScales()) {
                            for (double lr : s.learningRates()) {
                                jobKeys.add(depth + "|" + m + "|" + seed);
                                jobs.add(() -> dmfCell(s, seed, m, depth, scale, lr, truth, truthSigma,
                                        objective(sample, measurements), progress, done, total));
                            }
                        }
                    }
                }
                if (s.methods().contains(Method.NNM)) {
                    jobKeys.add("nnm|" + m + "|" + seed);
                    jobs.add(() -> nnmCell(seed, m, truth, truthSigma, sample, measurements,
                            objective(sample, measurements), progress, done));
                }
            }
        }
        List<Cell> cells;
        try {
            cells = Workers.map(jobs);
        } catch (IOException | BadInputException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        List<Map<String, String>> rows = new ArrayList<>();
        List<List<String>> historyRows = new ArrayList<>();
        List<String> historyHeader = historyHeader();
        Map<String, History> firstSeedHistories = new TreeMap<>();
        boolean diverged = false;
        for (int i = 0; i < cells.size(); i++) {
            Cell c = cells.get(i);
            rows.add(c.row());
            diverged |= c.diverged();
            if (c.history() != null) {
                String run = "run" + rows.size();
                for (double[] hr : c.history().rows()) {
                    historyRows.add(historyRow(run, c.row(), c.history(), hr));
                }
                String[] k = jobKeys.get(i).split("\\|");
                if (Long.parseLong(k[2]) == s.seeds().get(0)) {
                    firstSeedHistories.putIfAbsent(k[0] + "|" + k[1], c.history());
                }
            }
        }
        progress.finish();
        List<String> header = new ArrayList<>(rows.get(0).keySet());
        List<List<String>> table = new ArrayList<>();
        for (Map<String, String> r : rows) {
            table.add(new ArrayList<>(r.values()));
        }
        List<String> checks = checks(s, rows);
        try (Staging staging = new Staging(o.out())) {
            Csv.writeCsv(staging.file("results.csv"), header, table);
            Csv.writeCsv(staging.file("history.csv"), historyHeader, historyRows);
            String provenance = Provenance.json(id(), config(s));
            Files.writeString(staging.file("provenance.json"), provenance);
            List<Path> plots = plots(s, rows, firstSeedHistories, staging);
            HtmlReport report = new HtmlReport(title());
            report.addParagraph("Reproduction of " + title() + ". Every number below was measured by this run; the "
                    + "reference values come from the authors' notebook and our numpy port of the official code "
                    + "(see shared/papers/dmf.md §1.8).");
            report.addPreformatted("Checks against the paper", String.join("\n", checks));
            report.addTable("results.csv", header, table);
            for (Path plot : plots) {
                report.addImage(plot.getFileName().toString(), plot);
            }
            report.addPreformatted("provenance.json", provenance);
            report.write(staging.file("report.html"));
            staging.commit();
        }
        return new ExperimentReport(o.out(), header, table, checks, diverged, total == 1);
    }

    private Objective objective(EntrySample sample, LinearMeasurements measurements) {
        return sensing() ? new SensingLoss(measurements) : new CompletionLoss(sample);
    }

    private Cell dmfCell(Settings s, long seed, int m, int depth, double scale, double lr, Matrix truth,
                         double[] truthSigma, Objective objective, Progress progress,
                         java.util.concurrent.atomic.AtomicInteger done, int total) {
        String label = String.format(Locale.ROOT, "dmf depth %d m %d init %.0e lr %.0e seed %d", depth, m, scale, lr, seed);
        long budget = s.maxIterations();
        DeepProduct p = DeepProduct.square(s.n(), s.n(), depth, s.init(), scale,
                Seeds.stream(seed, Seeds.Stream.INITIALIZATION));
        Trainer trainer = Trainer.builder().maxIterations(s.maxIterations()).tolerance(s.tolerance())
                .logEvery(s.logEvery())
                .diagnostic(new ReconstructionError(truth))
                .diagnostic(new SpectralSummary(TOP_SINGULAR_VALUES, depth))
                .listener((state, h) -> {
                    progress.update(done.get(), label, fraction(state.iteration(), budget, h.column("train_loss")[0],
                            state.trainLoss(), s.tolerance()));
                    return Decision.CONTINUE;
                })
                .build();
        FitResult r = trainer.fit(p, objective, new GradientStep(s.optimizer().create(lr)));
        Map<String, String> row = baseRow(Method.DMF, depth, m, scale, lr, seed);
        History h = r.history();
        row.put("iterations", Long.toString(r.iterations()));
        row.put("train_loss", num(r.trainLoss()));
        row.put("test_error", num(h.last("test_error")));
        row.put("effective_rank", num(h.last("effective_rank")));
        row.put("nuclear_norm", num(h.last("nuclear_norm")));
        row.put("schatten_power", num(h.last("schatten_power")));
        row.put("truth_effective_rank", num(Spectra.effectiveRank(truthSigma)));
        row.put("truth_nuclear_norm", num(Spectra.nuclearNorm(truthSigma)));
        row.put("stop_reason", r.stopReason().name());
        row.put("seconds", num(r.seconds()));
        progress.update(done.incrementAndGet(), label, 0);
        return new Cell(row, h, r.stopReason() == StopReason.DIVERGED);
    }

    /**
     * Progress within one run: the larger of the share of the iteration budget used and the share of
     * the way (in log-loss) from the initial loss to the tolerance.
     */
    static double fraction(long iteration, long budget, double initialLoss, double loss, double tolerance) {
        double byIterations = iteration / (double) budget;
        double byLoss = 0;
        if (tolerance > 0 && initialLoss > tolerance && loss > 0 && Double.isFinite(loss)) {
            byLoss = Math.log(initialLoss / loss) / Math.log(initialLoss / tolerance);
        }
        return Math.max(0, Math.min(1, Math.max(byIterations, byLoss)));
    }

    private Cell nnmCell(long seed, int m, Matrix truth, double[] truthSigma, EntrySample sample,
                         LinearMeasurements measurements, Objective objective, Progress progress,
                         java.util.concurrent.atomic.AtomicInteger done) {
        String label = "nnm m " + m + " seed " + seed;
        progress.update(done.get(), label, 0);
        NuclearNormMinimization solver = NuclearNormMinimization.builder().build();
        NuclearNormResult res = sensing() ? solver.sense(measurements) : solver.complete(sample);
        double[] sigma = res.solution().singularValues();
        Map<String, String> row = baseRow(Method.NNM, 0, m, Double.NaN, Double.NaN, seed);
        row.put("iterations", Integer.toString(res.iterations()));
        row.put("train_loss", num(objective.value(res.solution())));
        row.put("test_error", num(ReconstructionError.relativeSquaredError(res.solution(), truth)));
        row.put("effective_rank", num(Spectra.effectiveRank(sigma)));
        row.put("nuclear_norm", num(Spectra.nuclearNorm(sigma)));
        row.put("schatten_power", "");
        row.put("truth_effective_rank", num(Spectra.effectiveRank(truthSigma)));
        row.put("truth_nuclear_norm", num(Spectra.nuclearNorm(truthSigma)));
        row.put("stop_reason", res.converged() ? "CONVERGED" : "MAX_ITERATIONS");
        row.put("seconds", num(res.seconds()));
        progress.update(done.incrementAndGet(), label, 0);
        return new Cell(row, null, false);
    }

    private Map<String, Object> config(Settings s) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("task", sensing() ? "sensing" : "completion");
        c.put("seeds", s.seeds());
        c.put("n", s.n());
        c.put("rank", s.rank());
        c.put("observations", s.observations());
        c.put("depths", s.depths());
        c.put("methods", s.methods().stream().map(Method::id).toList());
        c.put("init", s.init().name().toLowerCase(Locale.ROOT));
        c.put("init_scales", s.initScales());
        c.put("optimizer", s.optimizer().cliName());
        c.put("learning_rates", s.learningRates());
        c.put("max_iterations", s.maxIterations());
        c.put("tolerance", s.tolerance());
        c.put("log_every", s.logEvery());
        c.put("nnm_constraint_tolerance", NuclearNormMinimization.DEFAULT_TOLERANCE);
        return c;
    }

    private static Map<String, String> baseRow(Method method, int depth, int m, double scale, double lr, long seed) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("method", method.id());
        row.put("depth", Integer.toString(depth));
        row.put("observations", Integer.toString(m));
        row.put("init_scale", Double.isNaN(scale) ? "" : num(scale));
        row.put("lr", Double.isNaN(lr) ? "" : num(lr));
        row.put("seed", Long.toString(seed));
        return row;
    }

    private static List<String> historyHeader() {
        List<String> h = new ArrayList<>(List.of("run", "depth", "observations", "init_scale", "lr", "seed",
                "iteration", "train_loss", "step_size", "test_loss", "test_error", "effective_rank", "nuclear_norm",
                "schatten_power"));
        for (int i = 1; i <= TOP_SINGULAR_VALUES; i++) {
            h.add("sigma_" + i);
        }
        return h;
    }

    private static List<String> historyRow(String run, Map<String, String> row, History h, double[] values) {
        List<String> out = new ArrayList<>(List.of(run, row.get("depth"), row.get("observations"), row.get("init_scale"),
                row.get("lr"), row.get("seed")));
        for (String c : historyHeader().subList(6, historyHeader().size())) {
            double v = values[h.indexOf(c)];
            out.add(c.equals("iteration") ? Long.toString((long) v) : num(v));
        }
        return out;
    }

    static String num(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = String.format(Locale.ROOT, "%.6g", v);
        int e = s.indexOf('e');
        String mantissa = e < 0 ? s : s.substring(0, e);
        String exponent = e < 0 ? "" : s.substring(e);
        if (mantissa.contains(".")) {
            mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return mantissa + exponent;
    }

    private List<Path> plots(Settings s, List<Map<String, String>> rows, Map<String, History> histories,
                             Staging staging) throws IOException {
        List<Path> out = new ArrayList<>();
        // test error vs observations per depth (mean over seeds and, for DMF, the first init/lr)
        PlotSpec.Builder err = PlotSpec.builder("Test error vs observations")
                .xLabel(sensing() ? "measurements" : "observed entries").yLabel("‖W−W*‖²/‖W*‖²")
                .yAxis(Axis.LOG);
        Map<String, TreeMap<Integer, List<Double>>> bySeries = new TreeMap<>();
        for (Map<String, String> r : rows) {
            boolean firstCell = r.get("method").equals("nnm")
                    || (r.get("init_scale").equals(num(s.initScales().get(0))) && r.get("lr").equals(num(s.learningRates().get(0))));
            if (!firstCell) {
                continue;
            }
            String name = r.get("method").equals("nnm") ? "nuclear norm min." : "depth " + r.get("depth");
            bySeries.computeIfAbsent(name, k -> new TreeMap<>())
                    .computeIfAbsent(Integer.parseInt(r.get("observations")), k -> new ArrayList<>())
                    .add(Double.parseDouble(r.get("test_error")));
        }
        for (Map.Entry<String, TreeMap<Integer, List<Double>>> e : bySeries.entrySet()) {
            double[] x = e.getValue().keySet().stream().mapToDouble(Integer::doubleValue).toArray();
            double[] y = e.getValue().values().stream().mapToDouble(l -> l.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN)).toArray();
            err.add(e.getKey(), x, y);
        }
        Path errPlot = staging.file("test-error-vs-observations.png");
        Plots.writePng(err.build(), errPlot);
        out.add(errPlot);
        // singular values over iterations, one plot per depth at the smallest number of observations
        int mMin = s.observations().stream().mapToInt(Integer::intValue).min().orElse(0);
        for (int depth : s.depths()) {
            History h = histories.get(depth + "|" + mMin);
            if (h == null || !s.methods().contains(Method.DMF)) {
                continue;
            }
            PlotSpec.Builder sv = PlotSpec.builder("Singular values, depth " + depth + ", " + mMin
                    + (sensing() ? " measurements" : " observations") + ", seed " + s.seeds().get(0))
                    .xLabel("iteration").yLabel("singular value").yAxis(Axis.LOG);
            double[] it = h.column("iteration");
            for (int i = 1; i <= TOP_SINGULAR_VALUES; i++) {
                sv.add("σ" + i, it, h.column("sigma_" + i));
            }
            Path p = staging.file("singular-values-depth" + depth + ".png");
            Plots.writePng(sv.build(), p);
            out.add(p);
        }
        return out;
    }

    /** Shared check helpers. */
    static double median(List<Map<String, String>> rows, String method, int depth, int m, String column) {
        double[] v = rows.stream().filter(r -> r.get("method").equals(method) && Integer.parseInt(r.get("depth")) == depth
                && Integer.parseInt(r.get("observations")) == m).mapToDouble(r -> Double.parseDouble(r.get(column)))
                .sorted().toArray();
        return v.length == 0 ? Double.NaN : v[v.length / 2];
    }

    static List<Map<String, String>> select(List<Map<String, String>> rows, String method, int depth, int m) {
        return rows.stream().filter(r -> r.get("method").equals(method) && Integer.parseInt(r.get("depth")) == depth
                && Integer.parseInt(r.get("observations")) == m).toList();
    }
}
