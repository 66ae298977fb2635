package dev.tacit.experiments;

import dev.tacit.data.EntrySample;
import dev.tacit.data.LowRankGenerator;
import dev.tacit.data.Seeds;
import dev.tacit.diagnostics.Spectra;
import dev.tacit.experiments.report.Axis;
import dev.tacit.experiments.report.Csv;
import dev.tacit.experiments.report.HtmlReport;
import dev.tacit.experiments.report.PlotSpec;
import dev.tacit.experiments.report.Plots;
import dev.tacit.fit.Decision;
import dev.tacit.fit.FitResult;
import dev.tacit.fit.EntryGradientStep;
import dev.tacit.fit.GradientStep;
import dev.tacit.fit.Trainer;
import dev.tacit.linalg.EntryPattern;
import dev.tacit.linalg.Matrix;
import dev.tacit.model.EntryParameterization;
import dev.tacit.model.Parameterization;
import dev.tacit.model.deep.DeepProduct;
import dev.tacit.model.deep.Init;
import dev.tacit.model.udv.GaugeSteps;
import dev.tacit.model.udv.Udu;
import dev.tacit.objective.CompletionLoss;
import dev.tacit.objective.EntryLoss;
import dev.tacit.optim.GradientDescent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Hou, Sra, Yurtsever (2025, arXiv 2501.16322), matrix completion (udv_gauge_lifted.md §1.4): the constrained
 * U·D·Uᵀ factorization trained by projected gradient descent against plain U·Uᵀ (Burer–Monteiro) and, for
 * context, the depth-3 deep product of Arora et al.
 *
 * <p><b>Problem.</b> X* = G·Gᵀ with G a Gaussian n×r matrix (n = 100, r = 3), rescaled to ‖X*‖_F = n as in the
 * Arora recipe (RMS entry 1); m = 900 entries observed uniformly without replacement (seeded). Test error
 * ‖X̂ − X*‖²_F/‖X*‖²_F over all entries.
 *
 * <p><b>Step size.</b> η is the step of plain gradient descent on ℓ_n = (1/n)·Σ_Ω(X_ij − y_ij)², the per-row
 * average of the squared residual sums (implemented as {@link GradientDescent} with learning rate η·m/n on the core
 * mean loss). The paper's objective ½‖𝒜(X) − b‖² leaves the scale of 𝒜 open; on the half <em>sum</em> ½Σ_Ω the
 * same grid is η' = 2η/n = η/50. Why this matters: with the ball active, d carries the magnitude of X* (σ ≈ 58
 * here), the curvature along U grows like d², and projected GD on ½Σ_Ω is stable only for η' ≲ 2·10⁻³ at α = 3 —
 * the paper's grid taken on ½Σ_Ω puts 2 of its 3 step sizes above that (docs/BENCHMARKS.md gives the run).
 * The same η is used for every factor (no per-factor rates) and for all three methods. Convergence
 * ("converged") means the core mean loss reached the tolerance (default {@value #TOLERANCE}) within the iteration
 * budget; GD time scales as 1/η, so the budget ({@value #ITERATIONS}) covers the smallest step.
 *
 * <p><b>Choices where the paper is silent</b> (documented in the report): width k = {@value #WIDTH} for U in both
 * udu and uu (r ≤ k ≪ n); radius α = {@value #RADIUS} (below the Frobenius norm ≈ 7.9 that the unconstrained
 * U·D·Uᵀ flow reaches on this target, so that the ball is active; {@code --radius} changes it, and radius.csv
 * repeats one cell over α ∈ {1, 2, 3, 4.5, 10} twice: with the same step η for every factor ("uniform": the
 * stable step shrinks like (α₀/α)⁴ along d, so one η cannot serve every radius) and with the gauge-covariant steps
 * of {@link GaugeSteps} relative to α₀ = the experiment's radius ("gauge": η·(α/α₀)² on U, η·(α₀/α)⁴ on d; the
 * same init ‖U₀‖_F = ξ, d₀ = 1 at every radius, so the radius acts as a change of the effective init); init:
 * U Gaussian with ‖U₀‖_F = ξ (the init scale), d₀ = 1,
 * simultaneous updates followed by the projection (U ← U·min(1, α/‖U‖_F), d ← max(d, 0)). uu is {@link Udu#plain}
 * (the same U₀, d ≡ 1, no ball). dmf is {@link DeepProduct#square} of depth 3 with the Gaussian init of scale ξ and
 * a smaller iteration budget (it forms W and costs far more per step). udu and uu predict and back-propagate on
 * Ω only. Cells run in parallel on the worker threads (each is sequential and seeded: results do not depend on it).
 *
 * <p>Options: {@code --seeds} (default 0), {@code --n}, {@code --rank} (≤ width {@value #WIDTH}),
 * {@code --observations} (one value), {@code --init-scales}, {@code --lr}, {@code --max-iter}, {@code --tol}.
 * {@code --radius} (α &gt; 0). {@code --quick}: η ∈ {1e-2, 1e-1}, ξ ∈ {1e-2, 1e-6}, {@value #QUICK_ITERATIONS}
 * iterations, radii {1, 3, 10} at the largest η.
 */
public final class Hou2025Completion implements Experiment {

    /** Matrix size. */
    public static final int N = 100;
    /** Target rank. */
    public static final int RANK = 3;
    /** Observed entries. */
    public static final int OBSERVATIONS = 900;
    /** Width k of U (udu and uu). */
    public static final int WIDTH = 10;
    /** Radius α of the Frobenius ball of U. */
    public static final double RADIUS = 3.0;
    /** Radii of the robustness sweep (a factor of 10). */
    public static final List<Double> RADII = List.of(1.0, 2.0, 3.0, 4.5, 10.0);
    /** Radii of the sweep in quick mode. */
    public static final List<Double> QUICK_RADII = List.of(1.0, 3.0, 10.0);
    /** Tolerance on the core mean training loss. */
    public static final double TOLERANCE = 1e-6;
    /** Numerical rank threshold: σ_i &gt; RANK_TOL·σ₁. */
    public static final double RANK_TOL = 1e-8;
    /** Required test error of converged udu cells. */
    public static final double TEST_ERROR_BOUND = 1e-3;
    /** Iteration budget of udu and uu. */
    public static final long ITERATIONS = 1_500_000;
    /** Budget in quick mode. */
    public static final long QUICK_ITERATIONS = 150_000;
    /** Budget of dmf (full mode; quick: a tenth of the quick budget). */
    public static final long DMF_ITERATIONS = 5_000;
    /** A run stops (not converged) when ‖X‖_F falls below this after the first step: it collapsed to 0. */
    public static final double COLLAPSE = 1e-30;
    /**
     * How the step of the radius sweep depends on the radius: {@link #UNIFORM} takes the step η for every factor
     * at every radius; {@link #GAUGE} takes the gauge-covariant steps of {@link GaugeSteps} relative to the
     * experiment's radius (identical to UNIFORM there).
     */
    enum StepScaling {
        UNIFORM, GAUGE;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Number of logged spectra per traced run. */
    private static final int TRACE_POINTS = 60;

    @Override
    public String id() {
        return "hou2025-completion";
    }

    @Override
    public String title() {
        return "Hou, Sra, Yurtsever 2025: projected GD on U·D·Uᵀ gives exactly low-rank completions (vs U·Uᵀ, DMF)";
    }

    private static List<Double> rates(ExperimentOptions o) {
        return ExperimentOptions.or(o.learningRates(), o.quick() ? List.of(1e-2, 1e-1) : List.of(1e-3, 1e-2, 1e-1));
    }

    private static List<Double> scales(ExperimentOptions o) {
        return ExperimentOptions.or(o.initScales(), o.quick() ? List.of(1e-2, 1e-6) : List.of(1e-2, 1e-4, 1e-6));
    }

    private static long budget(ExperimentOptions o) {
        return ExperimentOptions.or(o.maxIterations(), o.quick() ? QUICK_ITERATIONS : ITERATIONS);
    }

    private static long dmfBudget(ExperimentOptions o) {
        return Math.min(budget(o), o.quick() ? DMF_ITERATIONS / 10 : DMF_ITERATIONS);
    }

    @Override
    public void validate(ExperimentOptions o) throws BadInputException {
        o.rejectUnused(id(), "--seeds", "--n", "--rank", "--observations", "--init-scales", "--lr", "--max-iter",
                "--tol", "--radius");
        if (o.radius() != null && !(o.radius() > 0 && Double.isFinite(o.radius()))) {
            throw new BadInputException("--radius must be positive and finite, got " + o.radius());
        }
        int n = ExperimentOptions.or(o.n(), N);
        if (n < 2 || n > 300) {
            throw new BadInputException("--n must be in [2, 300], got " + n);
        }
        int rank = ExperimentOptions.or(o.rank(), RANK);
        if (rank < 1 || rank > WIDTH || rank > n) {
            throw new BadInputException("--rank must be in [1, min(n, width " + WIDTH + ")] (width < target rank is"
                    + " not allowed), got " + rank);
        }
        if (o.observations() != null) {
            if (o.observations().size() != 1) {
                throw new BadInputException("--observations takes exactly one value, got " + o.observations());
            }
            int m = o.observations().get(0);
            if (m < 1 || (long) m > (long) n * n) {
                throw new BadInputException("--observations must be in [1, n² = " + (long) n * n + "], got " + m);
            }
        }
        if (o.seeds() != null && o.seeds().isEmpty()) {
            throw new BadInputException("--seeds must list at least one seed");
        }
        if (o.learningRates() != null) {
            if (o.learningRates().isEmpty()) {
                throw new BadInputException("--lr must list at least one step size");
            }
            for (double lr : o.learningRates()) {
                if (!(lr > 0 && lr <= 1)) {
                    throw new BadInputException("--lr must be in (0, 1], got " + lr);
                }
            }
        }
        if (o.initScales() != null) {
            if (o.initScales().isEmpty()) {
                throw new BadInputException("--init-scales must list at least one scale");
            }
            for (double s : o.initScales()) {
                if (!(s > 0 && s <= 10)) {
                    throw new BadInputException("--init-scales must be in (0, 10], got " + s);
                }
            }
        }
        if (o.maxIterations() != null && (o.maxIterations() < 1 || o.maxIterations() > 10_000_000)) {
            throw new BadInputException("--max-iter must be in [1, 10000000], got " + o.maxIterations());
        }
        if (o.tolerance() != null && !(o.tolerance() >= 0 && Double.isFinite(o.tolerance()))) {
            throw new BadInputException("--tol must be >= 0, got " + o.tolerance());
        }
    }

    /** One run. */
    record Run(String method, long seed, double lr, double scale, double radius, StepScaling scaling,
               boolean converged, int rank, double testError, double trainLoss, long iterations, double[] sigma,
               double[] traceIter, double[][] traceSigma) {

        double ratio41() {
            return sigma.length > 3 && sigma[0] > 0 ? sigma[3] / sigma[0] : Double.NaN;
        }
    }

    /** The seeded problem. */
    record Problem(Matrix truth, EntrySample sample) {
    }

    static Problem problem(long seed, int n, int rank, int m) {
        Matrix g = LowRankGenerator.gaussian(n, rank, Seeds.stream(seed, Seeds.Stream.GROUND_TRUTH));
        Matrix x = g.times(g.transpose());
        x.scale(n / x.frobeniusNorm());
        EntrySample s = EntrySample.sampleUniform(x, m, Seeds.stream(seed, Seeds.Stream.OBSERVATIONS));
        return new Problem(x, s);
    }

    static Parameterization model(String method, int n, double scale, double radius, long seed) {
        var rng = Seeds.stream(seed, Seeds.Stream.INITIALIZATION);
        return switch (method) {
            case "udu" -> Udu.initialize(n, WIDTH, radius, scale, rng);
            case "uu" -> Udu.plain(n, WIDTH, scale, rng);
            case "dmf" -> DeepProduct.square(n, n, 3, Init.GAUSSIAN, scale, rng);
            default -> throw new IllegalArgumentException(method);
        };
    }

    /**
     * One run; with {@link StepScaling#GAUGE} (udu only) the steps are the gauge-covariant ones relative to the
     * reference radius.
     */
    static Run fit(String method, Problem pr, long seed, double lr, double scale, double radius, StepScaling scaling,
                   double reference, long budget, double tol, boolean trace) {
        int n = pr.truth().rows();
        Parameterization p = model(method, n, scale, radius, seed);
        EntrySample sample = pr.sample();
        EntryLoss entryLoss = new EntryLoss(EntryPattern.of(n, n, sample.rowIndices(), sample.colIndices()),
                sample.values());
        List<double[]> tr = new ArrayList<>();
        int every = (int) Math.max(1, budget / TRACE_POINTS);
        Trainer.Builder b = Trainer.builder().maxIterations(budget).tolerance(tol).logEvery(every);
        // a run whose product collapsed to (numerically) zero is stopped: it cannot recover within the budget, and
        // its subnormal factors make every further step very slow
        b.listener((state, history) -> state.iteration() > 0
                && state.parameterization().endToEnd().frobeniusNorm() < COLLAPSE ? Decision.STOP : Decision.CONTINUE);
        if (trace) {
            b.listener((state, history) -> {
                double[] sv = state.parameterization().endToEnd().singularValues();
                double[] row = new double[6];
                row[0] = state.iteration();
                for (int i = 0; i < 5; i++) {
                    row[i + 1] = i < sv.length ? sv[i] : Double.NaN;
                }
                tr.add(row);
                return Decision.CONTINUE;
            });
        }
        double gdRate = lr * pr.sample().size() / n; // GD with step lr on (1/n)Σ_Ω(..)²
        // udu and uu predict and back-propagate on Ω only (O(m·k) per step); the depth-3 product forms W
        GradientDescent gd = scaling == StepScaling.GAUGE && p instanceof Udu
                ? GradientDescent.blockwise(gdRate, GaugeSteps.udu(radius, reference))
                : new GradientDescent(gdRate);
        FitResult r = p instanceof EntryParameterization ep
                ? b.build().fit(ep, entryLoss, new EntryGradientStep(gd))
                : b.build().fit(p, new CompletionLoss(sample), new GradientStep(new GradientDescent(gdRate)));
        Matrix w = p.endToEnd();
        double[] sv = w.isFinite() ? w.singularValues() : new double[] {Double.NaN};
        double te = w.minus(pr.truth()).frobeniusNormSquared() / pr.truth().frobeniusNormSquared();
        int rank = Double.isFinite(sv[0]) ? Spectra.numericalRank(sv, RANK_TOL) : -1;
        double[][] ts = new double[5][tr.size()];
        double[] ti = new double[tr.size()];
        for (int k = 0; k < tr.size(); k++) {
            ti[k] = tr.get(k)[0];
            for (int i = 0; i < 5; i++) {
                ts[i][k] = tr.get(k)[i + 1];
            }
        }
        return new Run(method, seed, lr, scale, radius, scaling, r.converged(), rank, te, r.trainLoss(),
                r.iterations(), sv, ti, ts);
    }

    @Override
    public ExperimentReport run(ExperimentOptions o, Progress progress) throws BadInputException, IOException {
        validate(o);
        int n = ExperimentOptions.or(o.n(), N);
        int rank = ExperimentOptions.or(o.rank(), RANK);
        int m = o.observations() != null ? o.observations().get(0) : Math.min(OBSERVATIONS, n * n);
        List<Long> seeds = ExperimentOptions.or(o.seeds(), List.of(0L));
        List<Double> rates = rates(o);
        List<Double> scales = scales(o);
        long budget = budget(o);
        long dmfBudget = dmfBudget(o);
        double tol = ExperimentOptions.or(o.tolerance(), TOLERANCE);
        List<String> methods = List.of("udu", "uu", "dmf");
        double traceLr = rates.get(0);
        double traceScale = scales.get(scales.size() - 1);
        double radius = ExperimentOptions.or(o.radius(), RADIUS);
        List<Double> radii = o.quick() ? QUICK_RADII : RADII;
        // the middle step; quick: the largest (its radius-1 gauge run needs ~2·10⁵ steps at η = 1e-2)
        double radiusLr = o.quick() ? rates.get(rates.size() - 1) : rates.get((rates.size() - 1) / 2);
        double radiusScale = scales.get(0);

        List<String> header = new ArrayList<>(List.of("method", "seed", "step_size", "init_scale", "converged",
                "numerical_rank", "test_error", "train_loss", "iterations"));
        for (int i = 1; i <= 5; i++) {
            header.add("sigma_" + i);
        }
        header.add("sigma4_over_sigma1");
        List<List<String>> rows = new ArrayList<>();
        record Cell(String method, long seed, Problem pr, double lr, double scale, double radius, StepScaling scaling,
                    boolean sweep) {
        }
        List<Cell> cells = new ArrayList<>();
        for (long seed : seeds) {
            Problem pr = problem(seed, n, rank, m);
            for (String method : methods) {
                for (double lr : rates) {
                    for (double scale : scales) {
                        cells.add(new Cell(method, seed, pr, lr, scale, radius, StepScaling.UNIFORM, false));
                    }
                }
            }
            for (StepScaling scaling : StepScaling.values()) {
                for (double a : radii) {
                    cells.add(new Cell("udu", seed, pr, radiusLr, radiusScale, a, scaling, true));
                }
            }
        }
        progress.start(cells.size());
        java.util.concurrent.atomic.AtomicInteger finished = new java.util.concurrent.atomic.AtomicInteger();
        List<java.util.concurrent.Callable<Run>> jobs = new ArrayList<>();
        for (Cell c : cells) {
            jobs.add(() -> {
                boolean trace = !c.sweep() && c.lr() == traceLr && c.scale() == traceScale;
                Run r = fit(c.method(), c.pr(), c.seed(), c.lr(), c.scale(), c.radius(), c.scaling(), radius,
                        c.method().equals("dmf") ? dmfBudget : budget, tol, trace);
                String label = (c.sweep() ? "udu α " + fmt(c.radius()) + " " + c.scaling().label() : c.method())
                        + ", η " + fmt(c.lr()) + ", ξ " + fmt(c.scale());
                synchronized (progress) {
                    progress.update(finished.incrementAndGet(), label, 1.0);
                }
                return r;
            });
        }
        List<Run> all;
        try {
            all = dev.tacit.linalg.Workers.map(jobs); // independent cells on the worker threads, deterministic
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        List<Run> runs = new ArrayList<>();
        List<Run> radiusRuns = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            if (cells.get(i).sweep()) {
                radiusRuns.add(all.get(i));
            } else {
                runs.add(all.get(i));
                rows.add(row(all.get(i)));
            }
        }
        progress.finish();

        List<String> checks = new ArrayList<>();
        for (long seed : seeds) {
            List<Run> udu = runs.stream().filter(r -> r.seed() == seed && r.method().equals("udu")).toList();
            long conv = udu.stream().filter(Run::converged).count();
            long need = (long) Math.ceil(7.0 / 9.0 * udu.size());
            checks.add(check(conv >= need, "seed " + seed + ", udu: " + conv + " of " + udu.size()
                    + " cells converge (train loss <= " + fmt(tol) + " within " + budget + " steps; required >= "
                    + need + ", i.e. 7 of 9 on the full grid)"));
            for (Run r : udu) {
                if (r.converged()) {
                    checks.add(check(r.rank() == rank && r.ratio41() <= RANK_TOL
                                    && r.testError() <= TEST_ERROR_BOUND,
                            "seed " + seed + ", udu η " + fmt(r.lr()) + " ξ " + fmt(r.scale())
                                    + ": converged cell has numerical rank " + r.rank() + " (required " + rank
                                    + "), σ4/σ1 " + fmt(r.ratio41()) + " (required <= " + fmt(RANK_TOL)
                                    + "), test error " + fmt(r.testError()) + " (required <= "
                                    + fmt(TEST_ERROR_BOUND) + ")"));
                }
            }
            double maxScale = scales.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            for (double lr : rates) {
                Run u = find(runs, "uu", seed, lr, maxScale);
                Run d = find(runs, "udu", seed, lr, maxScale);
                if (u != null && d != null && u.converged() && d.converged()) {
                    checks.add(check(u.ratio41() > d.ratio41(), "seed " + seed + ", η " + fmt(lr) + ", ξ "
                            + fmt(maxScale) + ": plain UUᵀ σ4/σ1 = " + fmt(u.ratio41()) + " vs UDUᵀ "
                            + fmt(d.ratio41()) + " (UUᵀ's tail must be larger)"));
                }
            }
            for (StepScaling scaling : StepScaling.values()) {
                List<Run> rad = radiusRuns.stream().filter(r -> r.seed() == seed && r.scaling() == scaling).toList();
                boolean robust = rad.stream().allMatch(r -> r.converged() && r.rank() == rank
                        && r.ratio41() <= RANK_TOL && r.testError() <= TEST_ERROR_BOUND);
                StringBuilder sb = new StringBuilder();
                for (Run r : rad) {
                    sb.append(" α=").append(fmt(r.radius())).append(": converged=").append(r.converged())
                            .append(", rank ").append(r.rank()).append(", test error ").append(fmt(r.testError()))
                            .append(';');
                }
                String text = "seed " + seed + ", udu robust to the radius over a factor of " + fmt(radiusSpan(radii))
                        + " with " + scaling.label() + " steps (η " + fmt(radiusLr) + ", ξ " + fmt(radiusScale) + "):"
                        + sb;
                // the uniform-step sweep is reported, not required: its stable step shrinks like (α₀/α)⁴
                checks.add(scaling == StepScaling.GAUGE ? check(robust, text) : (robust ? "PASS  " : "INFO  ") + text);
            }
        }

        List<String> radiusHeader = List.of("seed", "step_scaling", "radius", "step_size", "init_scale", "converged",
                "numerical_rank", "test_error", "train_loss", "iterations", "sigma4_over_sigma1");
        List<List<String>> radiusRows = new ArrayList<>();
        for (Run r : radiusRuns) {
            radiusRows.add(List.of(Long.toString(r.seed()), r.scaling().label(), fmt(r.radius()), fmt(r.lr()),
                    fmt(r.scale()), Boolean.toString(r.converged()), Integer.toString(r.rank()), fmt(r.testError()),
                    fmt(r.trainLoss()), Long.toString(r.iterations()), fmt(r.ratio41())));
        }
        try (Staging staging = new Staging(o.out())) {
            Csv.writeCsv(staging.file("results.csv"), header, rows);
            Csv.writeCsv(staging.file("radius.csv"), radiusHeader, radiusRows);
            List<String> historyHeader = List.of("method", "seed", "step_size", "init_scale", "iteration", "sigma_1",
                    "sigma_2", "sigma_3", "sigma_4", "sigma_5");
            List<List<String>> historyRows = new ArrayList<>();
            for (Run r : runs) {
                for (int k = 0; k < r.traceIter().length; k++) {
                    List<String> h = new ArrayList<>(List.of(r.method(), Long.toString(r.seed()), fmt(r.lr()),
                            fmt(r.scale()), Long.toString((long) r.traceIter()[k])));
                    for (int i = 0; i < 5; i++) {
                        h.add(fmt(r.traceSigma()[i][k]));
                    }
                    historyRows.add(h);
                }
            }
            Csv.writeCsv(staging.file("history.csv"), historyHeader, historyRows);
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("quick", o.quick());
            config.put("seeds", seeds);
            config.put("n", n);
            config.put("rank", rank);
            config.put("observations", m);
            config.put("step_sizes", rates);
            config.put("init_scales", scales);
            config.put("step_size_meaning", "GD on (1/n)*sum_Omega (X_ij - y_ij)^2, i.e. the core mean loss with"
                    + " learning rate step_size*m/n; equivalently GD on 0.5*sum_Omega with step 2*step_size/n");
            config.put("width", WIDTH);
            config.put("radius", radius);
            config.put("radii_sweep", radii);
            config.put("radii_sweep_step_size", radiusLr);
            config.put("radii_sweep_step_scalings", "uniform: step_size on U and d; gauge: step_size*(radius/"
                    + fmt(radius) + ")^2 on U, step_size*(" + fmt(radius) + "/radius)^4 on d");
            config.put("init", "U Gaussian with ||U0||_F = init_scale, d0 = 1 (udu); same U0, d = 1 fixed, no ball"
                    + " (uu); DeepProduct depth 3 Gaussian of scale init_scale (dmf)");
            config.put("max_iterations", budget);
            config.put("dmf_max_iterations", dmfBudget);
            config.put("tolerance", tol);
            config.put("rank_tolerance", RANK_TOL);
            String provenance = Provenance.json(id(), config);
            Files.writeString(staging.file("provenance.json"), provenance);

            HtmlReport report = new HtmlReport(title());
            report.addParagraph("Target X* = G·Gᵀ, G Gaussian " + n + "x" + rank + ", scaled to ‖X*‖_F = " + n
                    + "; " + m + " observed entries. Methods: udu = U·diag(d)·Uᵀ with ‖U‖_F <= " + fmt(radius)
                    + ", d >= 0, width " + WIDTH + ", projected GD; uu = plain U·Uᵀ (same width and init, no"
                    + " constraint); dmf = depth-3 deep product (context, budget " + dmfBudget + "). Step size η ="
                    + " plain GD step on (1/n)Σ_Ω(X_ij − y_ij)² (= step 2η/n on the paper's ½Σ_Ω; the paper leaves the"
                    + " scale of its sampling operator open), the same for every factor."
                    + " Converged = core mean training loss <= " + fmt(tol) + " within " + budget + " steps."
                    + " Numerical rank counts σ_i > " + fmt(RANK_TOL) + "·σ₁; test error = ‖X̂ − X*‖²_F/‖X*‖²_F.");
            report.addParagraph("Radius and width are not given by the paper. α = " + fmt(radius) + " lies below the"
                    + " ‖U‖_F that the unconstrained U·D·Uᵀ dynamics reach on this target (≈ 7.9), so the ball is"
                    + " active; radius.csv repeats one cell (η " + fmt(radiusLr) + ", ξ " + fmt(radiusScale)
                    + ") for α ∈ " + radii + ", with one step η for every factor (uniform) and with the"
                    + " gauge-covariant steps η·(α/α₀)² on U and η·(α₀/α)⁴ on d, α₀ = " + fmt(radius) + " (gauge):"
                    + " U·diag(d)·Uᵀ is unchanged by (U, d) ↦ (cU, d/c²), which maps the ball of radius α₀ onto the"
                    + " ball of radius cα₀, and these steps make projected GD commute with that map, so the radius"
                    + " only changes the effective init (U₀/c, c²d₀).");
            report.addTable("results.csv", header, rows);
            report.addTable("radius.csv (udu, η " + fmt(radiusLr) + ", ξ " + fmt(radiusScale) + ")", radiusHeader,
                    radiusRows);
            for (long seed : seeds) {
                for (String method : methods) {
                    Run r = find(runs, method, seed, traceLr, traceScale);
                    if (r == null || r.traceIter().length == 0) {
                        continue;
                    }
                    PlotSpec.Builder pb = PlotSpec.builder("Singular values of X over iterations, " + method + " (η "
                            + fmt(traceLr) + ", ξ " + fmt(traceScale) + ", seed " + seed + ")")
                            .xLabel("iteration").yLabel("σ_i(X)").yAxis(Axis.LOG);
                    for (int i = 0; i < 5; i++) {
                        pb.add("σ_" + (i + 1), r.traceIter(), r.traceSigma()[i]);
                    }
                    Path png = staging.file("sigma-" + method + "-seed" + seed + ".png");
                    Plots.writePng(pb.build(), png);
                    report.addImage("singular values over iterations, " + method + ", seed " + seed, png);
                }
                PlotSpec.Builder te = PlotSpec.builder("Test error per cell (seed " + seed + ")")
                        .xLabel("init scale ξ").yLabel("‖X̂ − X*‖²/‖X*‖²").xAxis(Axis.LOG).yAxis(Axis.LOG);
                PlotSpec.Builder rk = PlotSpec.builder("σ4/σ1 per cell (seed " + seed + ")")
                        .xLabel("init scale ξ").yLabel("σ4/σ1").xAxis(Axis.LOG).yAxis(Axis.LOG);
                for (String method : methods) {
                    for (double lr : rates) {
                        double[] x = new double[scales.size()];
                        double[] y = new double[scales.size()];
                        double[] z = new double[scales.size()];
                        for (int i = 0; i < scales.size(); i++) {
                            Run r = find(runs, method, seed, lr, scales.get(i));
                            x[i] = scales.get(i);
                            y[i] = r.testError();
                            z[i] = Math.max(r.ratio41(), 1e-18);
                        }
                        te.add(method + " η " + fmt(lr), x, y);
                        rk.add(method + " η " + fmt(lr), x, z);
                    }
                }
                Path tePng = staging.file("grid-test-error-seed" + seed + ".png");
                Plots.writePng(te.build(), tePng);
                report.addImage("test error per (η, ξ) cell, seed " + seed, tePng);
                Path rkPng = staging.file("grid-tail-seed" + seed + ".png");
                Plots.writePng(rk.build(), rkPng);
                report.addImage("σ4/σ1 per (η, ξ) cell (floored at 1e-18), seed " + seed, rkPng);
            }
            report.addPreformatted("checks", String.join("\n", checks));
            report.addPreformatted("provenance.json", provenance);
            report.write(staging.file("report.html"));
            staging.commit();
        }
        boolean diverged = runs.stream().anyMatch(r -> !Double.isFinite(r.trainLoss()));
        return new ExperimentReport(o.out(), header, rows, checks, diverged, false);
    }

    private static double radiusSpan(List<Double> radii) {
        double lo = radii.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double hi = radii.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        return hi / lo;
    }

    private static Run find(List<Run> runs, String method, long seed, double lr, double scale) {
        for (Run r : runs) {
            if (r.method().equals(method) && r.seed() == seed && r.lr() == lr && r.scale() == scale) {
                return r;
            }
        }
        return null;
    }

    private static List<String> row(Run r) {
        List<String> row = new ArrayList<>(List.of(r.method(), Long.toString(r.seed()), fmt(r.lr()), fmt(r.scale()),
                Boolean.toString(r.converged()), Integer.toString(r.rank()), fmt(r.testError()), fmt(r.trainLoss()),
                Long.toString(r.iterations())));
        for (int i = 0; i < 5; i++) {
            row.add(i < r.sigma().length ? fmt(r.sigma()[i]) : "");
        }
        row.add(fmt(r.ratio41()));
        return row;
    }

    private static String check(boolean ok, String text) {
        return (ok ? "PASS" : "FAIL") + "  " + text;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
