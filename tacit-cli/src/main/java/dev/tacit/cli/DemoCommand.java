package dev.tacit.cli;

import dev.tacit.experiments.Arora2019Completion;
import dev.tacit.experiments.ExperimentOptions;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code tacit demo}: the quick Arora et al. 2019 completion reproduction on built-in synthetic data. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the flagship experiment (arora2019-completion --quick: depths 1-3 and the nuclear-norm "
                + "baseline at 2000 and 5000 observed entries of a 100x100 rank-5 matrix) and print its table.")
final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default: runs/demo)")
    Path out = Path.of("runs", "demo");

    @Override
    public Integer call() throws Exception {
        spec.commandLine().getOut().println("tacit demo: Arora et al. 2019 deep matrix factorization, quick setting");
        spec.commandLine().getOut().flush();
        return ReproduceCommand.run(new Arora2019Completion(), ExperimentOptions.defaults(out, true),
                spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}
