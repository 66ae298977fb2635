package dev.tacit.model.nmf;

import dev.tacit.linalg.Matrix;

/**
 * Fits the latent budget family (PLSA, LBA-ML, LBA-LS, EMA, LCA; {@link LatentBudgetModel}) as thin
 * adapters over the NMF core, following Qi &amp; van der Heijden (arXiv:2512.22282): "LBA, EMA, LCA, PLSA
 * is unique iff NMF is unique" rests on the rescaling (our notes {@code nmf_family.md} §0.2)
 *
 * <pre>
 *   D = diag(H·1),   W' = W·D,   B = D⁻¹·H   (B row-stochastic, W'·B = W·H)
 *   A = diag(W'·1)⁻¹·W'                       (row-stochastic; = W' itself when X·1 = 1 and WH = X,
 *                                              since X·1 = W'·B·1 = W'·1)
 * </pre>
 *
 * <p>The NMF input and loss per model are in {@link LatentBudgetModel}: the KL models (PLSA, LBA_ML,
 * LCA) always use {@link NmfLoss#KULLBACK_LEIBLER} with {@link NmfSolver#MULTIPLICATIVE_UPDATE}; the
 * least-squares models (LBA_LS, EMA) use {@link NmfLoss#FROBENIUS} with the caller's solver. All other
 * settings (init, iterations, tolerance, penalty, seed) are the caller's.
 */
public final class LatentBudgets {

    private LatentBudgets() {
    }

    /**
     * @param data the table N (n×m; counts or amounts), finite, ≥ 0, no all-zero row (not modified)
     * @param k the number of latent budgets K, 1 ≤ K ≤ min(n, m)
     * @param model the model
     * @param settings NMF settings (loss and, for the KL models, solver are overridden as above)
     * @return row-stochastic A and B and the run's record
     * @throws IllegalArgumentException for a null argument, a negative or non-finite entry, an all-zero
     *     row (it has no profile to fit), or K out of range
     */
    public static LatentBudgetFit fit(Matrix data, int k, LatentBudgetModel model, NmfSettings settings) {
        if (data == null || model == null || settings == null) {
            throw new IllegalArgumentException("data, model and settings must not be null");
        }
        int n = data.rows();
        int m = data.cols();
        double[] rowSums = validatedRowSums(data, model);
        double total = 0;
        for (double s : rowSums) {
            total += s;
        }
        Matrix input = Matrix.zeros(n, m);
        for (int i = 0; i < n; i++) {
            double scale = model.usesJointTable() ? 1.0 / total : model.usesRowProfiles() ? 1.0 / rowSums[i] : 1.0;
            for (int j = 0; j < m; j++) {
                input.set(i, j, data.get(i, j) * scale);
            }
        }
        NmfSettings s = settings.withLoss(model.loss());
        if (model.loss() != NmfLoss.FROBENIUS) {
            s = s.withSolver(NmfSolver.MULTIPLICATIVE_UPDATE);
        }
        NmfFit nmf = Nmf.fit(input, k, s);
        double[] inputRowSums = new double[n];
        for (int i = 0; i < n; i++) {
            inputRowSums[i] = model.usesJointTable() ? rowSums[i] / total : model.usesRowProfiles() ? 1.0 : rowSums[i];
        }
        return rescale(model, nmf, inputRowSums, rowSums, total);
    }

    private static double[] validatedRowSums(Matrix data, LatentBudgetModel model) {
        double[] sums = new double[data.rows()];
        for (int i = 0; i < data.rows(); i++) {
            for (int j = 0; j < data.cols(); j++) {
                double v = data.get(i, j);
                if (!(v >= 0) || Double.isInfinite(v)) {
                    throw new IllegalArgumentException("the table must be finite and nonnegative: X[" + i + "][" + j
                            + "] = " + v);
                }
                sums[i] += v;
            }
            if (sums[i] == 0) {
                throw new IllegalArgumentException("row " + i + " of the table is all zero: a row with no mass has "
                        + "no profile to fit under " + model + " (its mixing parameters are undefined); drop it");
            }
        }
        return sums;
    }

    private static LatentBudgetFit rescale(LatentBudgetModel model, NmfFit nmf, double[] targetRowSums,
                                           double[] rowSums, double total) {
        Matrix w = nmf.w();
        Matrix h = nmf.h();
        int n = w.rows();
        int k = w.cols();
        int m = h.cols();
        double[] d = new double[k];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < m; j++) {
                d[c] += h.get(c, j);
            }
        }
        Matrix b = Matrix.zeros(k, m);
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < m; j++) {
                // a zero row of H (an unused component) becomes the uniform budget; its column of W' is 0
                b.set(c, j, d[c] > 0 ? h.get(c, j) / d[c] : 1.0 / m);
            }
        }
        Matrix a = Matrix.zeros(n, k);
        double deviation = 0;
        double[] rowMasses = new double[n];
        double[] weights = new double[k];
        for (int i = 0; i < n; i++) {
            double rowTotal = 0;
            for (int c = 0; c < k; c++) {
                rowTotal += w.get(i, c) * d[c];
            }
            deviation = Math.max(deviation, Math.abs(rowTotal - targetRowSums[i]) / targetRowSums[i]);
            rowMasses[i] = rowSums[i] / total;
            for (int c = 0; c < k; c++) {
                double v = rowTotal > 0 ? w.get(i, c) * d[c] / rowTotal : 1.0 / k;
                a.set(i, c, v);
                weights[c] += rowMasses[i] * v;
            }
        }
        return new LatentBudgetFit(model, a, b, rowMasses, weights, nmf.objective(), nmf.iterations(),
                nmf.converged(), deviation, nmf);
    }
}
