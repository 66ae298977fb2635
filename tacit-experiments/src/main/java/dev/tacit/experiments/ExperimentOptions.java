package dev.tacit.experiments;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    /**
     * Rejects every override that was given but is not among {@code used}, so that an option an experiment does
     * not read is an error instead of being silently ignored.
     *
     * @param experiment the experiment id (for the message)
     * @param used the options the experiment reads, e.g. {@code "--depths"}
     * @throws BadInputException naming the first option given that is not used
     */
    public void rejectUnused(String experiment, String... used) throws BadInputException {
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("--seeds", seeds);
        given.put("--n", n);
        given.put("--rank", rank);
        given.put("--observations", observations);
        given.put("--depths", depths);
        given.put("--methods", methods);
        given.put("--init-scales", initScales);
        given.put("--lr", learningRates);
        given.put("--max-iter", maxIterations);
        given.put("--tol", tolerance);
        given.put("--log-every", logEvery);
        given.put("--optimizer", optimizer);
        given.put("--radius", radius);
        List<String> takes = List.of(used);
        for (Map.Entry<String, Object> e : given.entrySet()) {
            if (e.getValue() != null && !takes.contains(e.getKey())) {
                throw new BadInputException(e.getKey() + ": " + experiment + " does not use this option (it takes "
                        + String.join(", ", takes) + ")");
            }
        }
    }

    static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
