package dev.tacit.diagnostics;

import dev.tacit.fit.TrainingState;
import java.util.ArrayList;
import java.util.List;

/**
 * One SVD of the end-to-end matrix per logged iteration, reported as {@code effective_rank}
 * ({@link Spectra#effectiveRank}), {@code nuclear_norm}, {@code schatten_power} (Σσ^{2/N},
 * {@link Spectra#schattenPower}) and the top-k singular values {@code sigma_1 … sigma_k}.
 */
public final class SpectralSummary implements Diagnostic {

    private final int topK;
    private final double schattenExponent;
    private final List<String> columns = new ArrayList<>();

    /**
     * @param topK number of leading singular values to record, ≥ 0
     * @param depth N, for the Schatten exponent 2/N
     */
    public SpectralSummary(int topK, int depth) {
        if (topK < 0 || depth < 1) {
            throw new IllegalArgumentException("topK must be ≥ 0 and depth ≥ 1");
        }
        this.topK = topK;
        this.schattenExponent = 2.0 / depth;
        columns.add("effective_rank");
        columns.add("nuclear_norm");
        columns.add("schatten_power");
        for (int i = 1; i <= topK; i++) {
            columns.add("sigma_" + i);
        }
    }

    @Override
    public List<String> columns() {
        return List.copyOf(columns);
    }

    @Override
    public double[] measure(TrainingState state) {
        double[] sigma = state.parameterization().endToEnd().singularValues();
        double[] out = new double[columns.size()];
        out[0] = Spectra.effectiveRank(sigma);
        out[1] = Spectra.nuclearNorm(sigma);
        out[2] = Spectra.schattenPower(sigma, schattenExponent);
        for (int i = 0; i < topK; i++) {
            out[3 + i] = i < sigma.length ? sigma[i] : 0.0;
        }
        return out;
    }
}
