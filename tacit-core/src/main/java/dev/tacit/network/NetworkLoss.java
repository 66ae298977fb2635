package dev.tacit.network;

import dev.tacit.linalg.Matrix;

/**
 * The training loss of a network, averaged over the n examples of a batch. Outputs Z and targets T are n×k.
 */
public enum NetworkLoss {

    /**
     * Softmax cross-entropy, ℓ = −(1/n)·Σ_i Σ_c T_ic·log softmax(Z_i)_c, for one-hot (or probability) rows T_i;
     * ∂ℓ/∂Z = (softmax(Z) − T)/n. The log-sum-exp is shifted by the row maximum.
     */
    SOFTMAX_CROSS_ENTROPY,
    /** Squared error, ℓ = (1/n)·Σ_i ½‖Z_i − T_i‖²; ∂ℓ/∂Z = (Z − T)/n. */
    SQUARED;

    /**
     * @param outputs Z, n×k (not modified)
     * @param targets T, n×k (not modified)
     * @param gradient receives ∂ℓ/∂Z (n×k, modified), or null for the value only
     * @return ℓ
     */
    public double valueAndGradient(Matrix outputs, Matrix targets, Matrix gradient) {
        int n = outputs.rows();
        int k = outputs.cols();
        if (targets.rows() != n || targets.cols() != k) {
            throw new IllegalArgumentException("outputs " + n + "x" + k + " but targets " + targets.rows() + "x"
                    + targets.cols());
        }
        double total = 0;
        double[] z = outputs.toArray();
        double[] t = targets.toArray();
        double[] g = new double[z.length];
        for (int i = 0; i < n; i++) {
            int o = i * k;
            if (this == SQUARED) {
                for (int c = 0; c < k; c++) {
                    double r = z[o + c] - t[o + c];
                    total += 0.5 * r * r;
                    g[o + c] = r / n;
                }
            } else {
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < k; c++) {
                    max = Math.max(max, z[o + c]);
                }
                double sum = 0;
                for (int c = 0; c < k; c++) {
                    sum += Math.exp(z[o + c] - max);
                }
                double logSum = max + Math.log(sum);
                for (int c = 0; c < k; c++) {
                    double logP = z[o + c] - logSum;
                    total -= t[o + c] * logP;
                    g[o + c] = (Math.exp(logP) - t[o + c]) / n;
                }
            }
        }
        if (gradient != null) {
            for (int q = 0; q < g.length; q++) {
                gradient.setFlat(q, g[q]);
            }
        }
        return total / n;
    }

    /** @return ℓ(outputs, targets) */
    public double value(Matrix outputs, Matrix targets) {
        return valueAndGradient(outputs, targets, null);
    }
}
