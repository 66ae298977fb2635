package dev.tacit.experiments;

import dev.tacit.data.Seeds;
import dev.tacit.diagnostics.Spectra;
import dev.tacit.experiments.report.Axis;
import dev.tacit.experiments.report.Csv;
import dev.tacit.experiments.report.HtmlReport;
import dev.tacit.experiments.report.PlotSpec;
import dev.tacit.experiments.report.Plots;
import dev.tacit.fit.Decision;
import dev.tacit.fit.FitResult;
import dev.tacit.fit.GradientStep;
import dev.tacit.fit.Trainer;
import dev.tacit.linalg.Matrix;
import dev.tacit.model.deep.DeepProduct;
import dev.tacit.model.deep.Init;
import dev.tacit.optim.GradientDescent;
import dev.tacit.optim.OptimizerKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Razin &amp; Cohen 2020 ("Implicit Regularization in Deep Learning May Not Be Explainable by Norms", arXiv
 * 2005.06398), the 2×2 completion: W₁₂ = W₂₁ = 1 and W₂₂ = 0 observed, W₁₁ unobserved, fitted by a depth-N
 * product of 2×2 layers with plain full-batch gradient descent on the paper's loss ½Σ of squared errors over
 * the three observed entries ({@link HalfSumLoss}), from a small Gaussian init resampled (same seeded stream)
 * until det(W) &gt; 0. Every solution [[x, 1], [1, 0]] has det = −1; while det ≥ 0 (kept under gradient flow
 * by the paper's argument), |W₁₁|·|W₂₂| ≥ ~1 forces |W₁₁| ≳ 1/√(2·loss): every norm of W diverges as the loss
 * goes to 0 while W approaches rank 1. Depth 2 with finite init and step plateaus. Measured with discrete GD
 * at these small inits: det(W) (of order α^{2N}) crosses zero early, at loss ≈ 1 (runs.csv records where),
 * yet for N ≥ 3 W is drawn to rank 1 with det ≈ 0 and |W₁₁| still grows like 1/√(2·loss), as in the paper's
 * plots; depth 2 does not (its plateau is the check).
 *
 * <p>Defaults (dmf.md §5, the paper's code and the configs of its example plots): per-layer std α and learning
 * rate η by depth — N = 2: α = (1e-6/2)^{1/2} ≈ 7.07e-4, η = 3e-3; N = 3: α = 8e-3 (the code's default), η =
 * 3e-3; N ≥ 4: α = (1e-4/2)^{1/N} (≈ 0.0841 at N = 4), η = 1.5e-3 (product-matrix scale 2α^N = 1e-6, 1e-6,
 * 1e-4 as in the plot labels). Stop when the loss &lt; 1e-4 (--tol) or after 5e6 iterations (--max-iter), as in
 * the code. {@code --init-scales} overrides α and {@code --lr} η (one value for every depth, or one per depth).
 *
 * <p>The runs take millions of iterations, so they use a closed-form 2×2 loop with no allocation per step
 * ({@link Fast2x2}); every run's first {@value #CROSS_CHECK_STEPS} steps are replayed with the core engine
 * ({@link DeepProduct}, {@link GradientStep}, {@link GradientDescent}, {@link Trainer} with a
 * {@link dev.tacit.fit.TrainingListener} recording each step) and the check lists the largest difference.
 *
 * <p>Writes results.csv (a row each time a run's loss first falls below 1e-1, 1e-2, 1e-3, 1e-4), runs.csv
 * (one row per run), history.csv (20 points per decade of iterations and per decade of loss, or every
 * --log-every iterations), plots of |W₁₁|, the norms and the effective rank vs the loss, provenance.json and report.html.
 */
public final class Razin2020Norms implements Experiment {

    /** Loss thresholds at which results.csv gets a row. */
    static final double[] THRESHOLDS = {1e-1, 1e-2, 1e-3, 1e-4};
    /** The code's iteration budget. */
    public static final long DEFAULT_MAX_ITERATIONS = 5_000_000L;
    /** The code's stopping loss. */
    public static final double DEFAULT_TOLERANCE = 1e-4;
    /** Depth-3 |W₁₁| at loss 1e-3 must lie in this range (reference run ≈ 20). */
    static final double W11_LOW = 10;
    /** Upper end of the range. */
    static final double W11_HIGH = 40;
    /**
     * Depth 2 "plateaus": |W₁₁| at loss 1e-4 is at most this factor times its value at 1e-3. With det &gt; 0
     * kept, |W₁₁| ≥ ~1/√(2·loss) grows by √10 ≈ 3.16 per decade of loss; the paper's depth-2 curves are flat
     * (7.1 → 7.2, factor 1.01); 1.5 separates the two with room on both sides.
     */
    static final double PLATEAU_FACTOR = 1.5;
    /** Depth ≥ 3: effective rank at loss 1e-4 below this ("approaches 1"). */
    static final double ERANK_LIMIT = 1.01;
    /** Steps replayed with the core engine to cross-check the fast loop. */
    static final int CROSS_CHECK_STEPS = 300;
    private static final int HISTORY_PER_DECADE = 20;
    private static final int MAX_INIT_DRAWS = 10_000;
    static final List<String> HEADER = List.of("depth", "seed", "threshold", "train_loss", "iterations", "w11_abs",
            "frobenius_norm", "nuclear_norm", "effective_rank");
    static final List<String> RUNS_HEADER = List.of("depth", "seed", "init_std", "product_init_scale",
            "learning_rate", "init_draws", "iterations", "final_loss", "stop_reason", "final_w11_abs",
            "final_det", "det_flip_iteration", "det_flip_loss", "seconds", "cross_check_max_rel_diff");
    static final List<String> HISTORY_HEADER = List.of("depth", "seed", "iteration", "train_loss", "w11_abs",
            "frobenius_norm", "nuclear_norm", "effective_rank", "sigma2_over_sigma1", "det");

    @Override
    public String id() {
        return "razin2020-norms";
    }

    @Override
    public String title() {
        return "Razin & Cohen 2020: 2x2 completion where GD drives every norm to infinity while the rank goes to 1";
    }

    static double defaultInitStd(int depth) {
        if (depth == 2) {
            return Math.sqrt(1e-6 / 2);
        }
        if (depth == 3) {
            return 8e-3;
        }
        return Math.pow(1e-4 / 2, 1.0 / depth);
    }

    static double defaultLearningRate(int depth) {
        return depth <= 3 ? 3e-3 : 1.5e-3;
    }

    private static List<Integer> depths(ExperimentOptions o) {
        return ExperimentOptions.or(o.depths(), o.quick() ? List.of(2, 3) : List.of(2, 3, 4));
    }

    private static List<Long> seeds(ExperimentOptions o) {
        return ExperimentOptions.or(o.seeds(), List.of(0L));
    }

    @Override
    public void validate(ExperimentOptions o) throws BadInputException {
        o.rejectUnused(id(), "--seeds", "--depths", "--init-scales", "--lr", "--max-iter", "--tol", "--log-every",
                "--optimizer");
        if (o.depths() != null) {
            if (o.depths().isEmpty()) {
                throw new BadInputException("--depths must list at least one depth");
            }
            for (int d : o.depths()) {
                if (d < 2 || d > 10) {
                    throw new BadInputException("--depths: every depth must be in [2, 10], got " + d);
                }
            }
        }
        if (o.seeds() != null && o.seeds().isEmpty()) {
            throw new BadInputException("--seeds must list at least one seed");
        }
        int nDepths = depths(o).size();
        perDepth("--init-scales", o.initScales(), nDepths);
        perDepth("--lr", o.learningRates(), nDepths);
        if (o.maxIterations() != null && o.maxIterations() < 1) {
            throw new BadInputException("--max-iter must be at least 1, got " + o.maxIterations());
        }
        if (o.tolerance() != null && !(o.tolerance() > 0 && o.tolerance() < 1)) {
            throw new BadInputException("--tol must be in (0, 1) (the run stops when the loss falls below it), got "
                    + o.tolerance());
        }
        if (o.logEvery() != null && o.logEvery() < 1) {
            throw new BadInputException("--log-every must be at least 1, got " + o.logEvery());
        }
        if (o.optimizer() != null && o.optimizer() != OptimizerKind.GD) {
            throw new BadInputException("--optimizer: this experiment is plain gradient descent (gd), got "
                    + o.optimizer().name().toLowerCase(Locale.ROOT));
        }
    }

    private static void perDepth(String name, List<Double> values, int nDepths) throws BadInputException {
        if (values == null) {
            return;
        }
        if (values.size() != 1 && values.size() != nDepths) {
            throw new BadInputException(name + " takes one value or one per depth (" + nDepths + "), got "
                    + values.size());
        }
        for (double v : values) {
            if (!(v > 0) || !Double.isFinite(v)) {
                throw new BadInputException(name + " values must be positive and finite, got " + v);
            }
        }
    }

    private static double pick(List<Double> values, int index, double fallback) {
        if (values == null) {
            return fallback;
        }
        return values.size() == 1 ? values.get(0) : values.get(index);
    }

    /** One (depth, seed) run. */
    record RunResult(int depth, long seed, double alpha, double lr, int draws, long iterations, double finalLoss,
                     String stopReason, double finalW11, double finalDet, long flipIteration,
                     double flipLoss, double seconds, double crossCheck,
                     List<double[]> thresholdRows, List<double[]> history) {

        /** @return the threshold row (threshold, loss, iterations, w11, fro, nuc, erank) or null */
        double[] at(double threshold) {
            for (double[] r : thresholdRows) {
                if (r[0] == threshold) {
                    return r;
                }
            }
            return null;
        }
    }

    @Override
    public ExperimentReport run(ExperimentOptions o, Progress progress) throws BadInputException, IOException {
        validate(o);
        List<Integer> depths = depths(o);
        List<Long> seeds = seeds(o);
        long maxIter = ExperimentOptions.or(o.maxIterations(), DEFAULT_MAX_ITERATIONS);
        double tol = ExperimentOptions.or(o.tolerance(), DEFAULT_TOLERANCE);
        Integer logEvery = o.logEvery();
        List<RunResult> runs = new ArrayList<>();
        progress.start(depths.size() * seeds.size());
        int done = 0;
        for (long seed : seeds) {
            for (int i = 0; i < depths.size(); i++) {
                int depth = depths.get(i);
                double alpha = pick(o.initScales(), i, defaultInitStd(depth));
                double lr = pick(o.learningRates(), i, defaultLearningRate(depth));
                String label = "depth " + depth + " seed " + seed;
                int completed = done;
                runs.add(train(depth, seed, alpha, lr, maxIter, tol, logEvery,
                        f -> progress.update(completed, label, f)));
                progress.update(++done, label, 1.0);
            }
        }
        progress.finish();

        List<List<String>> rows = new ArrayList<>();
        List<List<String>> runRows = new ArrayList<>();
        List<List<String>> history = new ArrayList<>();
        boolean anyDiverged = false;
        for (RunResult r : runs) {
            for (double[] t : r.thresholdRows()) {
                rows.add(List.of(Integer.toString(r.depth()), Long.toString(r.seed()), fmt(t[0]), Double.toString(t[1]),
                        Long.toString((long) t[2]), fmt(t[3]), fmt(t[4]), fmt(t[5]), fmt(t[6])));
            }
            runRows.add(List.of(Integer.toString(r.depth()), Long.toString(r.seed()), fmt(r.alpha()),
                    fmt(2 * Math.pow(r.alpha(), r.depth())), fmt(r.lr()), Integer.toString(r.draws()),
                    Long.toString(r.iterations()), fmt(r.finalLoss()), r.stopReason(), fmt(r.finalW11()),
                    fmt(r.finalDet()), Long.toString(r.flipIteration()),
                    r.flipIteration() < 0 ? "" : fmt(r.flipLoss()), String.format(Locale.ROOT, "%.3f", r.seconds()), fmt(r.crossCheck())));
            for (double[] h : r.history()) {
                List<String> row = new ArrayList<>(List.of(Integer.toString(r.depth()), Long.toString(r.seed()),
                        Long.toString((long) h[0])));
                for (int k = 1; k < h.length; k++) {
                    row.add(fmt(h[k]));
                }
                history.add(row);
            }
            anyDiverged |= r.stopReason().equals("diverged");
        }
        List<String> checks = checks(runs);

        try (Staging staging = new Staging(o.out())) {
            Csv.writeCsv(staging.file("results.csv"), HEADER, rows);
            Csv.writeCsv(staging.file("runs.csv"), RUNS_HEADER, runRows);
            Csv.writeCsv(staging.file("history.csv"), HISTORY_HEADER, history);
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("depths", depths);
            config.put("seeds", seeds);
            List<Double> alphas = new ArrayList<>();
            List<Double> lrs = new ArrayList<>();
            for (int i = 0; i < depths.size(); i++) {
                alphas.add(pick(o.initScales(), i, defaultInitStd(depths.get(i))));
                lrs.add(pick(o.learningRates(), i, defaultLearningRate(depths.get(i))));
            }
            config.put("init_std_per_layer", alphas);
            config.put("learning_rates", lrs);
            config.put("init", "i.i.d. N(0, std^2) per entry of each 2x2 layer, redrawn until det(W) > 0");
            config.put("loss", "1/2 * sum of squared errors over W12 = 1, W21 = 1, W22 = 0");
            config.put("optimizer", "plain full-batch gradient descent");
            config.put("max_iter", maxIter);
            config.put("tol", tol);
            config.put("history", logEvery == null ? HISTORY_PER_DECADE + " points per decade of iterations and per decade of loss"
                    : "every " + logEvery + " iterations");
            String provenance = Provenance.json(id(), config);
            Files.writeString(staging.file("provenance.json"), provenance);

            HtmlReport report = new HtmlReport(title());
            report.addParagraph("2x2 completion with W12 = W21 = 1 and W22 = 0 observed and W11 unobserved; every "
                    + "completion [[x, 1], [1, 0]] has det = -1. Depth-N products of 2x2 layers, small Gaussian "
                    + "init redrawn until det(W) > 0, plain gradient descent on 1/2 * sum of squared errors until "
                    + "the loss < " + fmt(tol) + " or " + maxIter + " iterations. Reference (the paper's plots, "
                    + "dmf.md section 5): depth 3 |W11| about 2 / 6 / 20 / 62-70 at loss 1e-1 / 1e-2 / 1e-3 / "
                    + "1e-4 (depth 4 the same, 57-70 at 1e-4); depth 2 plateaus (balanced about 7.1 / 7.2 at "
                    + "1e-3 / 1e-4, unbalanced 0.7-1.2). Depth-2 plateau check: |W11| at loss 1e-4 at most "
                    + fmt(PLATEAU_FACTOR) + " times its value at 1e-3 (keeping det > 0 would force a factor of about "
                    + "sqrt(10) = 3.16 per decade of loss). With discrete GD at these small inits det(W), of order "
                    + "std^(2N), crosses zero early, near loss 1 (runs.csv: det_flip_iteration, det_flip_loss); for "
                    + "depth >= 3 W is nevertheless drawn to rank 1 with det near 0 and |W11| keeps growing.");
            report.addTable("results.csv (a row when the loss first falls below each threshold)", HEADER, rows);
            report.addTable("runs.csv", RUNS_HEADER, runRows);
            plot(staging, report, runs, "w11-vs-loss.png", "|W11| vs training loss", "|W11|", 2, Axis.LOG);
            plot(staging, report, runs, "frobenius-vs-loss.png", "Frobenius norm vs training loss", "||W||_F", 3,
                    Axis.LOG);
            plot(staging, report, runs, "nuclear-vs-loss.png", "nuclear norm vs training loss", "||W||_*", 4,
                    Axis.LOG);
            plot(staging, report, runs, "erank-vs-loss.png", "effective rank vs training loss", "effective rank",
                    5, Axis.LINEAR);
            report.addPreformatted("checks", String.join("\n", checks));
            report.addPreformatted("provenance.json", provenance);
            report.write(staging.file("report.html"));
            staging.commit();
        }
        return new ExperimentReport(o.out(), HEADER, rows, checks, anyDiverged, runs.size() == 1);
    }

    private static void plot(Staging staging, HtmlReport report, List<RunResult> runs, String file, String title,
                             String yLabel, int column, Axis yAxis) throws IOException {
        PlotSpec.Builder b = PlotSpec.builder(title + " (x axis: loss, log scale)").xLabel("training loss")
                .yLabel(yLabel).xAxis(Axis.LOG).yAxis(yAxis);
        for (RunResult r : runs) {
            int n = r.history().size();
            double[] x = new double[n];
            double[] y = new double[n];
            for (int k = 0; k < n; k++) {
                x[k] = r.history().get(k)[1];
                y[k] = r.history().get(k)[column];
            }
            b.add("depth " + r.depth() + ", seed " + r.seed(), x, y);
        }
        Path png = staging.file(file);
        Plots.writePng(b.build(), png);
        report.addImage(title, png);
    }

    static List<String> checks(List<RunResult> runs) {
        List<String> checks = new ArrayList<>();
        for (RunResult r : runs) {
            String who = "depth " + r.depth() + ", seed " + r.seed();
            double[] a3 = r.at(1e-3);
            double[] a4 = r.at(1e-4);
            if (r.depth() >= 3) {
                if (a3 == null) {
                    checks.add("FAIL  " + who + ": |W11| in [" + fmt(W11_LOW) + ", " + fmt(W11_HIGH)
                            + "] at loss 1e-3 (ref about 20): loss 1e-3 not reached (final " + fmt(r.finalLoss())
                            + " after " + r.iterations() + " iterations)");
                } else {
                    boolean ok = a3[3] >= W11_LOW && a3[3] <= W11_HIGH;
                    checks.add(pass(ok) + who + ": |W11| at loss 1e-3 = " + fmt(a3[3]) + " in [" + fmt(W11_LOW)
                            + ", " + fmt(W11_HIGH) + "] (ref about 20)");
                }
                if (a3 == null || a4 == null) {
                    checks.add("FAIL  " + who + ": |W11| still growing at loss 1e-4 (ref 60-70): loss 1e-4 not "
                            + "reached (final " + fmt(r.finalLoss()) + " after " + r.iterations() + " iterations)");
                } else {
                    checks.add(pass(a4[3] > a3[3]) + who + ": |W11| at loss 1e-4 = " + fmt(a4[3])
                            + " > its value at 1e-3 = " + fmt(a3[3]) + ", factor " + fmt(a4[3] / a3[3])
                            + " (ref 60-70; 1/sqrt(2*loss) = 70.7)");
                    boolean erank = a4[6] < ERANK_LIMIT && a3[6] < ERANK_LIMIT;
                    checks.add(pass(erank) + who + ": effective rank approaches 1: " + fmt(a3[6]) + " at loss 1e-3, "
                            + fmt(a4[6]) + " at 1e-4 (both < " + fmt(ERANK_LIMIT) + "; ref: erank -> 1)");
                }
            } else {
                if (a3 == null || a4 == null) {
                    checks.add("FAIL  " + who + ": |W11| plateaus: loss 1e-4 not reached (final "
                            + fmt(r.finalLoss()) + " after " + r.iterations() + " iterations)");
                } else {
                    boolean ok = a4[3] <= PLATEAU_FACTOR * a3[3];
                    checks.add(pass(ok) + who + ": |W11| plateaus: " + fmt(a3[3]) + " at loss 1e-3 -> "
                            + fmt(a4[3]) + " at 1e-4, factor " + fmt(a4[3] / a3[3]) + " <= " + fmt(PLATEAU_FACTOR)
                            + " (ref: flat, balanced 7.1 -> 7.2, unbalanced 0.7-1.2; det kept > 0 would need "
                            + "factor >= ~3.16); final det(W) = " + fmt(r.finalDet()));
                }
            }
            checks.add(pass(r.crossCheck() < 1e-9) + who + ": the fast 2x2 loop matches the core engine "
                    + "(DeepProduct + GradientStep + GradientDescent + Trainer) over " + CROSS_CHECK_STEPS
                    + " steps, max relative difference " + fmt(r.crossCheck()) + " (< 1e-9)");
        }
        return checks;
    }

    private static String pass(boolean ok) {
        return ok ? "PASS  " : "FAIL  ";
    }

    /** Progress within one run. */
    interface RunProgress {
        void fraction(double f);
    }

    /** Draws the layers from the seeded init stream until det(W) &gt; 0 and trains them. */
    static RunResult train(int depth, long seed, double alpha, double lr, long maxIter, double tol, Integer logEvery,
                           RunProgress progress) throws BadInputException {
        SplittableRandom rng = Seeds.stream(seed, Seeds.Stream.INITIALIZATION);
        DeepProduct init = null;
        int draws = 0;
        // DeepProduct's Gaussian init has per-layer std scale^(1/N)/sqrt(2) for 2x2 layers
        double scale = Math.pow(alpha * Math.sqrt(2), depth);
        while (draws < MAX_INIT_DRAWS) {
            draws++;
            DeepProduct p = DeepProduct.square(2, 2, depth, Init.GAUSSIAN, scale, rng);
            Matrix w = p.endToEnd();
            if (w.get(0, 0) * w.get(1, 1) - w.get(0, 1) * w.get(1, 0) > 0) {
                init = p;
                break;
            }
        }
        if (init == null) {
            throw new BadInputException("--init-scales " + alpha + ": no init with det(W) > 0 in " + MAX_INIT_DRAWS
                    + " draws (the init underflows)");
        }
        double crossCheck = crossCheck(init, lr);
        Fast2x2 f = new Fast2x2(init, lr);
        List<double[]> thresholdRows = new ArrayList<>();
        List<double[]> history = new ArrayList<>();
        long start = System.nanoTime();
        int next = 0;
        double nextLog = 0;
        double nextLogLoss = Double.POSITIVE_INFINITY;
        double logStep = Math.pow(10, 1.0 / HISTORY_PER_DECADE);
        String stop;
        long t = 0;
        long flipIteration = -1;
        double flipLoss = Double.NaN;
        double loss;
        while (true) {
            loss = f.evaluate();
            if (!Double.isFinite(loss)) {
                stop = "diverged";
                break;
            }
            if (flipIteration < 0) {
                double[] w = f.w();
                if (w[0] * w[3] - w[1] * w[2] <= 0) {
                    flipIteration = t;
                    flipLoss = loss;
                }
            }
            while (next < THRESHOLDS.length && loss < THRESHOLDS[next]) {
                double[] m = metrics(f.w());
                thresholdRows.add(new double[] {THRESHOLDS[next], loss, t, m[0], m[1], m[2], m[3]});
                next++;
            }
            boolean logNow = logEvery != null ? t % logEvery == 0 : t >= nextLog || loss < nextLogLoss;
            if (logNow) {
                history.add(historyRow(t, loss, f.w()));
                nextLog = Math.max(t + 1, nextLog * logStep);
                nextLogLoss = loss / logStep;
            }
            if (loss < tol) {
                stop = "tolerance";
                break;
            }
            if (t >= maxIter) {
                stop = "max_iterations";
                break;
            }
            f.update();
            t++;
            if ((t & 0x3FFFF) == 0) {
                progress.fraction((double) t / maxIter);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (Double.isFinite(loss) && (history.isEmpty() || history.get(history.size() - 1)[0] != t)) {
            history.add(historyRow(t, loss, f.w()));
        }
        double[] w = f.w();
        return new RunResult(depth, seed, alpha, lr, draws, t, loss, stop, Math.abs(w[0]), w[0] * w[3] - w[1] * w[2],
                flipIteration, flipLoss, seconds, crossCheck, thresholdRows, history);
    }

    private static double[] historyRow(long t, double loss, double[] w) {
        double[] m = metrics(w);
        return new double[] {t, loss, m[0], m[1], m[2], m[3], m[4], m[5]};
    }

    /**
     * Closed-form 2×2 spectrum of W = [[a, b], [c, d]] (row-major): σ₁,₂ = (Q ± R)/2 with Q = √((a+d)² + (c−b)²),
     * R = √((a−d)² + (b+c)²).
     *
     * @param w row-major 2×2
     * @return |W₁₁|, ‖W‖_F, ‖W‖_*, effective rank, σ₂/σ₁, det W
     */
    static double[] metrics(double[] w) {
        double a = w[0];
        double b = w[1];
        double c = w[2];
        double d = w[3];
        double q = Math.hypot(a + d, c - b);
        double r = Math.hypot(a - d, b + c);
        double s1 = 0.5 * (q + r);
        double s2 = 0.5 * Math.abs(q - r);
        double[] sigma = {s1, s2};
        return new double[] {Math.abs(a), Math.sqrt(a * a + b * b + c * c + d * d), Spectra.nuclearNorm(sigma),
                Spectra.effectiveRank(sigma), s1 > 0 ? s2 / s1 : 0.0, a * d - b * c};
    }

    /**
     * Replays {@value #CROSS_CHECK_STEPS} steps from {@code init} with the core engine and with {@link Fast2x2};
     * @return the largest relative difference of the loss and of the end-to-end entries over the steps
     */
    static double crossCheck(DeepProduct init, double lr) {
        int steps = CROSS_CHECK_STEPS;
        double[] coreLoss = new double[steps + 1];
        double[][] coreW = new double[steps + 1][4];
        Trainer trainer = Trainer.builder().maxIterations(steps).tolerance(0).logEvery(1)
                .listener((state, hist) -> {
                    int t = (int) state.iteration();
                    coreLoss[t] = state.trainLoss();
                    Matrix w = state.parameterization().endToEnd();
                    for (int k = 0; k < 4; k++) {
                        coreW[t][k] = w.getFlat(k);
                    }
                    return Decision.CONTINUE;
                }).build();
        FitResult fit = trainer.fit(init.copy(), HalfSumLoss.razin2x2(), new GradientStep(new GradientDescent(lr)));
        if (fit.iterations() != steps) {
            return Double.POSITIVE_INFINITY;
        }
        Fast2x2 f = new Fast2x2(init, lr);
        double worst = 0;
        for (int t = 0; t <= steps; t++) {
            double loss = f.evaluate();
            worst = Math.max(worst, Math.abs(loss - coreLoss[t]) / Math.max(Math.abs(coreLoss[t]), 1e-300));
            double norm = 0;
            for (int k = 0; k < 4; k++) {
                norm = Math.max(norm, Math.abs(coreW[t][k]));
            }
            for (int k = 0; k < 4; k++) {
                worst = Math.max(worst, Math.abs(f.w()[k] - coreW[t][k]) / Math.max(norm, 1e-300));
            }
            f.update();
        }
        return worst;
    }

    /**
     * Gradient descent on ½[(W₁₂−1)² + (W₂₁−1)² + W₂₂²] for W = W_N···W_1 with 2×2 layers, in closed form on
     * row-major double[4]s, allocating nothing per step. Gradients: with T_N = ∇ℓ(W) and T_{j−1} = W_jᵀT_j,
     * ∂ℓ/∂W_j = T_j·P_{j−1}ᵀ where P_j = W_j···W_1 (∂ℓ/∂W_1 = T_1), as in {@link DeepProduct#backward}.
     */
    static final class Fast2x2 {
        private final int n;
        private final double lr;
        private final double[][] layers;
        private final double[][] prefix;
        private final double[][] grads;
        private final double[] t0 = new double[4];
        private final double[] t1 = new double[4];

        Fast2x2(DeepProduct p, double lr) {
            this.n = p.depth();
            this.lr = lr;
            this.layers = new double[n][4];
            this.prefix = new double[n][];
            this.grads = new double[n][4];
            for (int j = 0; j < n; j++) {
                Matrix m = p.layer(j + 1);
                for (int k = 0; k < 4; k++) {
                    layers[j][k] = m.getFlat(k);
                }
                prefix[j] = j == 0 ? layers[0] : new double[4];
            }
        }

        /** @return the end-to-end W (live, row-major) as of the last {@link #evaluate()} */
        double[] w() {
            return prefix[n - 1];
        }

        /** Forward and backward pass; @return the loss at the current layers */
        double evaluate() {
            for (int j = 1; j < n; j++) {
                mul(layers[j], prefix[j - 1], prefix[j]);
            }
            double[] w = prefix[n - 1];
            double r12 = w[1] - 1;
            double r21 = w[2] - 1;
            double r22 = w[3];
            double[] t = t0;
            double[] other = t1;
            t[0] = 0;
            t[1] = r12;
            t[2] = r21;
            t[3] = r22;
            for (int j = n - 1; j >= 1; j--) {
                mulBt(t, prefix[j - 1], grads[j]);
                mulAt(layers[j], t, other);
                double[] swap = t;
                t = other;
                other = swap;
            }
            System.arraycopy(t, 0, grads[0], 0, 4);
            return 0.5 * (r12 * r12 + r21 * r21 + r22 * r22);
        }

        /** W_j ← W_j − η·∂ℓ/∂W_j with the gradients of the last {@link #evaluate()}. */
        void update() {
            for (int j = 0; j < n; j++) {
                double[] l = layers[j];
                double[] g = grads[j];
                l[0] -= lr * g[0];
                l[1] -= lr * g[1];
                l[2] -= lr * g[2];
                l[3] -= lr * g[3];
            }
        }

        private static void mul(double[] a, double[] b, double[] out) {
            out[0] = a[0] * b[0] + a[1] * b[2];
            out[1] = a[0] * b[1] + a[1] * b[3];
            out[2] = a[2] * b[0] + a[3] * b[2];
            out[3] = a[2] * b[1] + a[3] * b[3];
        }

        /** out = aᵀ·b */
        private static void mulAt(double[] a, double[] b, double[] out) {
            out[0] = a[0] * b[0] + a[2] * b[2];
            out[1] = a[0] * b[1] + a[2] * b[3];
            out[2] = a[1] * b[0] + a[3] * b[2];
            out[3] = a[1] * b[1] + a[3] * b[3];
        }

        /** out = a·bᵀ */
        private static void mulBt(double[] a, double[] b, double[] out) {
            out[0] = a[0] * b[0] + a[1] * b[1];
            out[1] = a[0] * b[2] + a[1] * b[3];
            out[2] = a[2] * b[0] + a[3] * b[1];
            out[3] = a[2] * b[2] + a[3] * b[3];
        }
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
