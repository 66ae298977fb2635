package dev.tacit.experiments;

import dev.tacit.data.LowRankGenerator;
import dev.tacit.data.Seeds;
import dev.tacit.diagnostics.Sharpness;
import dev.tacit.experiments.report.Axis;
import dev.tacit.experiments.report.Csv;
import dev.tacit.experiments.report.HtmlReport;
import dev.tacit.experiments.report.PlotSpec;
import dev.tacit.experiments.report.Plots;
import dev.tacit.linalg.Matrix;
import dev.tacit.linalg.Svd;
import dev.tacit.linalg.SvdMode;
import dev.tacit.model.deep.DeepProduct;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Kamber &amp; Parhi (arXiv 2509.25783), sharpness of minima of {@code ‖M − W_N···W_1‖²_F} (no ½; dmf.md §4).
 *
 * <p><b>Part "sharpness".</b> M is a seeded n×n Gaussian matrix with SVD UΣVᵀ. Exact minimizers are built as
 * {@code W_1 = R_1D_1Vᵀ, W_j = R_jD_jR_{j−1}ᵀ, W_N = UD_NR_{N−1}ᵀ} with diagonal D_j whose product is Σ
 * ({@link AlignedMinimizer}); for these the Hessian's λ_max has the closed form
 * {@code 2 max_{k,l} Σ_i Π_{m>i}d_m(k)² Π_{m<i}d_m(l)²}. Cases per depth: {@code balanced} (d_j = σ^{1/N}, exact
 * = flattest value 2Nσ₁^{2−2/N}), {@code balanced-rotated} (random orthogonal R_j, same value), {@code scaled}
 * (layers times c_j, Πc_j = 1: 2σ₁^{2−2/N}Σc_j^{−2}), {@code misaligned} (per-direction scalings that move
 * the layers' top singular directions apart; the bound 2Σ‖A_i‖²‖B_i‖² is reported next to it) and, at
 * depth 2, the dmf.md {@code counterexample} M = I, W₁ = diag(2, ½), W₂ = diag(½, 2) (equal spectral norms,
 * λ_max = 16 ≫ 4σ₁ = 4). At depth 2 the exact value is the paper's 2(‖W₁‖²₂ + ‖W₂‖²₂). Measured: power iteration
 * on Gauss–Newton Hessian-vector products ({@link Sharpness}), also on finite-difference ones, and the explicit
 * small-operator eigenvalue.
 *
 * <p><b>Part "escape".</b> GD with step η on the same loss from θ* + 1e-9·v (v the unit top eigenvector):
 * it leaves the minimum iff λ_max &gt; 2/η. For each depth, the balanced minimizer with η = (2/λ_max)(1 ∓
 * {@value #ETA_MARGIN}); the paper's setting (a 15-layer scalar factorization of m = 1, λ_max = 30); and, at one
 * η = 0.95·2/4, the flat M = I factorization W₁ = W₂ = I (λ_max = 4, stays) vs the counterexample (λ_max = 16,
 * escapes). Escaped = the distance ‖θ_K − θ*‖ exceeds {@value #ESCAPE_FACTOR}× the initial 1e-9.
 *
 * <p>Options: {@code --seeds} (default 0), {@code --depths} (default 2,3,4; each in [2, 8]), {@code --n}
 * (default 4, in [2, 12]), {@code --lr} (escape step sizes used instead of the ∓ pair for the balanced
 * minimizers), {@code --max-iter} (escape steps K, default {@value #ESCAPE_STEPS}). {@code --quick}: K =
 * {@value #QUICK_ESCAPE_STEPS}.
 */
public final class Kamber2025Sharpness implements Experiment {

    /** Relative tolerance of the sharpness checks (issue 6). */
    public static final double TOLERANCE = 1e-6;
    /** Initial distance from the minimizer in the escape runs. */
    public static final double PERTURBATION = 1e-9;
    /** η = (2/λ_max)(1 ∓ ETA_MARGIN). */
    public static final double ETA_MARGIN = 0.05;
    /** Escaped iff the final distance exceeds this multiple of the initial one. */
    public static final double ESCAPE_FACTOR = 1e3;
    /** Escape steps. */
    public static final int ESCAPE_STEPS = 1000;
    /** Escape steps in quick mode. */
    public static final int QUICK_ESCAPE_STEPS = 400;
    /** A run stops early once this far from the minimizer (it has left). */
    public static final double STOP_DISTANCE = 10.0;
    /** Depth of the paper's scalar escape example. */
    public static final int SCALAR_DEPTH = 15;

    /** The CSV header. */
    public static final List<String> HEADER = List.of("part", "seed", "depth", "case", "measured", "exact",
            "rel_error", "small_operator", "small_rel_error", "fd_measured", "fd_rel_error", "upper_bound",
            "flattest", "spectral_norms", "eta", "two_over_eta", "lambda_max", "escaped", "final_distance", "steps");

    @Override
    public String id() {
        return "kamber2025-sharpness";
    }

    @Override
    public String title() {
        return "Kamber & Parhi 2025: exact sharpness λ_max of minima of ‖M − W_N···W_1‖²_F and the escape condition λ_max > 2/η";
    }

    private static List<Integer> depths(ExperimentOptions o) {
        return ExperimentOptions.or(o.depths(), List.of(2, 3, 4));
    }

    private static int steps(ExperimentOptions o) {
        return (int) (long) ExperimentOptions.or(o.maxIterations(), (long) (o.quick() ? QUICK_ESCAPE_STEPS
                : ESCAPE_STEPS));
    }

    @Override
    public void validate(ExperimentOptions o) throws BadInputException {
        o.rejectUnused(id(), "--seeds", "--depths", "--n", "--lr", "--max-iter");
        if (o.depths() != null) {
            if (o.depths().isEmpty()) {
                throw new BadInputException("--depths must list at least one depth");
            }
            for (int d : o.depths()) {
                if (d < 2 || d > 8) {
                    throw new BadInputException("--depths must be in [2, 8], got " + d);
                }
            }
        }
        int n = ExperimentOptions.or(o.n(), 4);
        if (n < 2 || n > 12) {
            throw new BadInputException("--n must be in [2, 12], got " + n);
        }
        if (o.seeds() != null && o.seeds().isEmpty()) {
            throw new BadInputException("--seeds must list at least one seed");
        }
        if (o.learningRates() != null) {
            if (o.learningRates().isEmpty()) {
                throw new BadInputException("--lr must list at least one step size");
            }
            for (double lr : o.learningRates()) {
                if (!(lr > 0 && lr < 10)) {
                    throw new BadInputException("--lr must be in (0, 10), got " + lr);
                }
            }
        }
        if (o.maxIterations() != null && (o.maxIterations() < 1 || o.maxIterations() > 100_000)) {
            throw new BadInputException("--max-iter (escape steps) must be in [1, 100000], got " + o.maxIterations());
        }
    }

    /** One sharpness case. */
    record Case(long seed, int depth, String name, double measured, double exact, double smallOperator,
                double fdMeasured, double upperBound, double flattest, double[] norms) {
        double relError() {
            return Math.abs(measured - exact) / exact;
        }

        double smallRelError() {
            return Math.abs(measured - smallOperator) / smallOperator;
        }

        double fdRelError() {
            return Math.abs(fdMeasured - exact) / exact;
        }
    }

    /** One escape run. */
    record Escape(long seed, int depth, String name, double eta, double lambdaMax, boolean escaped,
                  double finalDistance, int steps, double[] iter, double[] distance) {
    }

    @Override
    public ExperimentReport run(ExperimentOptions o, Progress progress) throws BadInputException, IOException {
        validate(o);
        List<Integer> depths = depths(o);
        int n = ExperimentOptions.or(o.n(), 4);
        List<Long> seeds = ExperimentOptions.or(o.seeds(), List.of(0L));
        int steps = steps(o);
        List<Case> cases = new ArrayList<>();
        List<Escape> escapes = new ArrayList<>();
        List<String> checks = new ArrayList<>();
        progress.start(seeds.size() * (depths.size() + 1));
        int done = 0;
        for (long seed : seeds) {
            Matrix m = LowRankGenerator.gaussian(n, n, Seeds.stream(seed, Seeds.Stream.GROUND_TRUTH));
            Svd svd = m.svd(SvdMode.THIN);
            double s1 = svd.value(0);
            for (int depth : depths) {
                progress.update(done, "seed " + seed + ", depth " + depth, 0.0);
                SplittableRandom rng = Seeds.stream(seed * 131 + depth, Seeds.Stream.OTHER);
                List<Case> here = new ArrayList<>();
                for (String name : List.of("balanced", "balanced-rotated", "scaled", "misaligned")) {
                    AlignedMinimizer a = AlignedMinimizer.of(svd, depth, name, rng);
                    here.add(measure(seed, depth, name, a.product(), m, a.exact(), s1));
                }
                if (depth == 2) {
                    here.add(measure(seed, 2, "counterexample", counterexample(), Matrix.identity(2), 16.0, 1.0));
                }
                cases.addAll(here);
                for (Case c : here) {
                    String what = "seed " + seed + ", depth " + depth + ", " + c.name() + ": ";
                    String exactName = depth == 2 ? "2(‖W₁‖²₂+‖W₂‖²₂)" : c.name().startsWith("balanced")
                            ? "2Nσ₁^(2−2/N)" : "closed form";
                    checks.add(check(c.relError() <= TOLERANCE, what + "λ_max measured " + fmt(c.measured())
                            + " vs exact " + exactName + " = " + fmt(c.exact()) + ", rel error " + fmt(c.relError())
                            + " (required <= " + fmt(TOLERANCE) + ")"));
                    checks.add(check(c.smallRelError() <= TOLERANCE, what + "HVP power iteration vs exact small-"
                            + "operator eigenvalue " + fmt(c.smallOperator()) + ", rel error " + fmt(c.smallRelError())
                            + " (required <= " + fmt(TOLERANCE) + ")"));
                    checks.add(check(c.fdRelError() <= TOLERANCE, what + "finite-difference HVP power iteration "
                            + fmt(c.fdMeasured()) + ", rel error " + fmt(c.fdRelError()) + " (required <= "
                            + fmt(TOLERANCE) + ")"));
                }
                Case balanced = here.get(0);
                checks.add(check(Math.abs(balanced.measured() - Sharpness.flattest(s1, depth))
                                / Sharpness.flattest(s1, depth) <= TOLERANCE && here.stream().allMatch(
                                c -> c.name().equals("counterexample") || c.measured() >= balanced.measured() * (1 - TOLERANCE)),
                        "seed " + seed + ", depth " + depth + ": the balanced minimizer is the flattest, λ_max "
                                + fmt(balanced.measured()) + " = 2Nσ₁^(2−2/N) = " + fmt(Sharpness.flattest(s1, depth))
                                + " (σ₁ = " + fmt(s1) + "), every other minimizer of M at least as sharp"));
                if (depth == 2) {
                    Case c = here.get(here.size() - 1);
                    checks.add(check(Math.abs(c.norms()[0] - c.norms()[1]) <= 1e-12 && c.relError() <= TOLERANCE
                                    && c.measured() > 2 * c.flattest(),
                            "counterexample M = I, W₁ = diag(2, ½), W₂ = diag(½, 2): equal spectral norms "
                                    + fmt(c.norms()[0]) + " = " + fmt(c.norms()[1]) + " but λ_max = "
                                    + fmt(c.measured()) + " (exact 16) ≫ flattest 4σ₁ = " + fmt(c.flattest())));
                }
                if (depth >= 3) {
                    Case mis = here.get(3);
                    boolean tight = mis.upperBound() <= mis.exact() * (1 + 1e-9);
                    checks.add(check(mis.upperBound() >= mis.measured() * (1 - 1e-12), "seed " + seed + ", depth "
                            + depth + ", misaligned: λ_max = " + fmt(mis.measured()) + " <= the bound 2Σ‖A_i‖²‖B_i‖² = "
                            + fmt(mis.upperBound()) + " (" + (tight ? "tight here" : "not tight here") + ")"));
                }
                // escape runs at the balanced minimizer
                AlignedMinimizer bal = AlignedMinimizer.of(svd, depth, "balanced", rng);
                Sharpness.Result top = Sharpness.lambdaMax(bal.product(), m, Sharpness.Options.defaults());
                List<Double> etas = o.learningRates() != null ? o.learningRates()
                        : List.of(2 / top.lambdaMax() * (1 - ETA_MARGIN), 2 / top.lambdaMax() * (1 + ETA_MARGIN));
                for (double eta : etas) {
                    escapes.add(escape(seed, depth, "balanced", bal.product(), m, top, eta, steps));
                }
                progress.update(++done, "seed " + seed + ", depth " + depth, 1.0);
            }
            // the paper's setting: 15-layer scalar factorization of m = 1
            List<Matrix> ones = new ArrayList<>();
            for (int j = 0; j < SCALAR_DEPTH; j++) {
                ones.add(Matrix.of(new double[][] {{1.0}}));
            }
            DeepProduct scalar = DeepProduct.ofLayers(ones);
            Matrix one = Matrix.of(new double[][] {{1.0}});
            Sharpness.Result st = Sharpness.lambdaMax(scalar, one, Sharpness.Options.defaults().withSeed(seed));
            for (double f : new double[] {1 - ETA_MARGIN, 1 + ETA_MARGIN}) {
                escapes.add(escape(seed, SCALAR_DEPTH, "scalar", scalar, one, st, 2 / st.lambdaMax() * f, steps));
            }
            // flat vs sharp minimizer of M = I at one step size
            double eta = 0.95 * 2 / 4.0;
            DeepProduct flat = DeepProduct.ofLayers(List.of(Matrix.identity(2), Matrix.identity(2)));
            Matrix eye = Matrix.identity(2);
            escapes.add(escape(seed, 2, "identity-flat", flat, eye,
                    Sharpness.lambdaMax(flat, eye, Sharpness.Options.defaults().withSeed(seed)), eta, steps));
            escapes.add(escape(seed, 2, "counterexample", counterexample(), eye,
                    Sharpness.lambdaMax(counterexample(), eye, Sharpness.Options.defaults().withSeed(seed)), eta,
                    steps));
            progress.update(++done, "seed " + seed + ", escape", 1.0);
        }
        progress.finish();
        for (Escape e : escapes) {
            boolean predicted = e.lambdaMax() > 2 / e.eta();
            checks.add(check(predicted == e.escaped(), "seed " + e.seed() + ", depth " + e.depth() + ", " + e.name()
                    + ": η = " + fmt(e.eta()) + ", 2/η = " + fmt(2 / e.eta()) + ", λ_max = " + fmt(e.lambdaMax())
                    + ": predicted " + (predicted ? "escape" : "stay") + ", observed " + (e.escaped() ? "escape"
                    : "stay") + " (distance after " + e.steps() + " steps " + fmt(e.finalDistance()) + " from "
                    + fmt(PERTURBATION) + ")"));
        }

        List<List<String>> rows = new ArrayList<>();
        for (Case c : cases) {
            StringBuilder norms = new StringBuilder();
            for (double v : c.norms()) {
                norms.append(norms.length() == 0 ? "" : ";").append(fmt(v));
            }
            rows.add(List.of("sharpness", Long.toString(c.seed()), Integer.toString(c.depth()), c.name(),
                    fmt(c.measured()), fmt(c.exact()), fmt(c.relError()), fmt(c.smallOperator()),
                    fmt(c.smallRelError()), fmt(c.fdMeasured()), fmt(c.fdRelError()), fmt(c.upperBound()),
                    fmt(c.flattest()), norms.toString(), "", "", fmt(c.measured()), "", "", ""));
        }
        for (Escape e : escapes) {
            rows.add(List.of("escape", Long.toString(e.seed()), Integer.toString(e.depth()), e.name(), "", "", "", "",
                    "", "", "", "", "", "", fmt(e.eta()), fmt(2 / e.eta()), fmt(e.lambdaMax()),
                    Boolean.toString(e.escaped()), fmt(e.finalDistance()), Integer.toString(e.steps())));
        }
        List<List<String>> history = new ArrayList<>();
        for (Escape e : escapes) {
            for (int i = 0; i < e.iter().length; i++) {
                history.add(List.of(Long.toString(e.seed()), Integer.toString(e.depth()), e.name(), fmt(e.eta()),
                        Long.toString((long) e.iter()[i]), fmt(e.distance()[i])));
            }
        }

        try (Staging staging = new Staging(o.out())) {
            Csv.writeCsv(staging.file("results.csv"), HEADER, rows);
            Csv.writeCsv(staging.file("history.csv"), List.of("seed", "depth", "case", "eta", "iteration",
                    "distance"), history);
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("quick", o.quick());
            config.put("seeds", seeds);
            config.put("n", n);
            config.put("depths", depths);
            config.put("loss", "||M - W_N...W_1||_F^2 (no 1/2)");
            config.put("target", "seeded n x n Gaussian (LowRankGenerator.gaussian, GROUND_TRUTH stream)");
            config.put("tolerance", TOLERANCE);
            config.put("perturbation", PERTURBATION);
            config.put("eta_margin", ETA_MARGIN);
            config.put("escape_steps", steps);
            config.put("escape_factor", ESCAPE_FACTOR);
            config.put("learning_rates", o.learningRates());
            String provenance = Provenance.json(id(), config);
            Files.writeString(staging.file("provenance.json"), provenance);

            HtmlReport report = new HtmlReport(title());
            report.addParagraph("Loss ‖M − W_N···W_1‖²_F (no ½). At a global minimizer the Hessian is 2JᵀJ, J the"
                    + " Jacobian of the product, so λ_max = 2λ_max(Σ_i (B_iᵀB_i) ⊗ (A_iA_iᵀ)) (A_i = W_N···W_{i+1},"
                    + " B_i = W_{i−1}···W_1). Depth 2: λ_max = 2(‖W₁‖²₂ + ‖W₂‖²₂). Flattest minimizer: spectral"
                    + " balance, λ_max = 2Nσ₁(M)^(2−2/N). Equal spectral norms alone are not enough (counterexample)."
                    + " GD with step η leaves a minimizer iff λ_max > 2/η. Formulas and the counterexample: dmf.md §4"
                    + " (verified there by finite-difference Hessians; the paper's 15-layer scalar escape figure).");
            report.addParagraph("measured = power iteration on exact Gauss–Newton Hessian-vector products;"
                    + " fd_measured = power iteration on central differences of the gradient; small_operator = 2 × the"
                    + " top eigenvalue of the dense (d_N·d_0)² matrix of X ↦ Σ A_iA_iᵀ X B_iᵀB_i; exact = the"
                    + " closed form (depth 2: 2(‖W₁‖²₂+‖W₂‖²₂); balanced: 2Nσ₁^(2−2/N); others: the diagonal formula"
                    + " for SVD-aligned factors). Escape rows: start 1e-9 from θ* along the top eigenvector, "
                    + steps + " GD steps (stopped early past distance " + fmt(STOP_DISTANCE) + "); escaped iff the"
                    + " final distance > " + fmt(ESCAPE_FACTOR) + " × 1e-9.");
            report.addTable("results.csv", HEADER, rows);
            PlotSpec.Builder sc = PlotSpec.builder("Measured λ_max vs exact").xLabel("exact λ_max")
                    .yLabel("measured λ_max (HVP power iteration)").xAxis(Axis.LOG).yAxis(Axis.LOG);
            List<Case> sorted = new ArrayList<>(cases);
            sorted.sort(Comparator.comparingDouble(Case::exact));
            double[] ex = sorted.stream().mapToDouble(Case::exact).toArray();
            double[] me = sorted.stream().mapToDouble(Case::measured).toArray();
            sc.add("y = x", new double[] {ex[0] * 0.9, ex[ex.length - 1] * 1.1},
                    new double[] {ex[0] * 0.9, ex[ex.length - 1] * 1.1});
            sc.add("measured", ex, me);
            Path scatter = staging.file("measured-vs-exact.png");
            Plots.writePng(sc.build(), scatter);
            report.addImage("measured vs exact λ_max (all cases)", scatter);
            PlotSpec.Builder es = PlotSpec.builder("Escape: distance from the minimizer vs iteration")
                    .xLabel("iteration").yLabel("‖θ_t − θ*‖").yAxis(Axis.LOG);
            for (Escape e : escapes) {
                es.add("s" + e.seed() + " N=" + e.depth() + " " + e.name() + " ηλ/2=" + String.format(Locale.ROOT,
                        "%.3f", e.eta() * e.lambdaMax() / 2), e.iter(), e.distance());
            }
            Path escapePng = staging.file("escape-distance.png");
            Plots.writePng(es.build(), escapePng);
            report.addImage("escape distance vs iteration", escapePng);
            report.addPreformatted("checks", String.join("\n", checks));
            report.addPreformatted("provenance.json", provenance);
            report.write(staging.file("report.html"));
            staging.commit();
        }
        boolean diverged = cases.stream().anyMatch(c -> !Double.isFinite(c.measured()));
        return new ExperimentReport(o.out(), HEADER, rows, checks, diverged, false);
    }

    static DeepProduct counterexample() {
        return DeepProduct.ofLayers(List.of(Matrix.of(new double[][] {{2, 0}, {0, 0.5}}),
                Matrix.of(new double[][] {{0.5, 0}, {0, 2}})));
    }

    static Case measure(long seed, int depth, String name, DeepProduct p, Matrix m, double exact, double s1) {
        Sharpness.Options opts = Sharpness.Options.defaults().withSeed(seed);
        double gn = Sharpness.lambdaMax(p, m, opts.withHvp(Sharpness.Hvp.GAUSS_NEWTON)).lambdaMax();
        double fd = Sharpness.lambdaMax(p, m, opts.withHvp(Sharpness.Hvp.FINITE_DIFFERENCE)).lambdaMax();
        double[] norms = new double[p.depth()];
        for (int j = 0; j < norms.length; j++) {
            norms[j] = Sharpness.spectralNorm(p.layer(j + 1));
        }
        if (depth == 2) {
            exact = Sharpness.depthTwo(p);
        }
        return new Case(seed, depth, name, gn, exact, Sharpness.smallOperatorEigenvalue(p), fd,
                Sharpness.upperBound(p), Sharpness.flattest(s1, depth), norms);
    }

    /** GD from θ* + 1e-9·v on ‖M − W‖²_F; records ‖θ_t − θ*‖. */
    static Escape escape(long seed, int depth, String name, DeepProduct minimizer, Matrix m, Sharpness.Result top,
                         double eta, int steps) {
        DeepProduct p = minimizer.copy();
        List<Matrix> star = new ArrayList<>();
        for (Matrix l : minimizer.factors()) {
            star.add(l.copy());
        }
        for (int j = 0; j < p.depth(); j++) {
            p.factors().get(j).addScaled(PERTURBATION, top.eigenvector().get(j));
        }
        p.afterUpdate();
        List<double[]> curve = new ArrayList<>();
        double dist = distance(p, star);
        curve.add(new double[] {0, dist});
        int t = 0;
        while (t < steps) {
            List<Matrix> g = Sharpness.gradient(p, m);
            for (int j = 0; j < g.size(); j++) {
                p.factors().get(j).addScaled(-eta, g.get(j));
            }
            p.afterUpdate();
            t++;
            dist = distance(p, star);
            curve.add(new double[] {t, dist});
            if (!Double.isFinite(dist) || dist > STOP_DISTANCE) {
                break;
            }
        }
        boolean escaped = !Double.isFinite(dist) || dist > ESCAPE_FACTOR * PERTURBATION;
        double[] it = new double[curve.size()];
        double[] d = new double[curve.size()];
        for (int i = 0; i < it.length; i++) {
            it[i] = curve.get(i)[0];
            d[i] = curve.get(i)[1];
        }
        return new Escape(seed, depth, name, eta, top.lambdaMax(), escaped, dist, t, it, d);
    }

    private static double distance(DeepProduct p, List<Matrix> star) {
        double s = 0;
        for (int j = 0; j < star.size(); j++) {
            s += p.factors().get(j).minus(star.get(j)).frobeniusNormSquared();
        }
        return Math.sqrt(s);
    }

    private static String check(boolean ok, String text) {
        return (ok ? "PASS" : "FAIL") + "  " + text;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.10g", v);
    }
}
