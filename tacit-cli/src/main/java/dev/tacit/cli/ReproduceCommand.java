package dev.tacit.cli;

import dev.tacit.experiments.BadInputException;
import dev.tacit.experiments.Experiment;
import dev.tacit.experiments.ExperimentOptions;
import dev.tacit.experiments.ExperimentRegistry;
import dev.tacit.experiments.ExperimentReport;
import dev.tacit.experiments.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code tacit reproduce <id>}: runs one registered experiment. */
@Command(name = "reproduce", mixinStandardHelpOptions = true,
        description = "Reproduce a published result (see 'tacit list'); writes results.csv, provenance.json, "
                + "plots, report.html and history.csv into --out.")
final class ReproduceCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID", description = "experiment id, e.g. arora2019-completion")
    String id;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default: runs/<id>, with --quick runs/<id>-quick)")
    Path out;

    @Option(names = "--quick", description = "the reduced setting (minutes instead of the full grid)")
    boolean quick;

    @Option(names = "--seeds", split = ",", paramLabel = "S", description = "seeds, one run per seed (e.g. 0,1,2)")
    List<Long> seeds;

    @Option(names = "--n", description = "matrix size n (n x n)")
    Integer n;

    @Option(names = "--rank", description = "rank of the ground truth")
    Integer rank;

    @Option(names = "--observations", split = ",", paramLabel = "M", description = "observed entries / measurements, e.g. 2000,5000")
    List<Integer> observations;

    @Option(names = "--depths", split = ",", paramLabel = "N", description = "factorization depths, e.g. 1,2,3")
    List<Integer> depths;

    @Option(names = "--methods", split = ",", paramLabel = "METHOD", description = "dmf and/or nnm")
    List<String> methods;

    @Option(names = "--init-scales", split = ",", paramLabel = "S", description = "initialization scales, e.g. 1e-3,1e-4")
    List<Double> initScales;

    @Option(names = "--lr", split = ",", paramLabel = "LR", description = "learning rates, e.g. 1e-3,3e-4")
    List<Double> learningRates;

    @Option(names = "--optimizer", paramLabel = "OPT", description = "gd, grouprmsprop or adam (default: the paper's)")
    String optimizer;

    @Option(names = "--max-iter", paramLabel = "K", description = "iteration budget per run")
    Long maxIterations;

    @Option(names = "--tol", paramLabel = "TOL", description = "stop at train loss <= TOL (0: never stop on the loss)")
    Double tolerance;

    @Option(names = "--radius", paramLabel = "R", description = "radius of the Frobenius balls of UDV factors (> 0)")
    Double radius;

    @Option(names = "--log-every", paramLabel = "K", description = "logging interval in iterations")
    Integer logEvery;

    @Override
    public Integer call() throws Exception {
        Experiment e = ExperimentRegistry.find(id).orElseThrow(
                () -> new BadInputException("unknown experiment '" + id + "' (run 'tacit list' to see them)"));
        List<Method> ms = null;
        if (methods != null) {
            ms = new ArrayList<>();
            for (String m : methods) {
                ms.add(Method.parse(m));
            }
        }
        dev.tacit.optim.OptimizerKind opt = null;
        if (optimizer != null) {
            try {
                opt = dev.tacit.optim.OptimizerKind.parse(optimizer);
            } catch (IllegalArgumentException ex) {
                throw new BadInputException("--optimizer: " + ex.getMessage());
            }
        }
        Path dir = out != null ? out : Path.of("runs", id + (quick ? "-quick" : ""));
        OutputFolder.check(dir);
        ExperimentOptions options = new ExperimentOptions(dir, quick, seeds, n, rank, observations, depths, ms,
                initScales, learningRates, maxIterations, tolerance, logEvery, opt, radius);
        return run(e, options, spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    static int run(Experiment e, ExperimentOptions options, java.io.PrintWriter out, java.io.PrintWriter err)
            throws Exception {
        e.validate(options);
        java.io.PrintStream errStream = System.err;
        ExperimentReport report = e.run(options, ProgressBar.forTerminal(errStream));
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        java.io.PrintStream ps = new java.io.PrintStream(buf, true, java.nio.charset.StandardCharsets.UTF_8);
        ResultsTable.print(report, ps);
        out.print(buf.toString(java.nio.charset.StandardCharsets.UTF_8));
        out.flush();
        if (report.singleRun() && report.anyDiverged()) {
            err.println("tacit: the run diverged (see stop_reason in results.csv)");
            return ExitCodes.DIVERGED;
        }
        return ExitCodes.OK;
    }
}
