package dev.tacit.cli;

import dev.tacit.completion.CompletionMethod;
import dev.tacit.completion.CompletionSettings;
import dev.tacit.data.ratings.DuplicatePolicy;
import dev.tacit.experiments.BadInputException;
import dev.tacit.experiments.CompletionJob;
import dev.tacit.optim.OptimizerKind;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tacit complete}: fit a completion model to ratings and score it. */
@Command(name = "complete", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fit a completion model to a ratings file and score it on held-out ratings.",
            "  --train A --test B           fit on A, score on B (saves the model)",
            "  --data u.data --test u1.test,u2.test   official splits: train = data minus each test file",
            "  --data FILE --folds 5        seeded k-fold cross-validation",
            "Writes metrics.json, predictions.csv, history.csv (and model.tacit) into --out.",
            "Rating files: MovieLens u.data/uK.base (tab), ratings.dat (::), CSV/TSV/space user,item,rating[,ts]"
                + " with or without header, Matrix Market coordinate; the format is detected from the content."})
final class CompleteCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--train", paramLabel = "FILE", description = "training ratings")
    Path train;

    @Option(names = "--test", split = ",", paramLabel = "FILE", description = "test ratings (several with --data)")
    List<Path> tests;

    @Option(names = "--data", paramLabel = "FILE", description = "all ratings (with --folds or --test)")
    Path data;

    @Option(names = "--folds", paramLabel = "K", description = "k-fold cross-validation on --data")
    Integer folds;

    @Option(names = "--model", paramLabel = "TYPE", description = "dmf (default), udv, mf, als, softimpute or bias")
    String model = "dmf";

    @Option(names = "--depth", paramLabel = "N", description = "dmf depth (default " + CompletionSettings.DMF_DEPTH + ")")
    Integer depth;

    @Option(names = {"--width", "--rank", "--factors"}, paramLabel = "K",
            description = "hidden width (dmf), factors (mf) or rank (als, softimpute)")
    Integer width;

    @Option(names = "--init-scale", paramLabel = "S", description = "dmf init scale; mf init std")
    Double initScale;

    @Option(names = "--radius", paramLabel = "ALPHA",
            description = "udv: radius of the Frobenius balls of U and V (default " + CompletionSettings.UDV_RADIUS + ")")
    Double radius;

    @Option(names = "--optimizer", paramLabel = "OPT", description = "dmf optimizer: gd, grouprmsprop or adam")
    String optimizer;

    @Option(names = "--lr", paramLabel = "LR", description = "learning rate (dmf, mf)")
    Double lr;

    @Option(names = "--batch-size", paramLabel = "B", description = "dmf mini-batch size (0 = full batch)")
    Integer batchSize;

    @Option(names = {"--epochs", "--max-iter"}, paramLabel = "K", description = "epochs / sweeps budget")
    Integer epochs;

    @Option(names = "--patience", paramLabel = "K", description = "dmf early-stopping patience (epochs)")
    Integer patience;

    @Option(names = "--validation", paramLabel = "F", description = "held-out fraction for early stopping (dmf, softimpute)")
    Double validation;

    @Option(names = "--bias", paramLabel = "TERMS",
            description = "dmf offsets: biases (default: shrunk user/item biases first), mean or none")
    String bias;

    @Option(names = "--implicit", paramLabel = "SIDES",
            description = "dmf implicit feedback (SVD++-style) on the outer factors: both (default) or none")
    String implicit;

    @Option(names = "--implicit-lr", paramLabel = "LR",
            description = "dmf: learning rate of the implicit-feedback factors (default "
                    + CompletionSettings.DMF_IMPLICIT_LEARNING_RATE + ")")
    Double implicitLr;

    @Option(names = "--ensemble", paramLabel = "E", description = "dmf: average E runs (seeds s..s+E-1)")
    Integer ensemble;

    @Option(names = "--reg", paramLabel = "LAMBDA", description = "L2 strength (mf, als)")
    Double reg;

    @Option(names = "--seed", paramLabel = "S", description = "seed of splits, init and batch order (default 0)")
    Long seed;

    @Option(names = "--duplicates", paramLabel = "POLICY", description = "repeated (user,item): error (default), last or mean")
    String duplicates = "error";

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default: runs/complete)")
    Path out = Path.of("runs", "complete");

    @Override
    public Integer call() throws Exception {
        OutputFolder.check(out);
        CompletionSettings settings = settings();
        DuplicatePolicy policy = parseDuplicates(duplicates);
        if (train != null && data != null) {
            throw new BadInputException("--train and --data exclude each other");
        }
        if (train != null && folds != null) {
            throw new BadInputException("--folds goes with --data, not --train");
        }
        List<Path> testFiles = tests == null ? List.of() : tests;
        CompletionJob.Request request = new CompletionJob.Request(train, data, testFiles, folds == null ? 0 : folds,
                settings, policy, out);
        long start = System.nanoTime();
        List<CompletionJob.FoldResult> results = CompletionJob.run(request, ProgressBar.forTerminal(System.err));
        print(results, (System.nanoTime() - start) / 1e9, spec.commandLine().getOut());
        if (results.size() == 1 && !Double.isFinite(results.get(0).metrics().rmse())) {
            spec.commandLine().getErr().println("tacit: the fit diverged (test rmse " + results.get(0).metrics().rmse()
                    + "; try a smaller --lr)");
            spec.commandLine().getErr().flush();
            return ExitCodes.DIVERGED;
        }
        return ExitCodes.OK;
    }

    static DuplicatePolicy parseDuplicates(String s) throws BadInputException {
        try {
            return DuplicatePolicy.valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--duplicates must be error, last or mean, got '" + s + "'");
        }
    }

    private CompletionSettings settings() throws BadInputException {
        try {
            CompletionMethod method = CompletionMethod.parse(model);
            CompletionSettings.Builder b = CompletionSettings.defaults(method).toBuilder();
            if (depth != null) {
                b.depth(depth);
            }
            if (width != null) {
                b.width(width);
            }
            if (initScale != null) {
                b.initScale(initScale);
            }
            if (radius != null) {
                if (method != CompletionMethod.UDV) {
                    throw new IllegalArgumentException("--radius applies to --model udv only");
                }
                b.radius(radius);
            }
            if (optimizer != null) {
                b.optimizer(OptimizerKind.parse(optimizer));
            }
            if (lr != null) {
                b.learningRate(lr);
            }
            if (batchSize != null) {
                b.batchSize(batchSize);
            }
            if (epochs != null) {
                b.maxEpochs(epochs);
            }
            if (patience != null) {
                b.patience(patience);
            }
            if (validation != null) {
                b.validationFraction(validation);
            }
            if (reg != null) {
                b.regularization(reg);
            }
            if (ensemble != null) {
                b.ensemble(ensemble);
            }
            if (bias != null) {
                b.biasTerms(switch (bias.trim().toLowerCase(Locale.ROOT)) {
                    case "biases" -> dev.tacit.model.factored.BiasTerms.MEAN_AND_BIASES;
                    case "mean" -> dev.tacit.model.factored.BiasTerms.MEAN;
                    case "none" -> dev.tacit.model.factored.BiasTerms.NONE;
                    default -> throw new IllegalArgumentException("--bias must be biases, mean or none, got '" + bias + "'");
                });
            }
            if (implicit != null) {
                b.implicitFeedback(dev.tacit.model.factored.ImplicitFeedback.parse(implicit));
            }
            if (implicitLr != null) {
                b.implicitLearningRate(implicitLr);
            }
            if (seed != null) {
                b.seed(seed);
            }
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    private void print(List<CompletionJob.FoldResult> results, double wall, PrintWriter w) {
        w.printf(Locale.ROOT, "%-12s %8s %8s %8s %8s %10s %10s %8s%n", "fold", "rmse", "mae", "n_train", "n_test",
                "cold_users", "cold_items", "seconds");
        double rmse = 0;
        double mae = 0;
        for (CompletionJob.FoldResult f : results) {
            w.printf(Locale.ROOT, "%-12s %8.4f %8.4f %8d %8d %10d %10d %8.1f%n", f.name(), f.metrics().rmse(),
                    f.metrics().mae(), f.nTrain(), f.metrics().n(), f.coldUsers(), f.coldItems(), f.seconds());
            rmse += f.metrics().rmse();
            mae += f.metrics().mae();
        }
        if (results.size() > 1) {
            w.printf(Locale.ROOT, "%-12s %8.4f %8.4f %46s %8.1f%n", "mean / wall", rmse / results.size(),
                    mae / results.size(), "", wall);
        }
        w.println("wrote " + out.resolve("metrics.json") + ", predictions.csv, history.csv"
                + (results.size() == 1 ? ", " + CompletionJob.MODEL_FILE : ""));
        w.flush();
    }
}
