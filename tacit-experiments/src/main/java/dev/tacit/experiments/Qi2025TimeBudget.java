package dev.tacit.experiments;

import dev.tacit.data.table.LabeledMatrix;
import dev.tacit.data.table.LabeledMatrixReader;
import dev.tacit.data.table.RowLabels;
import dev.tacit.experiments.report.Csv;
import dev.tacit.experiments.report.HtmlReport;
import dev.tacit.linalg.Matrix;
import dev.tacit.model.nmf.IdentifiabilityReport;
import dev.tacit.model.nmf.LatentBudgetFit;
import dev.tacit.model.nmf.NmfSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Qi &amp; van der Heijden (arXiv:2512.22282), the time-budget example: the 30 × 18 table of minutes per week
 * (2 sexes × 5 age groups × 3 years; 18 activities; shipped in the jar, source in data/README.md) factored
 * with K = 3 latent budgets by every model of the family — NMF, PLSA, LBA (least squares and maximum
 * likelihood), EMA and LCA — each as a thin adapter over the one NMF core; for every fit the feasible range
 * (inner and outer extreme solutions: the transformations T with rows summing to 1, A·T⁻¹ ≥ 0, T·B ≥ 0 that
 * bring the budgets closest together / furthest apart, by R lba's identif() criterion) and a uniqueness
 * verdict, and the minimum- and maximum-volume NMF solutions (the review's {@code minvolNMF} run, λ = 0.01,
 * and MAV-NMF's max-volume counterpart) next to the extremes, with log det(BBᵀ + 0.1 I) of each. Writes results.csv (one row per model and seed, plus
 * {@value #MIN_VOLUME_ROW} and {@value #MAX_VOLUME_ROW}), budgets.csv (fitted, inner and outer budgets),
 * history.csv, provenance.json, stacked-bar plots of the budgets and report.html.
 *
 * <p>Options: {@code --rank} K (default 3, at most 4), {@code --seeds} (init and random search), {@code
 * --max-iter} and {@code --tol} of the NMF core (defaults 2000 and 1e-6: the fits are small). {@code --quick}
 * is the same setting (it runs in seconds).
 */
public final class Qi2025TimeBudget implements Experiment {

    /** Default number of latent budgets, as in the review. */
    public static final int DEFAULT_RANK = 3;
    /** NMF sweeps per fit. */
    public static final long DEFAULT_MAX_ITERATIONS = 2000;
    /** NMF stopping tolerance. */
    public static final double DEFAULT_TOLERANCE = 1e-6;
    private static final List<String> METADATA = List.of("sex", "age_group", "year");
    /** The results row of the minimum-volume fit (NMF of the row profiles by minvolNMF's method). */
    static final String MIN_VOLUME_ROW = "minvol-nmf";
    /** The results row of the maximum-volume fit (MAV-NMF's counterpart; its volume_gap is max − min volume). */
    static final String MAX_VOLUME_ROW = "maxvol-nmf";

    @Override
    public String id() {
        return "qi2025-timebudget";
    }

    @Override
    public String title() {
        return "Qi & van der Heijden 2025: NMF, PLSA, LBA, EMA, LCA on the time-budget table, with identifiability";
    }

    @Override
    public void validate(ExperimentOptions o) throws BadInputException {
        o.rejectUnused(id(), "--seeds", "--rank", "--max-iter", "--tol");
        int k = ExperimentOptions.or(o.rank(), DEFAULT_RANK);
        if (k < 1 || k > 4) {
            throw new BadInputException("--rank must be in [1, 4] (the range analysis handles K <= 4), got " + k);
        }
        if (o.seeds() != null && o.seeds().isEmpty()) {
            throw new BadInputException("--seeds must list at least one seed");
        }
        if (o.maxIterations() != null && o.maxIterations() < 1) {
            throw new BadInputException("--max-iter must be at least 1, got " + o.maxIterations());
        }
        if (o.tolerance() != null && !(o.tolerance() >= 0)) {
            throw new BadInputException("--tol must be non-negative, got " + o.tolerance());
        }
    }

    @Override
    public ExperimentReport run(ExperimentOptions o, Progress progress) throws BadInputException, IOException {
        validate(o);
        int k = ExperimentOptions.or(o.rank(), DEFAULT_RANK);
        List<Long> seeds = ExperimentOptions.or(o.seeds(), List.of(0L));
        NmfSettings base = NmfSettings.defaults()
                .withMaxIterations(ExperimentOptions.or(o.maxIterations(), DEFAULT_MAX_ITERATIONS))
                .withTolerance(ExperimentOptions.or(o.tolerance(), DEFAULT_TOLERANCE));
        Path table = Files.createTempFile("time_budget", ".csv");
        LabeledMatrix x;
        try (InputStream in = Qi2025TimeBudget.class.getResourceAsStream("time_budget.csv")) {
            Files.copy(in, table, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            x = LabeledMatrixReader.read(table, RowLabels.AUTO, METADATA);
        } catch (dev.tacit.data.table.TableFormatException e) {
            throw new IllegalStateException("the bundled time-budget table is unreadable: " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(table);
        }
        List<String> header = List.of("model", "seed", "K", "rel_error", "iterations", "converged", "fitted_distance",
                "inner_distance", "outer_distance", "verdict", "volume_gap", "fitted_log_volume", "inner_log_volume",
                "outer_log_volume", "seconds", "budgets");
        List<List<String>> rows = new ArrayList<>();
        List<List<String>> budgets = new ArrayList<>();
        List<List<String>> history = new ArrayList<>();
        List<String> checks = new ArrayList<>();
        Map<String, FactorJob.Result> firstSeed = new LinkedHashMap<>();
        LatentBudgetFit minVolumeFirstSeed = null;
        LatentBudgetFit maxVolumeFirstSeed = null;
        FactorModel[] models = FactorModel.values();
        progress.start(models.length * seeds.size());
        int done = 0;
        for (long seed : seeds) {
            for (FactorModel m : models) {
                progress.update(done, m.cliName() + " seed " + seed, 0.0);
                NmfSettings s = base.withSeed(seed);
                if (m.latentBudgetModel() != null && m.latentBudgetModel().loss() != s.loss()) {
                    s = s.withLoss(m.latentBudgetModel().loss()).withSolver(dev.tacit.model.nmf.NmfSolver.MULTIPLICATIVE_UPDATE);
                }
                FactorJob.Request request = new FactorJob.Request(Path.of("time_budget.csv"), RowLabels.AUTO, METADATA,
                        k, s, o.out(), m, m == FactorModel.LBA ? RangeAnalysis.IDENTIFIABILITY : RangeAnalysis.EXTREMES);
                FactorJob.Result r;
                try {
                    r = FactorJob.fit(request, x);
                } catch (IllegalArgumentException e) {
                    throw new BadInputException(m.cliName() + ": " + e.getMessage());
                }
                IdentifiabilityReport id = r.identifiability();
                rows.add(List.of(m.cliName(), Long.toString(seed), Integer.toString(k), fmt(r.relativeError()),
                        Long.toString(r.fit().iterations()), Boolean.toString(r.fit().converged()),
                        fmt(id.fitted().distance()), fmt(id.inner().distance()), fmt(id.outer().distance()),
                        id.verdict().name().toLowerCase(Locale.ROOT), fmt(id.volumeGap()),
                        fmt(id.fitted().logVolume()), fmt(id.inner().logVolume()), fmt(id.outer().logVolume()),
                        fmt(r.fit().seconds()), describe(r.h(), x.columnLabels())));
                addBudgets(budgets, m.cliName(), seed, "fitted", r.h());
                addBudgets(budgets, m.cliName(), seed, "inner", id.inner().b());
                addBudgets(budgets, m.cliName(), seed, "outer", id.outer().b());
                double[] h = r.fit().objectiveHistory();
                for (int t = 0; t < h.length; t++) {
                    history.add(List.of(m.cliName(), Long.toString(seed), Integer.toString(t), fmt(h[t])));
                }
                if (seed == seeds.get(0)) {
                    firstSeed.put(m.cliName(), r);
                }
                boolean ordered = id.inner().distance() <= id.fitted().distance() + 1e-9
                        && id.fitted().distance() <= id.outer().distance() + 1e-9;
                checks.add((ordered ? "PASS" : "FAIL") + "  " + m.cliName() + ", seed " + seed
                        + ": inner <= fitted <= outer budget distance (" + fmt(id.inner().distance()) + " <= "
                        + fmt(id.fitted().distance()) + " <= " + fmt(id.outer().distance()) + "), verdict "
                        + id.verdict().name().toLowerCase(Locale.ROOT).replace('_', ' '));
                if (m == FactorModel.LBA && r.minVolume() != null && r.maxVolume() != null) {
                    // the review's minvolNMF run and MAV-NMF's max-volume counterpart (the same for every model:
                    // least squares on the row profiles)
                    LatentBudgetFit mv = r.minVolume();
                    LatentBudgetFit xv = r.maxVolume();
                    double mvLog = FactorJob.logVolume(mv);
                    double xvLog = FactorJob.logVolume(xv);
                    for (LatentBudgetFit v : List.of(mv, xv)) {
                        String name = v == mv ? MIN_VOLUME_ROW : MAX_VOLUME_ROW;
                        double logVolume = v == mv ? mvLog : xvLog;
                        rows.add(List.of(name, Long.toString(seed), Integer.toString(k),
                                fmt(v.nmf().relativeError()), Long.toString(v.iterations()), Boolean.toString(v.converged()),
                                "", "", "", "", v == mv ? "" : fmt(xvLog - mvLog), fmt(logVolume), "", "",
                                fmt(v.nmf().seconds()), describe(v.b(), x.columnLabels())));
                        addBudgets(budgets, name, seed, "fitted", v.b());
                    }
                    if (seed == seeds.get(0)) {
                        minVolumeFirstSeed = mv;
                        maxVolumeFirstSeed = xv;
                    }
                    checks.add("INFO  " + MIN_VOLUME_ROW + " / " + MAX_VOLUME_ROW + ", seed " + seed + " (lambda "
                            + base.volume().lambda() + ", delta " + base.volume().delta() + "): log det(BB^T + 0.1 I) = "
                            + fmt(mvLog) + " / " + fmt(xvLog) + " (MAV-NMF gap " + fmt(xvLog - mvLog) + ") vs lba's fitted "
                            + fmt(id.fitted().logVolume()) + ", inner " + fmt(id.inner().logVolume()) + ", outer "
                            + fmt(id.outer().logVolume()));
                }
                progress.update(++done, m.cliName() + " seed " + seed, 1.0);
            }
        }
        progress.finish();
        List<String> budgetHeader = new ArrayList<>(List.of("model", "seed", "solution", "budget"));
        budgetHeader.addAll(x.columnLabels());
        try (Staging staging = new Staging(o.out())) {
            Csv.writeCsv(staging.file("results.csv"), header, rows);
            Csv.writeCsv(staging.file("budgets.csv"), budgetHeader, budgets);
            Csv.writeCsv(staging.file("history.csv"), List.of("model", "seed", "iteration", "objective"), history);
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("rank", k);
            config.put("seeds", seeds);
            config.put("max_iter", base.maxIterations());
            config.put("tol", base.tolerance());
            config.put("minvol_lambda", base.volume().lambda());
            config.put("minvol_delta", base.volume().delta());
            config.put("minvol_init", "spa");
            config.put("data", "time_budget.csv (30 x 18, bundled; see data/README.md)");
            Files.writeString(staging.file("provenance.json"), Provenance.json(id(), config));
            HtmlReport report = new HtmlReport(title());
            report.addParagraph("Every model of the family fitted with K = " + k + " latent budgets to the 30 x 18 "
                    + "time-budget table (minutes per week); the budgets are rows of B (they sum to 1). For each fit, "
                    + "the inner and outer extreme solutions of the feasible set bound how far the budgets can move "
                    + "without changing the fit (R lba identif() criterion, slack 0.001). The row " + MIN_VOLUME_ROW
                    + " is the review's minvolNMF run: least-squares NMF of the row profiles with rows of A on the simplex "
                    + "and the penalty (lambda'/2) log det(BB^T + delta I) (lambda = " + base.volume().lambda()
                    + " relative, delta = " + base.volume().delta() + ", SPA start). The log_volume columns give "
                    + "log det(BB^T + 0.1 I) of each solution (MAV-NMF's volume measure); volume_gap is outer minus "
                    + "inner for the models, and max- minus min-volume for " + MAX_VOLUME_ROW + " (rows of B on the "
                    + "simplex, minus the same volume term; MAV-NMF's check: a small gap means a numerically unique "
                    + "factorization).");
            report.addTable("results.csv", header, rows);
            List<String> components = new ArrayList<>();
            for (int c = 1; c <= k; c++) {
                components.add("budget_" + c);
            }
            for (Map.Entry<String, FactorJob.Result> e : firstSeed.entrySet()) {
                String name = e.getKey();
                IdentifiabilityReport id = e.getValue().identifiability();
                for (String sol : List.of("fitted", "inner", "outer")) {
                    Matrix b = sol.equals("fitted") ? e.getValue().h() : sol.equals("inner") ? id.inner().b()
                            : id.outer().b();
                    Path png = staging.file("budgets-" + name + "-" + sol + ".png");
                    FactorPlots.loadings(b, components, name.toUpperCase(Locale.ROOT) + ", " + sol + " budgets", png);
                    report.addImage(name + ": " + sol + " budgets", png);
                }
            }
            if (minVolumeFirstSeed != null) {
                Path png = staging.file("budgets-" + MIN_VOLUME_ROW + ".png");
                FactorPlots.loadings(minVolumeFirstSeed.b(), components, "MIN-VOLUME NMF budgets", png);
                report.addImage(MIN_VOLUME_ROW + ": budgets", png);
                png = staging.file("budgets-" + MAX_VOLUME_ROW + ".png");
                FactorPlots.loadings(maxVolumeFirstSeed.b(), components, "MAX-VOLUME NMF budgets", png);
                report.addImage(MAX_VOLUME_ROW + ": budgets", png);
            }
            report.addPreformatted("checks", String.join("\n", checks));
            report.addPreformatted("provenance.json", Provenance.json(id(), config));
            report.write(staging.file("report.html"));
            staging.commit();
        }
        return new ExperimentReport(o.out(), header, rows, checks, false, rows.size() == 1);
    }

    private static void addBudgets(List<List<String>> out, String model, long seed, String solution, Matrix b) {
        for (int c = 0; c < b.rows(); c++) {
            List<String> row = new ArrayList<>(List.of(model, Long.toString(seed), solution,
                    Integer.toString(c + 1)));
            for (int j = 0; j < b.cols(); j++) {
                row.add(fmt(b.get(c, j)));
            }
            out.add(row);
        }
    }

    /** "b1: sleeping .36, dom.work .15, tv-radio .08 | b2: …" — the three largest shares of each budget. */
    private static String describe(Matrix b, List<String> labels) {
        List<String> parts = new ArrayList<>();
        for (int c = 0; c < b.rows(); c++) {
            int row = c;
            List<Integer> order = new ArrayList<>();
            for (int j = 0; j < b.cols(); j++) {
                order.add(j);
            }
            order.sort(Comparator.comparingDouble((Integer j) -> -b.get(row, j)));
            StringBuilder sb = new StringBuilder("b" + (c + 1) + ":");
            for (int t = 0; t < Math.min(3, order.size()); t++) {
                int j = order.get(t);
                sb.append(' ').append(labels.get(j)).append(' ').append(String.format(Locale.ROOT, "%.2f", b.get(row, j)));
            }
            parts.add(sb.toString());
        }
        return String.join(" | ", parts);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
