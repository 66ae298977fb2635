package dev.tacit.experiments;

import dev.tacit.data.LowRankGenerator;
import dev.tacit.data.Seeds;
import dev.tacit.diagnostics.ConservedQuantities;
import dev.tacit.experiments.report.Axis;
import dev.tacit.experiments.report.Csv;
import dev.tacit.experiments.report.HtmlReport;
import dev.tacit.experiments.report.PlotSpec;
import dev.tacit.experiments.report.Plots;
import dev.tacit.linalg.Matrix;
import dev.tacit.linalg.Transpose;
import dev.tacit.model.deep.DeepProduct;
import dev.tacit.model.deep.Init;
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
 * Du, Hu, Lee (NeurIPS 2018, arXiv 1806.00900), "layers are automatically balanced" (dmf.md §2).
 *
 * <p><b>Part (a), deep linear products.</b> Loss ½‖W_N···W_1 − W*‖²_F with full observation, W* an n×n rank-r
 * target ({@link LowRankGenerator}, then scaled to spectral norm 1 so that every step size of the grid is stable
 * at every depth), Gaussian init of scale {@value #DEFAULT_INIT_SCALE}. Under gradient flow the matrices
 * C_h = W_{h+1}ᵀW_{h+1} − W_hW_hᵀ are conserved; one GD step changes them by exactly
 * ΔC_h = η²(G_{h+1}ᵀG_{h+1} − G_hG_hᵀ), so over a fixed time horizon T (T/η steps) the drift
 * max_t max_h ‖C_h(t) − C_h(0)‖_F is O(η). Measured per depth and η: the drift, the relative error of the exact
 * identity over the first {@value #IDENTITY_STEPS} steps, and the slope of log drift against log η (prediction 1).
 *
 * <p><b>Part (b), asymmetric MF.</b> ½‖UVᵀ − M*‖²_F with M* a 20×15 rank-2 target (spectral norm 1), U, V of
 * width k = r = 2 (the paper's exact parameterization; with k = 5 &gt; r the balanced runs converge only
 * sublinearly, about 5e-7 after 8000 steps, while the unbalanced ones stay linear), from a balanced small Gaussian init (std {@value #MF_INIT_STD}) and from the unbalanced one
 * (U·{@value #UNBALANCE}, V/{@value #UNBALANCE}: same product), with a constant step and the decaying step
 * η_t = η₀(1 + t/τ)^{−(1/2+δ)} = O(t^{−(1/2+δ)}), δ = {@value #DELTA}, τ = {@value #MF_DECAY_TAU}. Measured: the loss and the gap ‖U‖²_F − ‖V‖²_F. Since
 * Δ(UᵀU − VᵀV) = η_t²(G_UᵀG_U − G_VᵀG_V), the gap moves by at most Σ_t η_t²(‖G_U‖² + ‖G_V‖²), which the report
 * prints next to the measured movement.
 *
 * <p>Options: {@code --depths} (default 2,3,4; each ≥ 2), {@code --lr} (default 1e-3,3e-3,1e-2,3e-2; at least two,
 * each in (0, 0.1]), {@code --n}, {@code --rank} (part (a) target), {@code --seeds} (default 0),
 * {@code --max-iter} (part (b) iterations). {@code --quick}: depths 2,3, η ∈ {1e-3, 1e-2}, horizon
 * {@value #QUICK_HORIZON} instead of {@value #HORIZON}, fewer part (b) iterations.
 */
public final class Du2018Balance implements Experiment {

    /** Time horizon T of part (a): each run makes T/η steps. */
    public static final double HORIZON = 4.0;
    /** Horizon in quick mode. */
    public static final double QUICK_HORIZON = 1.0;
    /** Gaussian init scale of part (a) (see {@link DeepProduct#square}). */
    public static final double DEFAULT_INIT_SCALE = 1.0;
    /** Steps over which the exact discrete identity is checked. */
    public static final int IDENTITY_STEPS = 5;
    /** Tolerance of the identity (issue 6: 1e-8 relative to ‖ΔC_h‖ at η = 1e-3). */
    public static final double IDENTITY_TOLERANCE = 1e-8;
    /** Accepted band around the predicted drift slope 1. */
    public static final double SLOPE_TOLERANCE = 0.2;
    /** Part (b): rows, columns, rank, width. */
    public static final int MF_ROWS = 20;
    /** Columns of M*. */
    public static final int MF_COLS = 15;
    /** Rank of M*. */
    public static final int MF_RANK = 2;
    /** Width k of U and V (= the rank, as in the paper's min over U ∈ R^{d1×r}, V ∈ R^{d2×r}). */
    public static final int MF_WIDTH = 2;
    /** Standard deviation of the entries of U and V at the balanced init. */
    public static final double MF_INIT_STD = 0.1;
    /** Unbalanced init: U scaled by this, V divided by it. */
    public static final double UNBALANCE = 5.0;
    /** Constant step of part (b). */
    public static final double MF_CONSTANT_LR = 0.05;
    /** η₀ of the decaying step of part (b). */
    public static final double MF_DECAY_LR0 = 0.1;
    /**
     * Time scale τ of the decaying step η_t = η₀(1 + t/τ)^{−(1/2+δ)}: O(t^{−(1/2+δ)}) as the theorem asks, but flat
     * for the first ~τ steps so that the polynomial decay does not stall the run before it leaves the small init.
     */
    public static final double MF_DECAY_TAU = 100;
    /** δ of the decaying step η_t = η₀(1 + t/τ)^{−(1/2+δ)}. */
    public static final double DELTA = 0.1;
    /** Part (b) iterations. */
    public static final long MF_ITERATIONS = 50000;
    /** Part (b) iterations in quick mode. */
    public static final long MF_QUICK_ITERATIONS = 20000;
    /** Part (b) convergence threshold on ½‖UVᵀ − M*‖²_F (‖M*‖_2 = 1). */
    public static final double MF_LOSS_THRESHOLD = 1e-6;
    /** Part (b) boundedness: max_t |gap_t| ≤ GAP_FACTOR·|gap_0| + GAP_SLACK·‖M*‖_*. */
    public static final double GAP_FACTOR = 1.1;
    /** See {@link #GAP_FACTOR}. */
    public static final double GAP_SLACK = 0.5;
    private static final long MAX_STEPS = 2_000_000;
    private static final int HISTORY_POINTS = 200;

    @Override
    public String id() {
        return "du2018-balance";
    }

    @Override
    public String title() {
        return "Du, Hu, Lee 2018: conserved C_h = W_{h+1}ᵀW_{h+1} − W_hW_hᵀ (drift O(η)) and balanced asymmetric MF";
    }

    private static List<Integer> depths(ExperimentOptions o) {
        return ExperimentOptions.or(o.depths(), o.quick() ? List.of(2, 3) : List.of(2, 3, 4));
    }

    private static List<Double> rates(ExperimentOptions o) {
        return ExperimentOptions.or(o.learningRates(), o.quick() ? List.of(1e-3, 1e-2) : List.of(1e-3, 3e-3, 1e-2, 3e-2));
    }

    private static double horizon(ExperimentOptions o) {
        return o.quick() ? QUICK_HORIZON : HORIZON;
    }

    @Override
    public void validate(ExperimentOptions o) throws BadInputException {
        o.rejectUnused(id(), "--seeds", "--depths", "--lr", "--n", "--rank", "--max-iter");
        if (o.depths() != null) {
            if (o.depths().isEmpty()) {
                throw new BadInputException("--depths must list at least one depth");
            }
            for (int d : o.depths()) {
                if (d < 2 || d > 8) {
                    throw new BadInputException("--depths must be in [2, 8] (C_h needs two layers), got " + d);
                }
            }
        }
        if (o.learningRates() != null) {
            if (o.learningRates().size() < 2) {
                throw new BadInputException("--lr must list at least two step sizes (the drift slope is fitted)");
            }
            for (double lr : o.learningRates()) {
                if (!(lr > 0 && lr <= 0.1)) {
                    throw new BadInputException("--lr must be in (0, 0.1], got " + lr);
                }
                if (horizon(o) / lr > MAX_STEPS) {
                    throw new BadInputException("--lr " + lr + " needs more than " + MAX_STEPS + " steps to cover the"
                            + " horizon " + horizon(o));
                }
            }
            if (o.learningRates().stream().distinct().count() < 2) {
                throw new BadInputException("--lr must list at least two distinct step sizes");
            }
        }
        int n = ExperimentOptions.or(o.n(), 20);
        if (n < 2 || n > 200) {
            throw new BadInputException("--n must be in [2, 200], got " + n);
        }
        int rank = ExperimentOptions.or(o.rank(), 3);
        if (rank < 1 || rank > n) {
            throw new BadInputException("--rank must be in [1, n = " + n + "], got " + rank);
        }
        if (o.seeds() != null && o.seeds().isEmpty()) {
            throw new BadInputException("--seeds must list at least one seed");
        }
        if (o.maxIterations() != null && (o.maxIterations() < 1 || o.maxIterations() > MAX_STEPS)) {
            throw new BadInputException("--max-iter must be in [1, " + MAX_STEPS + "], got " + o.maxIterations());
        }
    }

    /** One part (a) run. */
    record DriftRun(long seed, int depth, double lr, long iterations, double finalLoss, double drift,
                    double identityError, double[] time, double[] loss, double[] driftCurve) {
    }

    /** One part (b) run. */
    record GapRun(long seed, String init, String schedule, long iterations, double finalLoss, double gapInitial,
                  double gapFinal, double gapMax, double boundStepSum, double[] iter, double[] loss, double[] gap) {
    }

    @Override
    public ExperimentReport run(ExperimentOptions o, Progress progress) throws BadInputException, IOException {
        validate(o);
        List<Integer> depths = depths(o);
        List<Double> rates = rates(o);
        double horizon = horizon(o);
        int n = ExperimentOptions.or(o.n(), 20);
        int rank = ExperimentOptions.or(o.rank(), 3);
        List<Long> seeds = ExperimentOptions.or(o.seeds(), List.of(0L));
        long mfIterations = ExperimentOptions.or(o.maxIterations(), o.quick() ? MF_QUICK_ITERATIONS : MF_ITERATIONS);

        List<String> header = List.of("part", "seed", "depth", "lr", "init", "schedule", "iterations", "final_loss",
                "drift", "identity_rel_error", "gap_initial", "gap_final", "gap_max");
        List<List<String>> rows = new ArrayList<>();
        List<List<String>> history = new ArrayList<>();
        List<String> checks = new ArrayList<>();
        List<DriftRun> driftRuns = new ArrayList<>();
        List<GapRun> gapRuns = new ArrayList<>();
        progress.start(seeds.size() * (depths.size() * rates.size() + 4));
        int done = 0;
        for (long seed : seeds) {
            Matrix target = LowRankGenerator.generate(n, n, rank, Seeds.stream(seed, Seeds.Stream.GROUND_TRUTH));
            target.scale(1.0 / target.singularValues()[0]);
            for (int depth : depths) {
                for (double lr : rates) {
                    progress.update(done, "depth " + depth + ", lr " + lr, 0.0);
                    DriftRun r = drift(target, depth, lr, horizon, seed);
                    driftRuns.add(r);
                    rows.add(List.of("a", Long.toString(seed), Integer.toString(depth), fmt(lr), "gaussian", "constant",
                            Long.toString(r.iterations()), fmt(r.finalLoss()), fmt(r.drift()), fmt(r.identityError()),
                            "", "", ""));
                    for (int i = 0; i < r.time().length; i++) {
                        history.add(List.of("a", Long.toString(seed), Integer.toString(depth), fmt(lr), "gaussian",
                                "constant", Long.toString(Math.round(r.time()[i] / lr)), fmt(r.time()[i]),
                                fmt(r.loss()[i]), fmt(r.driftCurve()[i]), ""));
                    }
                    progress.update(++done, "depth " + depth + ", lr " + lr, 1.0);
                }
                // the number: the identity at η = 1e-3, whatever the grid
                double id = identityError(target, depth, 1e-3, seed);
                checks.add(check(id <= IDENTITY_TOLERANCE, "seed " + seed + ", depth " + depth
                        + ": exact step identity ΔC_h = η²(G_{h+1}ᵀG_{h+1} − G_hG_hᵀ) at η = 1e-3 over the first "
                        + IDENTITY_STEPS + " steps: max relative error " + fmt(id) + " (required <= "
                        + fmt(IDENTITY_TOLERANCE) + ")"));
                double slope = slope(driftRuns, seed, depth);
                checks.add(check(Math.abs(slope - 1) <= SLOPE_TOLERANCE, "seed " + seed + ", depth " + depth
                        + ": slope of log drift vs log η over a fixed horizon T = " + fmt(horizon) + ": measured "
                        + fmt(slope) + ", predicted 1 (O(η); accepted within +-" + SLOPE_TOLERANCE + ")"));
            }
            Matrix mStar = LowRankGenerator.generate(MF_ROWS, MF_COLS, MF_RANK, Seeds.stream(seed, Seeds.Stream.OTHER));
            double[] sv = mStar.singularValues();
            mStar.scale(1.0 / sv[0]);
            double nuclear = 0;
            for (double s : sv) {
                nuclear += s / sv[0];
            }
            for (String init : List.of("balanced", "unbalanced")) {
                for (String schedule : List.of("constant", "decaying")) {
                    progress.update(done, init + ", " + schedule, 0.0);
                    GapRun r = gap(mStar, init, schedule, mfIterations, seed);
                    gapRuns.add(r);
                    rows.add(List.of("b", Long.toString(seed), "2", fmt(schedule.equals("constant") ? MF_CONSTANT_LR
                                    : MF_DECAY_LR0), init, schedule, Long.toString(r.iterations()), fmt(r.finalLoss()),
                            fmt(Math.abs(r.gapFinal() - r.gapInitial())), "", fmt(r.gapInitial()), fmt(r.gapFinal()),
                            fmt(r.gapMax())));
                    for (int i = 0; i < r.iter().length; i++) {
                        history.add(List.of("b", Long.toString(seed), "2", "", init, schedule,
                                Long.toString((long) r.iter()[i]), "", fmt(r.loss()[i]), "", fmt(r.gap()[i])));
                    }
                    String what = "seed " + seed + ", MF " + init + " init, " + schedule + " step";
                    checks.add(check(r.finalLoss() <= MF_LOSS_THRESHOLD, what + ": converges, final loss "
                            + fmt(r.finalLoss()) + " (required <= " + fmt(MF_LOSS_THRESHOLD) + " after "
                            + r.iterations() + " steps)"));
                    double bound = GAP_FACTOR * Math.abs(r.gapInitial()) + GAP_SLACK * nuclear;
                    checks.add(check(r.gapMax() <= bound, what + ": ‖U‖²−‖V‖² stays bounded, max |gap| "
                            + fmt(r.gapMax()) + " <= " + GAP_FACTOR + "·|gap_0| + " + GAP_SLACK + "·‖M*‖_* = "
                            + fmt(bound) + " (gap_0 " + fmt(r.gapInitial()) + ", final " + fmt(r.gapFinal())
                            + "; |Δgap| " + fmt(Math.abs(r.gapFinal() - r.gapInitial())) + " <= Σ η_t²(‖G_U‖²+‖G_V‖²) = "
                            + fmt(r.boundStepSum()) + ")"));
                    progress.update(++done, init + ", " + schedule, 1.0);
                }
            }
        }
        progress.finish();

        List<String> historyHeader = List.of("part", "seed", "depth", "lr", "init", "schedule", "iteration", "time",
                "loss", "drift", "gap");
        try (Staging staging = new Staging(o.out())) {
            Csv.writeCsv(staging.file("results.csv"), header, rows);
            Csv.writeCsv(staging.file("history.csv"), historyHeader, history);
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("quick", o.quick());
            config.put("seeds", seeds);
            config.put("n", n);
            config.put("rank", rank);
            config.put("depths", depths);
            config.put("learning_rates", rates);
            config.put("horizon", horizon);
            config.put("init_scale", DEFAULT_INIT_SCALE);
            config.put("target", "LowRankGenerator n x n rank r, scaled to spectral norm 1; loss 0.5*||W - W*||_F^2");
            config.put("mf", MF_ROWS + "x" + MF_COLS + " rank " + MF_RANK + ", width " + MF_WIDTH + ", init std "
                    + MF_INIT_STD + ", unbalance " + UNBALANCE);
            config.put("mf_constant_lr", MF_CONSTANT_LR);
            config.put("mf_decay_lr0", MF_DECAY_LR0);
            config.put("delta", DELTA);
            config.put("mf_decay_tau", MF_DECAY_TAU);
            config.put("mf_iterations", mfIterations);
            String provenance = Provenance.json(id(), config);
            Files.writeString(staging.file("provenance.json"), provenance);

            HtmlReport report = new HtmlReport(title());
            report.addParagraph("Part (a): deep linear products W_N···W_1 fitted to a rank-" + rank + " " + n + "x" + n
                    + " target (spectral norm 1, full observation) by GD from a Gaussian init, for a fixed time horizon"
                    + " T = " + fmt(horizon) + " (T/η steps). Drift = max over steps and h of ‖C_h(t) − C_h(0)‖_F,"
                    + " with C_h = W_{h+1}ᵀW_{h+1} − W_hW_hᵀ (conserved by gradient flow). Du et al.: each GD step"
                    + " changes C_h by exactly η²(G_{h+1}ᵀG_{h+1} − G_hG_hᵀ), so the drift is O(η). dmf.md reference:"
                    + " 0.0133 at η = 1e-2 and 0.00133 at η = 1e-3 (its own setting).");
            report.addParagraph("Part (b): asymmetric MF ½‖UVᵀ − M*‖²_F, M* " + MF_ROWS + "x" + MF_COLS + " of rank "
                    + MF_RANK + " (spectral norm 1), width " + MF_WIDTH + ", balanced init (std " + MF_INIT_STD
                    + ") and unbalanced init (U·" + UNBALANCE + ", V/" + UNBALANCE + "), constant step η = "
                    + MF_CONSTANT_LR + " and decaying η_t = " + MF_DECAY_LR0 + "·(1 + t/" + fmt(MF_DECAY_TAU) + ")^(−"
                    + fmt(0.5 + DELTA) + ") = O(t^(−(1/2+δ))), δ = " + DELTA + ". Convergence: final loss <= "
                    + fmt(MF_LOSS_THRESHOLD) + "; boundedness: max_t |gap_t| <= " + GAP_FACTOR + "·|gap_0| + "
                    + GAP_SLACK + "·‖M*‖_* (‖M*‖_* is half the value of ‖U‖² + ‖V‖² at a balanced optimum). Du et al.: ‖U‖²_F − ‖V‖²_F stays bounded and GD converges.");
            report.addParagraph("results.csv: part (a) rows (part = a) have the drift and the identity's relative error"
                    + " at that η over the first " + IDENTITY_STEPS + " steps; part (b) rows (part = b) have depth 2"
                    + " (the factors U, V), lr = η (constant) or η₀ (decaying), drift = |gap_final − gap_initial| and"
                    + " the gaps ‖U‖²_F − ‖V‖²_F (gap_max = max over the run of |gap|).");
            report.addTable("results.csv", header, rows);
            for (long seed : seeds) {
                PlotSpec.Builder b = PlotSpec.builder("Drift of C_h over T = " + fmt(horizon) + " vs step size (seed "
                        + seed + ")").xLabel("step size η").yLabel("max_t max_h ‖C_h(t) − C_h(0)‖_F")
                        .xAxis(Axis.LOG).yAxis(Axis.LOG);
                for (int depth : depths) {
                    double[] x = new double[rates.size()];
                    double[] y = new double[rates.size()];
                    int i = 0;
                    for (DriftRun r : driftRuns) {
                        if (r.seed() == seed && r.depth() == depth) {
                            x[i] = r.lr();
                            y[i++] = r.drift();
                        }
                    }
                    b.add("depth " + depth, x, y);
                }
                Path png = staging.file("drift-vs-lr-seed" + seed + ".png");
                Plots.writePng(b.build(), png);
                report.addImage("drift vs η (log-log), seed " + seed, png);

                PlotSpec.Builder g = PlotSpec.builder("‖U‖²_F − ‖V‖²_F during asymmetric MF (seed " + seed + ")")
                        .xLabel("iteration").yLabel("‖U‖²_F − ‖V‖²_F");
                PlotSpec.Builder l = PlotSpec.builder("Loss of asymmetric MF (seed " + seed + ")").xLabel("iteration")
                        .yLabel("½‖UVᵀ − M*‖²_F").yAxis(Axis.LOG);
                for (GapRun r : gapRuns) {
                    if (r.seed() == seed) {
                        g.add(r.init() + ", " + r.schedule(), r.iter(), r.gap());
                        l.add(r.init() + ", " + r.schedule(), r.iter(), r.loss());
                    }
                }
                Path gapPng = staging.file("gap-seed" + seed + ".png");
                Plots.writePng(g.build(), gapPng);
                report.addImage("‖U‖² − ‖V‖² vs iteration, seed " + seed, gapPng);
                Path lossPng = staging.file("mf-loss-seed" + seed + ".png");
                Plots.writePng(l.build(), lossPng);
                report.addImage("MF loss vs iteration, seed " + seed, lossPng);
            }
            report.addPreformatted("checks", String.join("\n", checks));
            report.addPreformatted("provenance.json", provenance);
            report.write(staging.file("report.html"));
            staging.commit();
        }
        boolean diverged = driftRuns.stream().anyMatch(r -> !Double.isFinite(r.finalLoss()))
                || gapRuns.stream().anyMatch(r -> !Double.isFinite(r.finalLoss()));
        return new ExperimentReport(o.out(), header, rows, checks, diverged, false);
    }

    /** Least-squares slope of log drift against log η for one seed and depth. */
    static double slope(List<DriftRun> runs, long seed, int depth) {
        List<double[]> pts = new ArrayList<>();
        for (DriftRun r : runs) {
            if (r.seed() == seed && r.depth() == depth && r.drift() > 0 && Double.isFinite(r.drift())) {
                pts.add(new double[] {Math.log(r.lr()), Math.log(r.drift())});
            }
        }
        return LineFit.slope(pts);
    }

    private static DeepProduct initial(int n, int depth, long seed) {
        return DeepProduct.square(n, n, depth, Init.GAUSSIAN, DEFAULT_INIT_SCALE,
                Seeds.stream(seed * 31 + depth, Seeds.Stream.INITIALIZATION));
    }

    /** ½‖W − W*‖² and D = W − W* into {@code d}. */
    private static double residual(DeepProduct p, Matrix target, Matrix d) {
        d.copyFrom(p.endToEnd());
        d.addScaled(-1.0, target);
        return 0.5 * d.frobeniusNormSquared();
    }

    private static void step(DeepProduct p, List<Matrix> g, double lr) {
        for (int j = 0; j < g.size(); j++) {
            p.factors().get(j).addScaled(-lr, g.get(j));
        }
        p.afterUpdate();
    }

    static DriftRun drift(Matrix target, int depth, double lr, double horizon, long seed) {
        int n = target.rows();
        DeepProduct p = initial(n, depth, seed);
        ConservedQuantities c0 = new ConservedQuantities(p);
        long steps = Math.round(horizon / lr);
        long every = Math.max(1, steps / HISTORY_POINTS);
        Matrix d = Matrix.zeros(n, n);
        List<Matrix> g = p.newGradientBuffers();
        List<double[]> curve = new ArrayList<>();
        double maxDrift = 0;
        double loss = residual(p, target, d);
        curve.add(new double[] {0, loss, 0});
        for (long t = 1; t <= steps; t++) {
            p.backward(d, g);
            step(p, g, lr);
            double cur = 0;
            for (double v : c0.drift(p)) {
                cur = Math.max(cur, v);
            }
            maxDrift = Math.max(maxDrift, cur);
            loss = residual(p, target, d);
            if (!Double.isFinite(loss)) {
                maxDrift = Double.NaN;
                curve.add(new double[] {t * lr, loss, cur});
                break;
            }
            if (t % every == 0 || t == steps) {
                curve.add(new double[] {t * lr, loss, cur});
            }
        }
        double identity = identityError(target, depth, lr, seed);
        return new DriftRun(seed, depth, lr, steps, loss, maxDrift, identity, column(curve, 0), column(curve, 1),
                column(curve, 2));
    }

    /**
     * Max over the first {@value #IDENTITY_STEPS} steps and over h of
     * ‖ΔC_h − η²(G_{h+1}ᵀG_{h+1} − G_hG_hᵀ)‖_F / ‖ΔC_h‖_F.
     */
    static double identityError(Matrix target, int depth, double lr, long seed) {
        int n = target.rows();
        DeepProduct p = initial(n, depth, seed);
        Matrix d = Matrix.zeros(n, n);
        List<Matrix> g = p.newGradientBuffers();
        double worst = 0;
        for (int t = 0; t < IDENTITY_STEPS; t++) {
            residual(p, target, d);
            p.backward(d, g);
            List<Matrix> before = ConservedQuantities.all(p);
            step(p, g, lr);
            List<Matrix> after = ConservedQuantities.all(p);
            for (int h = 1; h < depth; h++) {
                Matrix delta = after.get(h - 1).minus(before.get(h - 1));
                Matrix predicted = ConservedQuantities.stepChange(g, lr, h);
                worst = Math.max(worst, delta.minus(predicted).frobeniusNorm() / delta.frobeniusNorm());
            }
        }
        return worst;
    }

    static GapRun gap(Matrix mStar, String init, String schedule, long iterations, long seed) {
        SplittableRandom rng = Seeds.stream(seed, Seeds.Stream.INITIALIZATION);
        Matrix u = LowRankGenerator.gaussian(MF_ROWS, MF_WIDTH, rng);
        Matrix v = LowRankGenerator.gaussian(MF_COLS, MF_WIDTH, rng);
        u.scale(MF_INIT_STD);
        v.scale(MF_INIT_STD);
        if (init.equals("unbalanced")) {
            u.scale(UNBALANCE);
            v.scale(1.0 / UNBALANCE);
        }
        Matrix r = Matrix.zeros(MF_ROWS, MF_COLS);
        Matrix gu = Matrix.zeros(MF_ROWS, MF_WIDTH);
        Matrix gv = Matrix.zeros(MF_COLS, MF_WIDTH);
        double gap0 = u.frobeniusNormSquared() - v.frobeniusNormSquared();
        double gapMax = Math.abs(gap0);
        double stepSum = 0;
        long every = Math.max(1, iterations / HISTORY_POINTS);
        List<double[]> curve = new ArrayList<>();
        double loss = 0;
        for (long t = 0; t <= iterations; t++) {
            Matrix.multiply(1.0, Transpose.NO, u, Transpose.YES, v, 0.0, r);
            r.addScaled(-1.0, mStar);
            loss = 0.5 * r.frobeniusNormSquared();
            double gapNow = u.frobeniusNormSquared() - v.frobeniusNormSquared();
            gapMax = Math.max(gapMax, Math.abs(gapNow));
            if (t % every == 0 || t == iterations || !Double.isFinite(loss)) {
                curve.add(new double[] {t, loss, gapNow});
            }
            if (t == iterations || !Double.isFinite(loss)) {
                break;
            }
            double lr = schedule.equals("constant") ? MF_CONSTANT_LR : decayingRate(t);
            Matrix.multiply(1.0, Transpose.NO, r, Transpose.NO, v, 0.0, gu); // ∂/∂U = R V
            Matrix.multiply(1.0, Transpose.YES, r, Transpose.NO, u, 0.0, gv); // ∂/∂V = Rᵀ U
            stepSum += lr * lr * (gu.frobeniusNormSquared() + gv.frobeniusNormSquared());
            u.addScaled(-lr, gu);
            v.addScaled(-lr, gv);
        }
        double gapFinal = u.frobeniusNormSquared() - v.frobeniusNormSquared();
        return new GapRun(seed, init, schedule, iterations, loss, gap0, gapFinal, gapMax, stepSum, column(curve, 0),
                column(curve, 1), column(curve, 2));
    }

    /** @param t step index from 0 @return η_t = η₀(1 + t/τ)^{−(1/2+δ)} */
    static double decayingRate(long t) {
        return MF_DECAY_LR0 * Math.pow(1 + t / MF_DECAY_TAU, -(0.5 + DELTA));
    }

    private static double[] column(List<double[]> rows, int c) {
        double[] out = new double[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = rows.get(i)[c];
        }
        return out;
    }

    private static String check(boolean ok, String text) {
        return (ok ? "PASS" : "FAIL") + "  " + text;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
