package dev.tacit.cli;

import dev.tacit.data.table.RowLabels;
import dev.tacit.data.table.TableFormat;
import dev.tacit.experiments.BadInputException;
import dev.tacit.experiments.FactorJob;
import dev.tacit.experiments.FactorModel;
import dev.tacit.experiments.RangeAnalysis;
import dev.tacit.experiments.NmfNames;
import dev.tacit.model.nmf.VolumeSettings;
import dev.tacit.model.nmf.NmfInit;
import dev.tacit.model.nmf.NmfLoss;
import dev.tacit.model.nmf.NmfSettings;
import dev.tacit.model.nmf.NmfSolver;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tacit factor}: nonnegative factorization X ≈ W·H of a labelled table. */
@Command(name = "factor", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Factor a nonnegative table X (CSV) as W·H with K components.",
            "Writes W.csv, H.csv, metrics.json, history.csv, objective.png and W.png into --out.",
            "The table: comma, tab or semicolon separated; a header when the first line has text; row labels"
                + " in the first column when it has text (or --row-labels); every other cell a number >= 0.",
            "Or a sparse Matrix Market file (first line '%%%%MatrixMarket matrix coordinate real general', or"
                + " integer), told by its content: fitted without densifying by --solver mu only (the default"
                + " for it; --loss frobenius or kl); W and H rows/columns are labelled 1..n, 1..m."})
final class FactorCommand implements Callable<Integer> {

