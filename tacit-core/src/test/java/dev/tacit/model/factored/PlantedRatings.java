package dev.tacit.model.factored;

import dev.tacit.linalg.EntryPattern;
import dev.tacit.objective.EntryLoss;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Synthetic ratings for the baseline tests: r_ui = μ* + b*_u + b*_i + (P·Qᵀ)_ui/√r + noise with
 * μ* = 3.5, biases N(0, 0.5²), P, Q with N(0, 1) entries (a rank-r part of unit entry variance) and
 * N(0, noise²) noise; each entry observed with probability {@code observed}, and each observation held
 * out for testing with probability 0.2. Everything is drawn from one seed.
 */
final class PlantedRatings {

    final int users;
    final int items;
    final EntryLoss train;
    final EntryPattern testPattern;
    final double[] testTargets;
    final double mean;

    private PlantedRatings(int users, int items, EntryLoss train, EntryPattern testPattern, double[] testTargets) {
        this.users = users;
        this.items = items;
        this.train = train;
        this.testPattern = testPattern;
        this.testTargets = testTargets;
        double s = 0;
        for (double t : train.targets()) {
            s += t;
        }
        this.mean = s / train.targets().length;
    }

    /** The default problem of the tests: 60 × 50, rank 3, 40 % observed, noise 0.1. */
    static PlantedRatings standard(long seed) {
        return generate(60, 50, 3, 0.4, 0.1, seed);
    }

    static PlantedRatings generate(int users, int items, int rank, double observed, double noise, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] bu = gaussian(users, 0.5, rng);
        double[] bi = gaussian(items, 0.5, rng);
        double[] p = gaussian(users * rank, 1.0, rng);
        double[] q = gaussian(items * rank, 1.0, rng);
        List<int[]> trainPos = new ArrayList<>();
        List<Double> trainVal = new ArrayList<>();
        List<int[]> testPos = new ArrayList<>();
        List<Double> testVal = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            for (int i = 0; i < items; i++) {
                if (rng.nextDouble() >= observed) {
                    continue;
                }
                double dot = 0;
                for (int t = 0; t < rank; t++) {
                    dot += p[u * rank + t] * q[i * rank + t];
                }
                double r = 3.5 + bu[u] + bi[i] + dot / Math.sqrt(rank) + noise * rng.nextGaussian();
                if (rng.nextDouble() < 0.2) {
                    testPos.add(new int[] {u, i});
                    testVal.add(r);
                } else {
                    trainPos.add(new int[] {u, i});
                    trainVal.add(r);
                }
            }
        }
        EntryLoss train = new EntryLoss(pattern(users, items, trainPos), unbox(trainVal));
        return new PlantedRatings(users, items, train, pattern(users, items, testPos), unbox(testVal));
    }

    private static double[] gaussian(int n, double std, SplittableRandom rng) {
        double[] x = new double[n];
        for (int k = 0; k < n; k++) {
            x[k] = std * rng.nextGaussian();
        }
        return x;
    }

    private static EntryPattern pattern(int users, int items, List<int[]> pos) {
        int[] r = new int[pos.size()];
        int[] c = new int[pos.size()];
        for (int e = 0; e < r.length; e++) {
            r[e] = pos.get(e)[0];
            c[e] = pos.get(e)[1];
        }
        return EntryPattern.of(users, items, r, c);
    }

    private static double[] unbox(List<Double> v) {
        double[] out = new double[v.size()];
        for (int e = 0; e < out.length; e++) {
            out[e] = v.get(e);
        }
        return out;
    }

    /** @return the RMSE of the model on the held-out ratings */
    double testRmse(FactoredProduct model) {
        double[] pred = new double[testTargets.length];
        model.predict(testPattern, pred);
        double s = 0;
        for (int e = 0; e < pred.length; e++) {
            double d = pred[e] - testTargets[e];
            s += d * d;
        }
        return Math.sqrt(s / pred.length);
    }

    /** @return the held-out predictions */
    double[] testPredictions(FactoredProduct model) {
        double[] pred = new double[testTargets.length];
        model.predict(testPattern, pred);
        return pred;
    }

    /** @return the held-out RMSE of Surprise's default ALS bias baseline */
    double biasBaselineRmse() {
        FactoredProduct m = BiasBaselineRule.initialModel(users, items, mean);
        dev.tacit.fit.Trainer.builder().maxIterations(BiasBaselineRule.DEFAULT_EPOCHS).tolerance(0).build()
                .fit(m, train, new BiasBaselineRule());
        return testRmse(m);
    }
}
