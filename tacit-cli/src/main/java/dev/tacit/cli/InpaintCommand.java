package dev.tacit.cli;

import dev.tacit.completion.CompletionMethod;
import dev.tacit.completion.CompletionSettings;
import dev.tacit.experiments.BadInputException;
import dev.tacit.experiments.InpaintJob;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tacit inpaint}: complete a grayscale image from a random fraction of its pixels. */
@Command(name = "inpaint", mixinStandardHelpOptions = true,
        description = "Complete a grayscale image from a random fraction of its pixels; writes completed.png, "
                + "mask.png and metrics.json (PSNR) into --out.")
final class InpaintCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--image", required = true, paramLabel = "FILE", description = "image (PNG), e.g. data/camera.png")
    Path image;

    @Option(names = "--observed", paramLabel = "P", description = "fraction of observed pixels (default 0.3)")
    double observed = 0.3;

    @Option(names = "--model", paramLabel = "TYPE", description = "dmf (default), udv, mf, als, softimpute or bias")
    String model = "dmf";

    @Option(names = "--depth", paramLabel = "N", description = "dmf depth")
    Integer depth;

    @Option(names = {"--width", "--rank"}, paramLabel = "K", description = "hidden width / rank")
    Integer width;

    @Option(names = "--epochs", paramLabel = "K", description = "epochs budget")
    Integer epochs;

    @Option(names = "--seed", paramLabel = "S", description = "seed of the mask and the fit (default 0)")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default: runs/inpaint)")
    Path out = Path.of("runs", "inpaint");

    @Override
    public Integer call() throws Exception {
        OutputFolder.check(out);
        CompletionSettings settings;
        try {
            CompletionSettings.Builder b = CompletionSettings.defaults(CompletionMethod.parse(model)).toBuilder().seed(seed);
            if (depth != null) {
                b.depth(depth);
            }
            if (width != null) {
                b.width(width);
            }
            if (epochs != null) {
                b.maxEpochs(epochs);
            }
            settings = b.build();
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        InpaintJob.Result r = InpaintJob.run(new InpaintJob.Request(image, observed, settings, out),
                ProgressBar.forTerminal(System.err));
        spec.commandLine().getOut().printf(Locale.ROOT,
                "PSNR %.2f dB on the missing pixels (%.2f dB overall), %d observed pixels, %.1f s%n"
                        + "wrote %s, mask.png, metrics.json%n", r.psnr(), r.psnrAll(), r.observedPixels(), r.seconds(),
                out.resolve("completed.png"));
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