    /** Models of the issue that this command does not fit yet. */

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "TYPE",
            description = "nmf (default), plsa, lba (least squares), lba-ml, ema or lca")
    String model = "nmf";

    @Option(names = "--identifiability",
            description = "add the range analysis: inner/outer extreme solutions and a uniqueness verdict (K <= 4)")
    boolean identifiability;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "the table (CSV) or a sparse Matrix Market .mtx file")
    Path input;

    @Option(names = "--rank", required = true, paramLabel = "K", description = "number of components")
    int rank;

    @Option(names = "--loss", paramLabel = "LOSS", description = "frobenius (default), kl or is")
    String loss;

    @Option(names = "--solver", paramLabel = "S",
            description = "hals (coordinate descent; default for frobenius), mu (multiplicative; default for kl, is,"
                + " and for sparse Matrix Market input, which only mu fits) or"
                + " minvol (minimum-volume NMF: rows of W on the simplex, + lambda' log det(HH^T + delta I); frobenius)"
                + " or maxvol (rows of H on the simplex, - lambda' log det(HH^T + delta I))")
    String solver;

    @Option(names = "--volume-lambda", paramLabel = "L", description = "relative volume weight of --solver minvol/maxvol"
            + " (default " + VolumeSettings.DEFAULT_LAMBDA + ", as the review's code; scaled by the initial fit as"
            + " minvolNMF)")
    Double volumeLambda;

    @Option(names = "--volume-delta", paramLabel = "D", description = "delta of log det(HH^T + delta I) (default "
            + VolumeSettings.DEFAULT_DELTA + ")")
    Double volumeDelta;

    @Option(names = "--init", paramLabel = "I",
            description = "random, nndsvd, nndsvda (default), nndsvdar or spa (default for --solver minvol, maxvol)")
    String init;

    @Option(names = "--max-iter", paramLabel = "N", description = "at most N sweeps (default "
            + NmfSettings.DEFAULT_MAX_ITERATIONS + ")")
    Long maxIter;

    @Option(names = "--tol", paramLabel = "T", description = "stopping tolerance, as scikit-learn's (default "
            + NmfSettings.DEFAULT_TOLERANCE + "; 0 runs all sweeps)")
    Double tol;

    @Option(names = "--seed", paramLabel = "S", description = "seed of random inits (default 0)")
    Long seed;

    @Option(names = "--row-labels", description = "the first column holds row labels even when it is numeric")
    boolean rowLabels;

    @Option(names = "--drop-columns", split = ",", paramLabel = "NAMES",
            description = "header names of columns to ignore, e.g. sex,age_group,year")
    List<String> dropColumns;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default: runs/factor)")
    Path out = Path.of("runs", "factor");

    @Override
    public Integer call() throws Exception {
        OutputFolder.check(out);
        FactorModel m = FactorModel.parse(model);
        FactorJob.Request request = new FactorJob.Request(input, rowLabels ? RowLabels.FIRST_COLUMN : RowLabels.AUTO,
                dropColumns == null ? List.of() : dropColumns, rank, settings(), out, m,
                identifiability ? RangeAnalysis.IDENTIFIABILITY : RangeAnalysis.NONE);
        FactorJob.Result result = FactorJob.run(request);
        print(result, spec.commandLine().getOut());
        return ExitCodes.OK;
    }

    private NmfSettings settings() throws BadInputException {
        NmfSettings s = NmfSettings.defaults();
        NmfLoss l = loss == null ? s.loss() : NmfNames.loss(loss);
        boolean sparse = TableFormat.detect(input) == TableFormat.MATRIX_MARKET_COORDINATE;
        NmfSolver v = solver != null ? NmfNames.solver(solver)
                : l == NmfLoss.FROBENIUS && !sparse ? s.solver() : NmfSolver.MULTIPLICATIVE_UPDATE;
        if (v == NmfSolver.COORDINATE_DESCENT && l != NmfLoss.FROBENIUS && !sparse) {
            throw new BadInputException("--solver hals handles only --loss frobenius; use --solver mu with --loss "
                    + NmfNames.name(l));
        }
        boolean volume = v == NmfSolver.MIN_VOLUME || v == NmfSolver.MAX_VOLUME;
        if (volume && l != NmfLoss.FROBENIUS && !sparse) { // sparse input: FactorJob names what fits it
            throw new BadInputException("--solver " + NmfNames.name(v) + " handles only --loss frobenius, got --loss "
                    + NmfNames.name(l));
        }
        s = s.withLoss(l).withSolver(v);
        if (init != null) {
            s = s.withInit(NmfNames.init(init));
        } else if (volume) {
            s = s.withInit(NmfInit.SPA);
        }
        if (volumeLambda != null || volumeDelta != null) {
            try {
                VolumeSettings mv = s.volume();
                if (volumeLambda != null) {
                    mv = mv.withLambda(volumeLambda);
                }
                if (volumeDelta != null) {
                    mv = mv.withDelta(volumeDelta);
                }
                s = s.withVolume(mv);
            } catch (IllegalArgumentException e) {
                throw new BadInputException((volumeLambda != null && !(volumeLambda >= 0) ? "--volume-lambda: "
                        : "--volume-delta: ") + e.getMessage());
            }
        }
        try {
            if (maxIter != null) {
                s = s.withMaxIterations(maxIter);
            }
            if (tol != null) {
                s = s.withTolerance(tol);
            }
        } catch (IllegalArgumentException e) {
            throw new BadInputException((maxIter != null && maxIter < 0 ? "--max-iter" : "--tol") + ": " + e.getMessage());
        }
        return seed == null ? s : s.withSeed(seed);
    }

    private void print(FactorJob.Result r, PrintWriter w) {
        w.printf(Locale.ROOT, "%s K=%d on %d x %d: rel_error %.4g, %d iterations, %s, %.2f s%n", model.trim(), rank,
                r.rows(), r.cols(), r.relativeError(), r.fit().iterations(),
                r.fit().converged() ? "converged" : "not converged (max-iter reached)", r.fit().seconds());
        if (r.identifiability() != null) {
            var id = r.identifiability();
            w.printf(Locale.ROOT, "identifiability: %s (budget distance fitted %.4f, inner %.4f, outer %.4f)%n",
                    id.verdict().name().toLowerCase(Locale.ROOT).replace('_', ' '), id.fitted().distance(),
                    id.inner().distance(), id.outer().distance());
            w.printf(Locale.ROOT, "log det(BB^T + 0.1 I): fitted %.4f, inner %.4f, outer %.4f", id.fitted().logVolume(),
                    id.inner().logVolume(), id.outer().logVolume());
            if (r.minVolume() != null && r.maxVolume() != null) {
                w.printf(Locale.ROOT, ", min-volume fit %.4f, max-volume fit %.4f", FactorJob.logVolume(r.minVolume()),
                        FactorJob.logVolume(r.maxVolume()));
            }
            w.println();
        }
        w.println("wrote " + out.resolve("W.csv") + ", H.csv, metrics.json, history.csv, plots"
                + (r.identifiability() != null ? ", identifiability.json, *_inner/_outer/_minvol/_maxvol.csv" : ""));
        w.flush();
    }
}
