package dev.tacit.cli;

import dev.tacit.completion.CompletionModel;
import dev.tacit.data.ratings.Pairs;
import dev.tacit.data.ratings.PairsReader;
import dev.tacit.data.ratings.PredictionsWriter;
import dev.tacit.data.ratings.RatingsFormatException;
import dev.tacit.experiments.BadInputException;
import dev.tacit.experiments.CompletionJob;
import dev.tacit.io.ModelFormatException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tacit predict}: predictions for (user, item) pairs from a model saved by {@code tacit complete}. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Predict ratings for user,item pairs with a model saved by 'tacit complete' "
                + "(its output folder holds model.tacit). Writes predictions.csv (user,item,prediction) into --out.")
final class PredictCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "DIR",
            description = "output folder of 'tacit complete' (or the model.tacit file itself)")
    Path from;

    @Option(names = "--pairs", required = true, paramLabel = "FILE", description = "user,item pairs (extra columns ignored)")
    Path pairs;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default: runs/predict)")
    Path out = Path.of("runs", "predict");

    @Override
    public Integer call() throws Exception {
        OutputFolder.check(out);
        Path file = Files.isDirectory(from) ? from.resolve(CompletionJob.MODEL_FILE) : from;
        CompletionModel model;
        Pairs p;
        try {
            model = CompletionModel.load(file);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": no saved model (run 'tacit complete --train ... --test ... --out DIR')");
        } catch (ModelFormatException e) {
            throw new BadInputException(e.getMessage());
        }
        try {
            p = PairsReader.read(pairs);
        } catch (RatingsFormatException e) {
            throw new BadInputException(e.getMessage());
        } catch (NoSuchFileException e) {
            throw new BadInputException(pairs + ": file not found");
        }
        double[] predictions = model.predict(p);
        Files.createDirectories(out);
        Path target = out.resolve("predictions.csv");
        PredictionsWriter.write(target, p, predictions);
        spec.commandLine().getOut().println("wrote " + predictions.length + " predictions to " + target);
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
