package dev.tacit.experiments;

import dev.tacit.data.table.RowLabels;
import dev.tacit.data.table.SparseMatrixReader;
import dev.tacit.data.table.TableFormatException;
import dev.tacit.linalg.SparseMatrix;
import dev.tacit.model.nmf.Nmf;
import dev.tacit.model.nmf.NmfFit;
import dev.tacit.model.nmf.NmfInit;
import dev.tacit.model.nmf.NmfLoss;
import dev.tacit.model.nmf.NmfSettings;
import dev.tacit.model.nmf.NmfSolver;
import java.io.IOException;
import java.util.AbstractList;
import java.util.List;

/**
 * {@link FactorJob} on a sparse Matrix Market coordinate file: reads it sparse ({@link SparseMatrixReader}),
 * fits it without densifying X ({@link Nmf#fit(SparseMatrix, int, NmfSettings)}: model nmf, solver mu, loss
 * frobenius or kl) and writes the outputs of a dense table, rows and columns labelled 1..n and 1..m as in the
 * file, plus {@code nnz} and {@code density} in {@code metrics.json}. Every other model, solver, loss, init
 * {@code spa}, the identifiability analysis and the table options are refused before the file is read.
 */
final class SparseFactor {

    private SparseFactor() {
    }

    /**
     * @param r the request; its input is a Matrix Market file
     * @return the fit ({@link FactorJob.Result#sparse()} set, {@link FactorJob.Result#data()} null)
     * @throws BadInputException for refused options or invalid input (nothing written)
     * @throws IOException on read or write failure
     */
    static FactorJob.Result run(FactorJob.Request r) throws BadInputException, IOException {
        String name = String.valueOf(r.input().getFileName());
        refuseOptions(r, name);
        SparseMatrix x;
        try {
            x = SparseMatrixReader.read(r.input(), SparseMatrixReader.Values.NONNEGATIVE);
        } catch (TableFormatException e) {
            throw new BadInputException(e.getMessage());
        }
        int limit = Math.min(x.rows(), x.cols());
        if (r.rank() < 1 || r.rank() > limit) {
            throw new BadInputException("--rank must be in [1, min(rows, cols)] = [1, " + limit + "] for " + name
                    + " (" + x.rows() + " rows x " + x.cols() + " columns), got " + r.rank());
        }
        NmfFit fit;
        try {
            fit = Nmf.fit(x, r.rank(), r.settings());
        } catch (IllegalArgumentException e) {
            throw new BadInputException(name + ": " + e.getMessage());
        }
        FactorJob.Result result = new FactorJob.Result(null, fit, fit.w(), fit.h(), fit.relativeError(), null, null,
                null, x);
        FactorJob.write(r, numbered(x.rows()), numbered(x.cols()), result);
        return result;
    }

    private static void refuseOptions(FactorJob.Request r, String name) throws BadInputException {
        NmfSettings s = r.settings();
        if (r.model() != FactorModel.NMF) {
            throw refused(name, "--model " + r.model().cliName());
        }
        if (r.analysis() != RangeAnalysis.NONE) {
            throw refused(name, "--identifiability");
        }
        if (s.solver() != NmfSolver.MULTIPLICATIVE_UPDATE) {
            throw refused(name, "--solver " + NmfNames.name(s.solver()));
        }
        if (s.loss() != NmfLoss.FROBENIUS && s.loss() != NmfLoss.KULLBACK_LEIBLER) {
            throw refused(name, "--loss " + NmfNames.name(s.loss()));
        }
        if (s.init() == NmfInit.SPA) {
            throw refused(name, "--init spa");
        }
        if (r.rowLabels() != RowLabels.AUTO || !r.dropColumns().isEmpty()) {
            throw new BadInputException(name + ": --row-labels and --drop-columns do not apply to Matrix Market input"
                    + " (its rows and columns are numbered 1..n, 1..m)");
        }
    }

    private static BadInputException refused(String name, String option) {
        return new BadInputException(name + ": sparse Matrix Market input is fitted by the multiplicative updates"
                + " only (--model nmf --solver mu, --loss frobenius or kl, --init random or nndsvd*), not " + option
                + "; to use " + option + ", convert the matrix to a dense CSV table");
    }

    /** @return the labels "1".."n", made on demand */
    private static List<String> numbered(int n) {
        return new AbstractList<>() {
            @Override
            public String get(int i) {
                return Integer.toString(i + 1);
            }

            @Override
            public int size() {
                return n;
            }
        };
    }
}
