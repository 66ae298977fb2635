package dev.tacit.experiments;

import java.nio.file.Path;
import java.util.List;

/**
 * Options common to every experiment; {@code null} means "the experiment's default" (which depends on
 * {@link #quick()}).
 *
 * @param out output folder
 * @param quick the reduced setting
 * @param seeds one run per seed
 * @param n matrix size n (n×n)
 * @param rank rank of the ground truth
 * @param observations numbers of observed entries / measurements
 * @param depths factorization depths
 * @param methods methods to run
 * @param initScales initialization scales
 * @param learningRates learning rates
 * @param maxIterations iteration budget per run
 * @param tolerance stop at train loss ≤ tolerance (0 = never)
 * @param logEvery logging interval
 * @param optimizer the optimizer of the factorizations
 * @param radius radius ρ of the Frobenius balls of constrained (UDV) factors
 */
public record ExperimentOptions(Path out, boolean quick, List<Long> seeds, Integer n, Integer rank,
                                List<Integer> observations, List<Integer> depths, List<Method> methods,
                                List<Double> initScales, List<Double> learningRates, Long maxIterations,
                                Double tolerance, Integer logEvery,
                                dev.tacit.optim.OptimizerKind optimizer, Double radius) {

    /** The options without a radius (every experiment that has none). */
    public ExperimentOptions(Path out, boolean quick, List<Long> seeds, Integer n, Integer rank,
                             List<Integer> observations, List<Integer> depths, List<Method> methods,
                             List<Double> initScales, List<Double> learningRates, Long maxIterations,
                             Double tolerance, Integer logEvery, dev.tacit.optim.OptimizerKind optimizer) {
        this(out, quick, seeds, n, rank, observations, depths, methods, initScales, learningRates, maxIterations,
                tolerance, logEvery, optimizer, null);
    }

    /** @param out output folder @param quick quick mode @return options with every override unset */
    public static ExperimentOptions defaults(Path out, boolean quick) {
        return new ExperimentOptions(out, quick, null, null, null, null, null, null, null, null, null, null, null, null,
                null);
    }

    /** @return a copy with another output folder */
    public ExperimentOptions withOut(Path newOut) {
        return new ExperimentOptions(newOut, quick, seeds, n, rank, observations, depths, methods, initScales,
                learningRates, maxIterations, tolerance, logEvery, optimizer, radius);
    }

    static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
