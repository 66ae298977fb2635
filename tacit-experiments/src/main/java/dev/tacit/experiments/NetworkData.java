package dev.tacit.experiments;

import dev.tacit.data.table.SupervisedTable;
import dev.tacit.linalg.Matrix;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One seeded split of a supervised table for the network experiment: held-out test part, validation part (for
 * choosing the learning rate) and the fitting part, with features (and a regression target) standardized by the
 * fitting part's mean and standard deviation (a constant column is only centred).
 *
 * @param xFit fitting inputs (heap matrix, standardized)
 * @param tFit fitting targets: one-hot rows, or the standardized target as an n×1 matrix
 * @param xVal validation inputs
 * @param yVal validation labels or raw targets
 * @param xTest test inputs
 * @param yTest test labels or raw targets
 * @param classes number of classes, 0 for regression
 * @param targetMean mean of the raw fitting targets (regression)
 * @param targetStd standard deviation of the raw fitting targets (regression)
 */
record NetworkData(Matrix xFit, Matrix tFit, Matrix xVal, double[] yVal, Matrix xTest, double[] yTest, int classes,
                   double targetMean, double targetStd) {

    /**
     * @param table the data
     * @param testFraction fraction held out for testing (stratified by class)
     * @param valFraction fraction of the rest held out for validation (stratified by class)
     * @param rng the split's seeded generator
     * @return the split
     */
    static NetworkData split(SupervisedTable table, double testFraction, double valFraction, SplittableRandom rng) {
        int n = table.size();
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(i);
        }
        List<List<Integer>> first = stratified(table, all, testFraction, rng);
        List<List<Integer>> second = stratified(table, first.get(0), valFraction, rng);
        List<Integer> fit = second.get(0);
        List<Integer> val = second.get(1);
        List<Integer> test = first.get(1);
        Matrix x = table.features();
        int p = x.cols();
        double[] mean = new double[p];
        double[] std = new double[p];
        for (int j = 0; j < p; j++) {
            double s = 0;
            for (int i : fit) {
                s += x.get(i, j);
            }
            mean[j] = s / fit.size();
            double q = 0;
            for (int i : fit) {
                double d = x.get(i, j) - mean[j];
                q += d * d;
            }
            double sd = Math.sqrt(q / fit.size());
            std[j] = sd > 1e-12 ? sd : 1.0;
        }
        double[] y = table.targets();
        int k = table.classes();
        double tm = 0;
        double ts = 1;
        if (k == 0) {
            for (int i : fit) {
                tm += y[i];
            }
            tm /= fit.size();
            double q = 0;
            for (int i : fit) {
                q += (y[i] - tm) * (y[i] - tm);
            }
            ts = Math.sqrt(q / fit.size());
            ts = ts > 1e-12 ? ts : 1.0;
        }
        Matrix tFit = Matrix.onHeap(fit.size(), k == 0 ? 1 : k);
        for (int r = 0; r < fit.size(); r++) {
            int i = fit.get(r);
            if (k == 0) {
                tFit.setFlat(r, (y[i] - tm) / ts);
            } else {
                tFit.set(r, (int) y[i], 1.0);
            }
        }
        return new NetworkData(rows(x, fit, mean, std), tFit, rows(x, val, mean, std), values(y, val),
                rows(x, test, mean, std), values(y, test), k, tm, ts);
    }

    /** @return [kept, held out]: per class (or overall for regression) a seeded shuffle, the first round(f·size) held out */
    private static List<List<Integer>> stratified(SupervisedTable table, List<Integer> idx, double fraction,
                                                  SplittableRandom rng) {
        int groups = Math.max(1, table.classes());
        List<List<Integer>> byGroup = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            byGroup.add(new ArrayList<>());
        }
        for (int i : idx) {
            byGroup.get(table.isClassification() ? table.label(i) : 0).add(i);
        }
        List<Integer> kept = new ArrayList<>();
        List<Integer> held = new ArrayList<>();
        for (List<Integer> g : byGroup) {
            for (int a = g.size() - 1; a > 0; a--) {
                int b = rng.nextInt(a + 1);
                Integer t = g.get(a);
                g.set(a, g.get(b));
                g.set(b, t);
            }
            int h = (int) Math.round(fraction * g.size());
            held.addAll(g.subList(0, h));
            kept.addAll(g.subList(h, g.size()));
        }
        return List.of(kept, held);
    }

    private static Matrix rows(Matrix x, List<Integer> idx, double[] mean, double[] std) {
        int p = x.cols();
        Matrix out = Matrix.onHeap(idx.size(), p);
        for (int r = 0; r < idx.size(); r++) {
            for (int j = 0; j < p; j++) {
                out.set(r, j, (x.get(idx.get(r), j) - mean[j]) / std[j]);
            }
        }
        return out;
    }

    private static double[] values(double[] y, List<Integer> idx) {
        double[] out = new double[idx.size()];
        for (int r = 0; r < idx.size(); r++) {
            out[r] = y[idx.get(r)];
        }
        return out;
    }

    /** @return the fitting set's size */
    int fitSize() {
        return xFit.rows();
    }

    /**
     * The metric of a network's outputs: accuracy in percent (classification) or RMSE in the target's units.
     *
     * @param outputs network outputs, n×k
     * @param y labels or raw targets
     * @return the metric
     */
    double metric(Matrix outputs, double[] y) {
        int n = outputs.rows();
        if (classes == 0) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                double d = outputs.get(i, 0) * targetStd + targetMean - y[i];
                s += d * d;
            }
            return Math.sqrt(s / n);
        }
        int correct = 0;
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int c = 1; c < outputs.cols(); c++) {
                if (outputs.get(i, c) > outputs.get(i, best)) {
                    best = c;
                }
            }
            correct += best == (int) y[i] ? 1 : 0;
        }
        return 100.0 * correct / n;
    }

    /** @return whether metric a is at least as good as b (higher accuracy, lower RMSE) */
    boolean better(double a, double b) {
        return classes == 0 ? a < b : a > b;
    }
}
