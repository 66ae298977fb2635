package dev.tacit.experiments;

import dev.tacit.completion.CompletionMethod;
import dev.tacit.completion.CompletionModel;
import dev.tacit.completion.CompletionSettings;
import dev.tacit.completion.Completer;
import dev.tacit.completion.Metrics;
import dev.tacit.data.ratings.ColdStart;
import dev.tacit.data.ratings.DuplicatePolicy;
import dev.tacit.data.ratings.Fold;
import dev.tacit.data.ratings.IdMap;
import dev.tacit.data.ratings.Ratings;
import dev.tacit.data.ratings.RatingsFormat;
import dev.tacit.data.ratings.RatingsFormatException;
import dev.tacit.data.ratings.RatingsReader;
import dev.tacit.data.ratings.Splits;
import dev.tacit.fit.Decision;
import dev.tacit.fit.History;
import dev.tacit.fit.TrainingListener;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code tacit complete}: fits a completion method to a ratings file and scores it, in one of three modes:
 *
 * <ul>
 *   <li>train/test: {@code --train A --test B} fits on A, predicts B;
 *   <li>official splits: {@code --data u.data --test u1.test,u2.test,…} fits on data minus each test file
 *       (MovieLens' uK.base = u.data minus uK.test), one fold per test file;
 *   <li>cross-validation: {@code --data FILE --folds k} seeded k-fold.
 * </ul>
 *
 * Writes into the output folder, all or nothing (staged, then moved): {@code metrics.json} (rmse, mae,
 * n_train, n_test, cold_users, cold_items, seconds — training plus prediction — and the full config; with
 * several folds a {@code folds} array and the mean and standard deviation of rmse and mae),
 * {@code predictions.csv} (original ids; a {@code fold} column with several folds), {@code history.csv}
 * and, with a single fold, the fitted model {@code model.tacit}. Bad input (missing file, malformed line,
 * a test file whose format differs from the training file's) is a {@link BadInputException} naming file
 * and line, and nothing is written.
 */
public final class CompletionJob {

    /** File name of the saved model in the output folder. */
    public static final String MODEL_FILE = "model.tacit";

    /**
     * What to run.
     *
     * @param train training file (train/test mode) or null
     * @param data all ratings (official-split or cross-validation mode) or null
     * @param tests test files (train/test or official-split mode); empty for cross-validation
     * @param folds k for cross-validation, or 0
     * @param settings method and hyperparameters
     * @param duplicates what to do with a repeated (user, item) pair
     * @param out output folder
     */
    public record Request(Path train, Path data, List<Path> tests, int folds, CompletionSettings settings,
                          DuplicatePolicy duplicates, Path out) {
    }

    /**
     * One fold's outcome.
     *
     * @param name fold name (the test file's name, or "fold-k")
     * @param metrics test errors
     * @param nTrain training ratings
     * @param coldUsers test ratings whose user has no training rating
     * @param coldItems test ratings whose item has no training rating
     * @param seconds training plus prediction
     * @param epochs epochs run
     * @param bestEpoch epoch kept
     * @param width the width / rank the fold's model was fitted with (the requested one, or an als / softimpute
     *     default rank capped at min(users, items))
     */
    public record FoldResult(String name, Metrics metrics, int nTrain, int coldUsers, int coldItems, double seconds,
                             long epochs, long bestEpoch, int width) {
    }

    private CompletionJob() {
    }

    /**
     * Runs the request.
     *
     * @param r the request
     * @param progress progress display
     * @return one result per fold
     * @throws BadInputException for invalid input (nothing written)
     * @throws IOException on write failure
     */
    public static List<FoldResult> run(Request r, Progress progress) throws BadInputException, IOException {
        List<Fold> folds = folds(r);
        CompletionSettings settings = r.settings();
        // dmf and udv ensembles: every (fold, member) pair is one job, so that both cores stay busy to the end
        // (whole folds in parallel would leave the last of 5 folds running alone); the members are combined per
        // fold into exactly the model Completer.fit returns
        boolean members = (settings.method() == CompletionMethod.DMF || settings.method() == CompletionMethod.UDV)
                && settings.ensemble() > 1;
        int perFold = members ? settings.ensemble() : 1;
        progress.start(folds.size() * perFold);
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        List<java.util.concurrent.Callable<Part>> jobs = new ArrayList<>();
        for (int f = 0; f < folds.size(); f++) {
            Fold fold = folds.get(f);
            String name = foldName(r, f);
            for (int e = 0; e < perFold; e++) {
                CompletionSettings s = members ? Completer.memberSettings(settings, e) : settings;
                jobs.add(() -> {
                    Part part = fitPart(fold, s, name, progress, done);
                    progress.update(done.incrementAndGet(), name, 0.0);
                    return part;
                });
            }
        }
        long start = System.nanoTime();
        List<Part> parts;
        try {
            parts = dev.tacit.linalg.Workers.map(jobs); // in parallel, each sequential inside
        } catch (BadInputException | IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (int f = 0; f < folds.size(); f++) {
            List<Part> mine = parts.subList(f * perFold, (f + 1) * perFold);
            Fold fold = folds.get(f);
            long combineStart = System.nanoTime();
            CompletionModel model = members
                    ? Completer.combine(fold.train(), settings, mine.stream().map(Part::model).toList())
                    : mine.get(0).model();
            double seconds = mine.stream().mapToDouble(Part::seconds).sum();
            outcomes.add(evaluate(fold, foldName(r, f), model, seconds, combineStart));
        }
        double wall = (System.nanoTime() - start) / 1e9;
        progress.finish();
        List<FoldResult> results = outcomes.stream().map(Outcome::result).toList();
        write(r, folds, results, outcomes.stream().map(Outcome::model).toList(),
                outcomes.stream().map(Outcome::predictions).toList(), wall);
        return results;
    }

    private record Outcome(FoldResult result, CompletionModel model, double[] predictions) {
    }

    /** A fitted fold, or one ensemble member of it, with its fitting time. */
    private record Part(CompletionModel model, double seconds) {
    }

    private static Part fitPart(Fold fold, CompletionSettings settings, String name, Progress progress,
                                java.util.concurrent.atomic.AtomicInteger done) throws BadInputException {
        int maxEpochs = settings.maxEpochs();
        TrainingListener bar = (state, history) -> {
            progress.update(done.get(), name, Math.min(1.0, state.iteration() / (double) maxEpochs));
            return Decision.CONTINUE;
        };
        long start = System.nanoTime();
        try {
            CompletionModel model = Completer.fit(fold.train(), settings, bar);
            return new Part(model, (System.nanoTime() - start) / 1e9);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    /** Predicts the fold's test ratings; seconds = fitting time + combining and predicting (from {@code since}). */
    private static Outcome evaluate(Fold fold, String name, CompletionModel model, double fitSeconds, long since) {
        double[] pred = model.predict(fold.test());
        double seconds = fitSeconds + (System.nanoTime() - since) / 1e9;
        Metrics m = Metrics.of(pred, fold.test().values());
        FoldResult result = new FoldResult(name, m, fold.train().size(), ColdStart.coldUsers(fold.train(), fold.test()),
                ColdStart.coldItems(fold.train(), fold.test()), seconds, model.summary().epochs(),
                model.summary().bestEpoch(), model.settings().width());
        return new Outcome(result, model, pred);
    }

    private static String foldName(Request r, int f) {
        if (!r.tests().isEmpty()) {
            return r.tests().get(f).getFileName().toString();
        }
        return "fold-" + (f + 1);
    }

    private static List<Fold> folds(Request r) throws BadInputException, IOException {
        RatingsReader reader = RatingsReader.defaults().withDuplicates(r.duplicates());
        try {
            if (r.train() != null) {
                if (r.tests().size() != 1) {
                    throw new BadInputException("--train needs exactly one --test file");
                }
                IdMap users = new IdMap();
                IdMap items = new IdMap();
                RatingsReader shared = reader.withIds(users, items);
                RatingsFormat format = RatingsReader.detect(r.train());
                Ratings train = shared.read(r.train());
                Ratings test = shared.read(r.tests().get(0), format);
                return List.of(new Fold(0, train, test));
            }
            if (r.data() == null) {
                throw new BadInputException("give --train and --test, or --data with --folds or --test");
            }
            IdMap users = new IdMap();
            IdMap items = new IdMap();
            RatingsReader shared = reader.withIds(users, items);
            RatingsFormat format = RatingsReader.detect(r.data());
            Ratings all = shared.read(r.data());
            if (!r.tests().isEmpty()) {
                if (r.folds() > 0) {
                    throw new BadInputException("--folds and --test exclude each other with --data");
                }
                List<Fold> out = new ArrayList<>();
                for (Path t : r.tests()) {
                    Ratings test = shared.read(t, format);
                    Fold fold = Splits.official(all, test);
                    int missing = test.size() - (all.size() - fold.train().size());
                    if (missing > 0) {
                        throw new BadInputException(t + ": " + missing + " of its " + test.size()
                                + " ratings are not in " + r.data() + " (with --data, each --test file must be a part"
                                + " of it, as u1.test is of u.data; use --train and --test for separate files)");
                    }
                    if (fold.train().size() < 2) {
                        throw new BadInputException(t + ": leaves fewer than 2 training ratings in " + r.data());
                    }
                    out.add(fold);
                }
                return out;
            }
            if (r.folds() < 2) {
                throw new BadInputException("--data needs --folds k (k >= 2) or --test files");
            }
            if (r.folds() > all.size()) {
                throw new BadInputException("--folds " + r.folds() + " is more than the " + all.size() + " ratings in "
                        + r.data());
            }
            return Splits.kFold(all, r.folds(), r.settings().seed());
        } catch (RatingsFormatException e) {
            throw new BadInputException(e.getMessage());
        } catch (NoSuchFileException e) {
            throw new BadInputException(e.getFile() + ": file not found");
        }
    }

    private static void write(Request r, List<Fold> folds, List<FoldResult> results, List<CompletionModel> models,
                              List<double[]> predictions, double wallSeconds) throws IOException {
        try (Staging staging = new Staging(r.out())) {
            boolean single = folds.size() == 1;
            Files.writeString(staging.file("metrics.json"), metricsJson(r, results, wallSeconds) + "\n", StandardCharsets.UTF_8);
            writePredictions(staging.file("predictions.csv"), folds, predictions, results, single);
            writeHistory(staging.file("history.csv"), models, results, single);
            if (single) {
                models.get(0).save(staging.file(MODEL_FILE));
            }
            staging.commit();
        }
    }

    static String metricsJson(Request r, List<FoldResult> results, double wallSeconds) {
        Map<String, Object> root = new LinkedHashMap<>();
        if (results.size() == 1) {
            root.putAll(foldMap(results.get(0), r.settings().width()));
        } else {
            double[] rmse = results.stream().mapToDouble(f -> f.metrics().rmse()).toArray();
            double[] mae = results.stream().mapToDouble(f -> f.metrics().mae()).toArray();
            root.put("rmse", mean(rmse));
            root.put("rmse_std", std(rmse));
            root.put("mae", mean(mae));
            root.put("mae_std", std(mae));
            root.put("seconds", wallSeconds); // all folds, run two at a time; each fold's own time is in folds[]
            List<Object> folds = new ArrayList<>();
            for (FoldResult f : results) {
                folds.add(foldMap(f, r.settings().width()));
            }
            root.put("folds", folds);
        }
        Map<String, Object> config = new LinkedHashMap<>(r.settings().describe());
        config.put("duplicates", r.duplicates().name().toLowerCase(java.util.Locale.ROOT));
        if (r.train() != null) {
            config.put("train", r.train().toString());
        }
        if (r.data() != null) {
            config.put("data", r.data().toString());
        }
        if (!r.tests().isEmpty()) {
            config.put("test", r.tests().stream().map(Path::toString).toList());
        }
        if (r.folds() > 0) {
            config.put("folds", r.folds());
        }
        root.put("config", config);
        root.put("provenance", Provenance.environment());
        return Provenance.Json.write(root);
    }

    private static Map<String, Object> foldMap(FoldResult f, int requestedWidth) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", f.name());
        m.put("rmse", f.metrics().rmse());
        m.put("mae", f.metrics().mae());
        m.put("n_train", f.nTrain());
        m.put("n_test", f.metrics().n());
        m.put("cold_users", f.coldUsers());
        m.put("cold_items", f.coldItems());
        m.put("seconds", f.seconds());
        m.put("epochs", f.epochs());
        m.put("best_epoch", f.bestEpoch());
        if (f.width() != requestedWidth) {
            m.put("rank", f.width()); // the default rank, capped at min(users, items) of this fold's training data
        }
        return m;
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    private static double std(double[] x) {
        double m = mean(x);
        double s = 0;
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        return Math.sqrt(s / Math.max(1, x.length - 1));
    }

    private static void writePredictions(Path file, List<Fold> folds, List<double[]> predictions,
                                         List<FoldResult> results, boolean single) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(single ? "user,item,rating,prediction\n" : "fold,user,item,rating,prediction\n");
            for (int f = 0; f < folds.size(); f++) {
                Ratings test = folds.get(f).test();
                double[] p = predictions.get(f);
                String prefix = single ? "" : dev.tacit.experiments.report.Csv.quote(results.get(f).name()) + ",";
                for (int k = 0; k < test.size(); k++) {
                    w.write(prefix);
                    w.write(dev.tacit.experiments.report.Csv.quote(test.userId(k)));
                    w.write(',');
                    w.write(dev.tacit.experiments.report.Csv.quote(test.itemId(k)));
                    w.write(',');
                    w.write(Double.toString(test.value(k)));
                    w.write(',');
                    w.write(Double.toString(p[k]));
                    w.write('\n');
                }
            }
        }
    }

    private static void writeHistory(Path file, List<CompletionModel> models, List<FoldResult> results,
                                     boolean single) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            List<String> columns = models.get(0).history().columns();
            w.write((single ? "" : "fold,") + String.join(",", columns).replace("iteration", "epoch") + "\n");
            for (int f = 0; f < models.size(); f++) {
                History h = models.get(f).history();
                for (double[] row : h.rows()) {
                    StringBuilder sb = new StringBuilder();
                    if (!single) {
                        sb.append(dev.tacit.experiments.report.Csv.quote(results.get(f).name())).append(',');
                    }
                    for (int c = 0; c < row.length; c++) {
                        if (c > 0) {
                            sb.append(',');
                        }
                        double v = row[c];
                        sb.append(c == 0 ? Long.toString((long) v) : Double.toString(v));
                    }
                    w.write(sb.append('\n').toString());
                }
            }
        }
    }
}
