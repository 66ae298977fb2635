package dev.tacit.linalg;

import java.nio.DoubleBuffer;

/**
 * Fused element-wise optimizer updates, run directly on the matrices' storage (Java arrays for
 * {@link Matrix#onHeap} matrices, buffers otherwise) so that an update is one pass over memory.
 */
public final class UpdateKernels {

    private UpdateKernels() {
    }

    /**
     * One Adam step (Kingma &amp; Ba 2015, Algorithm 1) on every entry k of p:
     *
     * <pre>
     *   m_k ← β₁ m_k + (1 − β₁) g_k,   v_k ← β₂ v_k + (1 − β₂) g_k²,
     *   p_k ← p_k − η · (m_k / c₁) / (√(v_k / c₂) + ε)        with c_i = 1 − β_i^t
     * </pre>
     *
     * @param p parameters (modified)
     * @param g gradient, same size
     * @param m first moments, length p.size() (modified)
     * @param v second moments, length p.size() (modified)
     * @param beta1 β₁
     * @param beta2 β₂
     * @param learningRate η
     * @param c1 bias correction 1 − β₁^t
     * @param c2 bias correction 1 − β₂^t
     * @param epsilon ε
     */
    public static void adam(Matrix p, Matrix g, double[] m, double[] v, double beta1, double beta2,
                            double learningRate, double c1, double c2, double epsilon) {
        int n = p.size();
        if (g.size() != n || m.length != n || v.length != n) {
            throw new IllegalArgumentException("sizes differ: parameter " + n + ", gradient " + g.size() + ", moments "
                    + m.length + "/" + v.length);
        }
        DoubleBuffer pb = p.buffer();
        DoubleBuffer gb = g.buffer();
        double a = learningRate / c1;
        double s = 1.0 / c2;
        if (pb.hasArray() && gb.hasArray() && pb.arrayOffset() == 0 && gb.arrayOffset() == 0) {
            double[] pa = pb.array();
            double[] ga = gb.array();
            for (int k = 0; k < n; k++) {
                double gk = ga[k];
                double mk = beta1 * m[k] + (1 - beta1) * gk;
                double vk = beta2 * v[k] + (1 - beta2) * gk * gk;
                m[k] = mk;
                v[k] = vk;
                pa[k] -= a * mk / (Math.sqrt(vk * s) + epsilon);
            }
        } else {
            for (int k = 0; k < n; k++) {
                double gk = gb.get(k);
                double mk = beta1 * m[k] + (1 - beta1) * gk;
                double vk = beta2 * v[k] + (1 - beta2) * gk * gk;
                m[k] = mk;
                v[k] = vk;
                pb.put(k, pb.get(k) - a * mk / (Math.sqrt(vk * s) + epsilon));
            }
        }
    }
}
