package dev.tacit.cli;

import dev.tacit.experiments.Experiment;
import dev.tacit.experiments.ExperimentRegistry;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code tacit list}: the reproducible experiments. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the reproducible experiments.")
final class ListCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        for (Experiment e : ExperimentRegistry.all()) {
            spec.commandLine().getOut().printf("%-24s %s%n", e.id(), e.title());
        }
        return ExitCodes.OK;
    }
}
