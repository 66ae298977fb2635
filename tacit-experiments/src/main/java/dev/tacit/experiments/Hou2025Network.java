package dev.tacit.experiments;

import dev.tacit.data.Seeds;
import dev.tacit.experiments.report.Axis;
import dev.tacit.experiments.report.Csv;
import dev.tacit.experiments.report.HtmlReport;
import dev.tacit.experiments.report.PlotSpec;
import dev.tacit.experiments.report.Plots;
import dev.tacit.network.Activation;
import dev.tacit.network.DenseLayer;
import dev.tacit.network.Layer;
import dev.tacit.network.Network;
import dev.tacit.network.NetworkLoss;
import dev.tacit.network.NetworkTrainer;
import dev.tacit.network.TrainingSettings;
import dev.tacit.network.Truncation;
import dev.tacit.network.UdvLayer;
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
 * Hou, Sra, Yurtsever (2025, arXiv 2501.16322), networks (udv_gauge_lifted.md §1.4, Table 2, Fig. 3–4): a
 * one-hidden-layer ReLU network whose two affine maps are UDV layers (eq. 7: x ↦ V·diag(w)·Uᵀx + b with
 * ‖U‖_F ≤ ρ, ‖V‖_F ≤ ρ, w ≥ 0, projected after every Adam step) against the same architecture with plain dense
 * layers, on digits and wine (classification, softmax cross-entropy) and diabetes (regression, squared loss; only
 * when the in-house files are present). Reported per dataset × network × seed: the held-out test accuracy or
 * RMSE, the singular values of each layer's end-to-end matrix, and the test metric after truncating one layer to
 * rank r by its SVD <em>without retraining</em>, with the smallest rank per layer that keeps the metric within
 * one point of accuracy (regression: within 1% of the RMSE) and the parameters the layer keeps in factored form.
 *
 * <p><b>Setup</b> (the paper gives no widths for these data; choices documented in the report): widths
 * in → {@value #HIDDEN} → out; UDV inner width m = min(in, out) per layer (the smallest that can represent any
 * dense layer); ρ = {@value UdvLayer#DEFAULT_RADIUS} (the paper's) unless {@code --radius}; dense layers He-initialized,
 * UDV layers with U, V Gaussian on the sphere of radius ρ and w ≡ √(2·out·m)/ρ² (He scale end to end). Seeded
 * stratified split: {@value #TEST_PERCENT}% test, then {@value #VAL_PERCENT}% of the rest for validation;
 * features (and the regression target) standardized by the fitting part. Adam, batch {@value #BATCH}; the learning
 * rate is chosen per dataset × network × seed from a small sweep by the validation metric (never the test set).
 *
 * <p>Options: {@code --seeds} (default 0, 1, 2; quick 0), {@code --lr} (the sweep; default 1e-3, 3e-3, 1e-2; quick
 * 1e-3, 1e-2), {@code --max-iter} (epochs; default {@value #EPOCHS}, also in quick mode), {@code --radius} (ρ &gt; 0).
 * Quick mode is a subset of the full run (seed 0, two of the three rates, the same epochs), so where the rate the full
 * sweep picks is among the two, its rows are the full run's seed-0 rows.
 * Data: see {@link NetworkDatasets}.
 */
public final class Hou2025Network implements Experiment {

    /** Hidden width. */
    public static final int HIDDEN = 64;
    /** Mini-batch size. */
    public static final int BATCH = 32;
    /** Epochs per run. */
    public static final int EPOCHS = 60;
    /** Percent of the data held out for testing. */
    public static final int TEST_PERCENT = 20;
    /** Percent of the remainder held out for choosing the learning rate. */
    public static final int VAL_PERCENT = 20;
    /** Allowed loss of accuracy (percentage points) for truncation. */
    public static final double ACCURACY_SLACK = 1.0;
    /** Allowed relative increase of the RMSE for truncation. */
    public static final double RMSE_SLACK = 0.01;
    /** Required test accuracy on digits, percent. */
    public static final double DIGITS_ACCURACY = 95.0;
    /** "Far fewer" parameters: the UDV network keeps at most this fraction of the plain one's after truncation. */
    public static final double FAR_FEWER = 0.5;

    private static final List<String> NETWORKS = List.of("udv", "plain");

    private final NetworkDatasets datasets;

    /** Reads the data from the bundled copies, the data folder and the shared folder ({@link NetworkDatasets}). */
    public Hou2025Network() {
        this(null);
    }

    Hou2025Network(NetworkDatasets datasets) {
        this.datasets = datasets;
    }

    @Override
    public String id() {
        return "hou2025-network";
    }

    @Override
    public String title() {
        return "Hou, Sra, Yurtsever 2025: UDV layers vs plain dense layers (accuracy, spectra, SVD truncation)";
    }

    private static List<Double> rates(ExperimentOptions o) {
        return ExperimentOptions.or(o.learningRates(), o.quick() ? List.of(1e-3, 1e-2) : List.of(1e-3, 3e-3, 1e-2));
    }

    private static int epochs(ExperimentOptions o) {
        return o.maxIterations() != null ? o.maxIterations().intValue() : EPOCHS;
    }

    private static double radius(ExperimentOptions o) {
        return ExperimentOptions.or(o.radius(), UdvLayer.DEFAULT_RADIUS);
    }

    @Override
    public void validate(ExperimentOptions o) throws BadInputException {
        o.rejectUnused(id(), "--seeds", "--lr", "--max-iter", "--radius");
        if (o.seeds() != null && o.seeds().isEmpty()) {
            throw new BadInputException("--seeds must list at least one seed");
        }
        if (o.learningRates() != null) {
            if (o.learningRates().isEmpty()) {
                throw new BadInputException("--lr must list at least one learning rate");
            }
            for (double lr : o.learningRates()) {
                if (!(lr > 0 && lr <= 1)) {
                    throw new BadInputException("--lr must be in (0, 1], got " + lr);
                }
            }
        }
        if (o.maxIterations() != null && (o.maxIterations() < 1 || o.maxIterations() > 10_000)) {
            throw new BadInputException("--max-iter (epochs) must be in [1, 10000], got " + o.maxIterations());
        }
        if (o.radius() != null && !(o.radius() > 0 && Double.isFinite(o.radius()))) {
            throw new BadInputException("--radius must be positive and finite, got " + o.radius());
        }
    }

    /** The trained network of one dataset × network × seed, and what was measured on it. */
    record Run(String dataset, String network, long seed, double lr, boolean diverged, double valMetric,
               double testMetric, int parameters, double[][] sigma, double[][] curve, int[] ranks, long[] rankParams,
               double truncatedMetric, double seconds) {

        long paramsAtRanks() {
            long s = 0;
            for (long p : rankParams) {
                s += p;
            }
            return s;
        }
    }

    static Network build(String network, int in, int out, double radius, long seed) {
        SplittableRandom rng = Seeds.stream(seed, Seeds.Stream.INITIALIZATION);
        int[] widths = {in, HIDDEN, out};
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            int a = widths[i];
            int b = widths[i + 1];
            layers.add(network.equals("udv") ? UdvLayer.initialize(a, b, Math.min(a, b), radius, rng)
                    : DenseLayer.he(a, b, rng));
        }
        return new Network(layers, Activation.RELU);
    }

    @Override
    public ExperimentReport run(ExperimentOptions o, Progress progress) throws BadInputException, IOException {
        validate(o);
        List<Long> seeds = ExperimentOptions.or(o.seeds(), o.quick() ? List.of(0L) : List.of(0L, 1L, 2L));
        List<Double> rates = rates(o);
        int epochs = epochs(o);
        double radius = radius(o);
        List<NetworkDatasets.Dataset> data = (datasets != null ? datasets : NetworkDatasets.fromEnvironment()).load();

        List<List<String>> history = new ArrayList<>();
        List<Run> runs = new ArrayList<>();
        progress.start(data.size() * NETWORKS.size() * seeds.size() * rates.size());
        int done = 0;
        for (NetworkDatasets.Dataset ds : data) {
            for (long seed : seeds) {
                NetworkData split = NetworkData.split(ds.table(), TEST_PERCENT / 100.0, VAL_PERCENT / 100.0,
                        Seeds.stream(seed, Seeds.Stream.OBSERVATIONS));
                NetworkLoss loss = split.classes() == 0 ? NetworkLoss.SQUARED : NetworkLoss.SOFTMAX_CROSS_ENTROPY;
                for (String net : NETWORKS) {
                    Network best = null;
                    double bestVal = Double.NaN;
                    double bestLr = Double.NaN;
                    boolean bestDiverged = false;
                    long start = System.nanoTime();
                    for (double lr : rates) {
                        String label = ds.name() + ", " + net + ", seed " + seed + ", lr " + fmt(lr);
                        progress.update(done, label, 0.0);
                        Network model = build(net, split.xFit().cols(), split.tFit().cols(), radius, seed);
                        NetworkTrainer.Result r = new NetworkTrainer(new TrainingSettings(lr, epochs, BATCH, seed)).fit(
                                model, split.xFit(), split.tFit(), loss, (epoch, trainLoss, nw) -> {
                                    double val = split.metric(nw.forward(split.xVal()), split.yVal());
                                    history.add(List.of(ds.name(), net, Long.toString(seed), fmt(lr),
                                            Integer.toString(epoch), fmt(trainLoss), fmt(val)));
                                });
                        double val = r.diverged() ? Double.NaN : split.metric(model.forward(split.xVal()), split.yVal());
                        if (best == null || (!Double.isNaN(val) && (Double.isNaN(bestVal) || split.better(val, bestVal)))) {
                            best = model;
                            bestVal = val;
                            bestLr = lr;
                            bestDiverged = r.diverged();
                        }
                        progress.update(++done, label, 1.0);
                    }
                    double seconds = (System.nanoTime() - start) / 1e9;
                    runs.add(measure(ds.name(), net, seed, bestLr, bestDiverged, bestVal, best, split, seconds));
                }
            }
        }
        progress.finish();
        return write(o, data, seeds, rates, epochs, radius, runs, history);
    }

    /** Test metric, spectra and the truncation curves of one trained network. */
    static Run measure(String dataset, String net, long seed, double lr, boolean diverged, double val, Network model,
                       NetworkData split, double seconds) {
        double full = split.metric(model.forward(split.xTest()), split.yTest());
        int layers = model.layers().size();
        double[][] sigma = new double[layers][];
        double[][] curve = new double[layers][];
        int[] ranks = new int[layers];
        long[] params = new long[layers];
        Network joint = model;
        for (int l = 0; l < layers; l++) {
            Layer layer = model.layers().get(l);
            Truncation t = new Truncation(layer);
            sigma[l] = t.singularValues();
            curve[l] = new double[t.maxRank() + 1];
            ranks[l] = t.maxRank();
            for (int r = 0; r <= t.maxRank(); r++) {
                Network cut = model.withLayer(l, t.atRank(r));
                curve[l][r] = split.metric(cut.forward(split.xTest()), split.yTest());
            }
            for (int r = t.maxRank(); r >= 0; r--) { // the smallest r from which on every larger rank is within slack
                if (!withinSlack(split, curve[l][r], full)) {
                    break;
                }
                ranks[l] = r;
            }
            params[l] = Truncation.factoredParameters(layer.inputs(), layer.outputs(), ranks[l], net.equals("udv"));
            joint = joint.withLayer(l, t.atRank(ranks[l]));
        }
        double truncated = split.metric(joint.forward(split.xTest()), split.yTest());
        return new Run(dataset, net, seed, lr, diverged, val, full, model.parameterCount(), sigma, curve, ranks, params,
                truncated, seconds);
    }

    private static boolean withinSlack(NetworkData split, double metric, double full) {
        if (split.classes() == 0) {
            return metric <= full * (1 + RMSE_SLACK);
        }
        return metric >= full - ACCURACY_SLACK;
    }

    private ExperimentReport write(ExperimentOptions o, List<NetworkDatasets.Dataset> data, List<Long> seeds,
                                   List<Double> rates, int epochs, double radius, List<Run> runs,
                                   List<List<String>> history) throws IOException {
        List<String> header = List.of("dataset", "network", "seed", "learning_rate", "val_metric", "test_accuracy",
                "test_rmse", "parameters", "rank_layer1", "rank_layer2", "params_layer1_at_rank",
                "params_layer2_at_rank", "params_at_ranks", "test_metric_both_truncated", "diverged", "seconds");
        List<List<String>> rows = new ArrayList<>();
        for (Run r : runs) {
            boolean cls = !r.dataset().equals("diabetes");
            rows.add(List.of(r.dataset(), r.network(), Long.toString(r.seed()), fmt(r.lr()), fmt(r.valMetric()),
                    cls ? fmt(r.testMetric()) : "", cls ? "" : fmt(r.testMetric()), Integer.toString(r.parameters()),
                    Integer.toString(r.ranks()[0]), Integer.toString(r.ranks()[1]), Long.toString(r.rankParams()[0]),
                    Long.toString(r.rankParams()[1]), Long.toString(r.paramsAtRanks()), fmt(r.truncatedMetric()),
                    Boolean.toString(r.diverged()), String.format(Locale.ROOT, "%.2f", r.seconds())));
        }
        List<String> svHeader = List.of("dataset", "network", "seed", "layer", "index", "sigma", "sigma_over_sigma1");
        List<List<String>> svRows = new ArrayList<>();
        List<String> trHeader = List.of("dataset", "network", "seed", "layer", "rank", "test_metric",
                "params_layer_at_rank");
        List<List<String>> trRows = new ArrayList<>();
        for (Run r : runs) {
            for (int l = 0; l < r.sigma().length; l++) {
                double[] s = r.sigma()[l];
                for (int i = 0; i < s.length; i++) {
                    svRows.add(List.of(r.dataset(), r.network(), Long.toString(r.seed()), Integer.toString(l + 1),
                            Integer.toString(i + 1), fmt(s[i]), fmt(s[0] > 0 ? s[i] / s[0] : Double.NaN)));
                }
                int in = l == 0 ? inputs(data, r.dataset()) : HIDDEN;
                int out = l == 0 ? HIDDEN : outputs(data, r.dataset());
                for (int k = 0; k < r.curve()[l].length; k++) {
                    trRows.add(List.of(r.dataset(), r.network(), Long.toString(r.seed()), Integer.toString(l + 1),
                            Integer.toString(k), fmt(r.curve()[l][k]),
                            Long.toString(Truncation.factoredParameters(in, out, k, r.network().equals("udv")))));
                }
            }
        }
        List<String> checks = checks(runs, seeds, data);
        List<String> histHeader = List.of("dataset", "network", "seed", "learning_rate", "epoch", "train_loss",
                "val_metric");

        try (Staging staging = new Staging(o.out())) {
            Csv.writeCsv(staging.file("results.csv"), header, rows);
            Csv.writeCsv(staging.file("history.csv"), histHeader, history);
            Csv.writeCsv(staging.file("truncation.csv"), trHeader, trRows);
            Csv.writeCsv(staging.file("singular_values.csv"), svHeader, svRows);
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("quick", o.quick());
            config.put("seeds", seeds);
            config.put("learning_rates", rates);
            config.put("epochs", epochs);
            config.put("batch_size", BATCH);
            config.put("hidden", HIDDEN);
            config.put("radius", radius);
            config.put("udv_inner_width", "min(in, out) per layer");
            config.put("optimizer", "Adam(beta1 0.9, beta2 0.999, eps 1e-8); UDV projected after every step");
            config.put("split", "stratified: " + TEST_PERCENT + "% test, then " + VAL_PERCENT
                    + "% of the rest validation; standardized by the fitting part");
            config.put("lr_choice", "best validation metric at the last epoch, per dataset x network x seed");
            config.put("truncation_slack", "accuracy within " + ACCURACY_SLACK + " point; RMSE within "
                    + (int) (100 * RMSE_SLACK) + "%");
            List<String> sources = new ArrayList<>();
            for (NetworkDatasets.Dataset d : data) {
                sources.add(d.name() + ": " + d.source() + " (" + d.table().size() + "x" + d.table().features().cols()
                        + ")");
            }
            config.put("data", sources);
            String provenance = Provenance.json(id(), config);
            Files.writeString(staging.file("provenance.json"), provenance);

            HtmlReport report = new HtmlReport(title());
            report.addParagraph("Architecture in → " + HIDDEN + " → out with ReLU; plain = two dense layers (He init);"
                    + " udv = each dense map replaced by a UDV layer V·diag(w)·Uᵀx + b of inner width m = min(in, out),"
                    + " ‖U‖_F, ‖V‖_F ≤ ρ = " + fmt(radius) + ", w ≥ 0, projected after every Adam step (init: U, V"
                    + " Gaussian on the ρ-sphere, w ≡ √(2·out·m)/ρ², i.e. He scale end to end). Batch " + BATCH + ", "
                    + epochs + " epochs; learning rate from " + rates + " chosen on the validation split. Split: "
                    + TEST_PERCENT + "% test (stratified), " + VAL_PERCENT + "% of the rest validation. Metric:"
                    + " test accuracy in % (digits, wine), test RMSE in target units (diabetes).");
            report.addParagraph("Truncation: one layer's end-to-end matrix replaced by its best rank-r SVD"
                    + " approximation without retraining (bias kept); the rank per layer is the smallest r from which"
                    + " on every rank keeps the test accuracy within " + fmt(ACCURACY_SLACK) + " point (RMSE within "
                    + (int) (100 * RMSE_SLACK) + "%) of the untruncated network. Parameters at that rank count the"
                    + " layer in factored form: r·(in + out) + out, plus r for the UDV diagonal."
                    + " test_metric_both_truncated truncates both layers at their ranks at once.");
            StringBuilder sizes = new StringBuilder("Held-out test examples per dataset:");
            for (NetworkDatasets.Dataset d : data) {
                int n = d.table().size();
                int test = NetworkData.split(d.table(), TEST_PERCENT / 100.0, VAL_PERCENT / 100.0,
                        Seeds.stream(seeds.get(0), Seeds.Stream.OBSERVATIONS)).yTest().length;
                sizes.append(' ').append(d.name()).append(' ').append(test).append(" of ").append(n);
                if (d.table().isClassification()) {
                    sizes.append(" (one example = ").append(fmt(100.0 / test)).append(" points)");
                }
                sizes.append(';');
            }
            report.addParagraph(sizes + " where one example is worth more than the 1-point slack (wine), the"
                    + " truncation rank means \"no extra test error\" and varies from seed to seed."
                    + " The far-fewer check (udv keeps <= " + fmt(FAR_FEWER) + "x the plain network's parameters"
                    + " after truncation) is our reading of the paper's qualitative claim; the paper gives no number.");
            report.addTable("results.csv", header, rows);
            report.addPreformatted("checks", String.join("\n", checks));
            for (NetworkDatasets.Dataset d : data) {
                long seed = seeds.get(0);
                PlotSpec.Builder sv = PlotSpec.builder("Singular values of each layer, " + d.name() + " (seed " + seed
                        + ")").xLabel("index i").yLabel("σ_i / σ_1").yAxis(Axis.LOG);
                boolean cls = d.table().isClassification();
                PlotSpec.Builder tr = PlotSpec.builder("Truncating one layer without retraining, " + d.name()
                        + " (seed " + seed + ")").xLabel("rank r").yLabel(cls ? "test accuracy (%)" : "test RMSE");
                for (Run r : runs) {
                    if (!r.dataset().equals(d.name()) || r.seed() != seed) {
                        continue;
                    }
                    for (int l = 0; l < r.sigma().length; l++) {
                        double[] s = r.sigma()[l];
                        double[] x = new double[s.length];
                        double[] y = new double[s.length];
                        for (int i = 0; i < s.length; i++) {
                            x[i] = i + 1;
                            y[i] = s[0] > 0 ? Math.max(s[i] / s[0], 1e-17) : Double.NaN;
                        }
                        sv.add(r.network() + " layer " + (l + 1), x, y);
                        double[] c = r.curve()[l];
                        double[] rx = new double[c.length];
                        for (int k = 0; k < c.length; k++) {
                            rx[k] = k;
                        }
                        tr.add(r.network() + " layer " + (l + 1), rx, c);
                    }
                }
                Path svPng = staging.file("singular-values-" + d.name() + ".png");
                Plots.writePng(sv.build(), svPng);
                report.addImage("singular values (relative, floored at 1e-17), " + d.name(), svPng);
                Path trPng = staging.file("truncation-" + d.name() + ".png");
                Plots.writePng(tr.build(), trPng);
                report.addImage("test metric after truncating one layer to rank r, " + d.name(), trPng);
            }
            report.addPreformatted("provenance.json", provenance);
            report.write(staging.file("report.html"));
            staging.commit();
        }
        boolean diverged = runs.stream().anyMatch(Run::diverged);
        return new ExperimentReport(o.out(), header, rows, checks, diverged, false);
    }

    private static int inputs(List<NetworkDatasets.Dataset> data, String name) {
        return data.stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow().table().features().cols();
    }

    private static int outputs(List<NetworkDatasets.Dataset> data, String name) {
        int k = data.stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow().table().classes();
        return k == 0 ? 1 : k;
    }

    private static List<String> checks(List<Run> runs, List<Long> seeds, List<NetworkDatasets.Dataset> data) {
        List<String> checks = new ArrayList<>();
        if (seeds.size() > 1 && find(runs, "digits", "udv", seeds.get(0)) != null) {
            double u = mean(runs, "digits", "udv", Run::testMetric);
            double p = mean(runs, "digits", "plain", Run::testMetric);
            checks.add(check(u >= DIGITS_ACCURACY && p >= DIGITS_ACCURACY && Math.abs(u - p) <= ACCURACY_SLACK,
                    "mean over " + seeds.size() + " seeds, digits: test accuracy udv " + fmt(u) + "%, plain " + fmt(p)
                            + "% (both required >= " + fmt(DIGITS_ACCURACY) + "%, |difference| <= "
                            + fmt(ACCURACY_SLACK) + " point)"));
            for (NetworkDatasets.Dataset d : data) {
                double pu = mean(runs, d.name(), "udv", r -> (double) r.paramsAtRanks());
                double pp = mean(runs, d.name(), "plain", r -> (double) r.paramsAtRanks());
                checks.add(check(pu / pp <= FAR_FEWER, "mean over " + seeds.size() + " seeds, " + d.name()
                        + ", paper's claim: parameters kept after truncation udv " + fmt(pu) + ", plain " + fmt(pp)
                        + " (ratio " + fmt(pu / pp) + ", required <= " + fmt(FAR_FEWER) + ")"));
            }
        }
        for (long seed : seeds) {
            Run u = find(runs, "digits", "udv", seed);
            Run p = find(runs, "digits", "plain", seed);
            if (u != null && p != null) {
                checks.add(check(p.testMetric() >= DIGITS_ACCURACY && u.testMetric() >= DIGITS_ACCURACY,
                        "seed " + seed + ", digits: test accuracy udv " + fmt(u.testMetric()) + "%, plain "
                                + fmt(p.testMetric()) + "% (both required >= " + fmt(DIGITS_ACCURACY) + "%)"));
                checks.add(check(Math.abs(u.testMetric() - p.testMetric()) <= ACCURACY_SLACK,
                        "seed " + seed + ", digits: |udv - plain| = " + fmt(Math.abs(u.testMetric() - p.testMetric()))
                                + " points (required <= " + fmt(ACCURACY_SLACK) + ")"));
            }
            for (NetworkDatasets.Dataset d : data) {
                Run du = find(runs, d.name(), "udv", seed);
                Run dp = find(runs, d.name(), "plain", seed);
                if (du == null || dp == null) {
                    continue;
                }
                double ratio = (double) du.paramsAtRanks() / dp.paramsAtRanks();
                checks.add(check(ratio <= FAR_FEWER, "seed " + seed + ", " + d.name() + ", paper's claim (UDV needs"
                        + " far fewer parameters after truncation, i.e. <= " + fmt(FAR_FEWER) + "x): udv ranks "
                        + du.ranks()[0] + "/" + du.ranks()[1] + " keep " + du.paramsAtRanks() + " parameters, plain"
                        + " ranks " + dp.ranks()[0] + "/" + dp.ranks()[1] + " keep " + dp.paramsAtRanks()
                        + " (ratio " + fmt(ratio) + ")"));
            }
        }
        return checks;
    }

    private static double mean(List<Run> runs, String dataset, String net, java.util.function.ToDoubleFunction<Run> f) {
        return runs.stream().filter(r -> r.dataset().equals(dataset) && r.network().equals(net)).mapToDouble(f)
                .average().orElse(Double.NaN);
    }

    private static Run find(List<Run> runs, String dataset, String net, long seed) {
        for (Run r : runs) {
            if (r.dataset().equals(dataset) && r.network().equals(net) && r.seed() == seed) {
                return r;
            }
        }
        return null;
    }

    private static String check(boolean ok, String text) {
        return (ok ? "PASS" : "FAIL") + "  " + text;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
