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

    /**
     * The multiplicative update of NMF (Lee &amp; Seung; scikit-learn's {@code _multiplicative_update_w/h} with
     * γ = 1) in one pass over the storage:
     *
     * <pre>
     *   d = den + l1 + l2·f   (l1, l2 added only when &gt; 0, in that order),   d = 0 → floor,   f ← f · num / d
     * </pre>
     *
     * With {@code transposed}, f is r×c and num, den are c×r: f_ij pairs with num_ji, den_ji (the H update
     * from products computed as Hᵀ-shaped).
     *
     * @param f the factor (modified)
     * @param num numerator, f's shape (or its transpose)
     * @param den denominator, num's shape
     * @param l1 added to the denominator when &gt; 0
     * @param l2 times f, added to the denominator when &gt; 0
     * @param floor replaces a zero denominator
     * @param transposed whether num and den are f's transpose
     */
    public static void multiplicative(Matrix f, Matrix num, Matrix den, double l1, double l2, double floor,
                                      boolean transposed) {
        int r = f.rows();
        int c = f.cols();
        int nr = transposed ? c : r;
        int nc = transposed ? r : c;
        if (num.rows() != nr || num.cols() != nc || den.rows() != nr || den.cols() != nc) {
            throw new IllegalArgumentException("shapes differ: f " + r + "x" + c + (transposed ? " (transposed)" : "")
                    + ", num " + num.rows() + "x" + num.cols() + ", den " + den.rows() + "x" + den.cols());
        }
        DoubleBuffer fb = f.buffer();
        DoubleBuffer nb = num.buffer();
        DoubleBuffer db = den.buffer();
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                int e = i * c + j;
                int o = transposed ? j * r + i : e;
                double fe = fb.get(e);
                double d = db.get(o);
                if (l1 > 0) {
                    d += l1;
                }
                if (l2 > 0) {
                    d += l2 * fe;
                }
                if (d == 0.0) {
                    d = floor;
                }
                fb.put(e, fe * (nb.get(o) / d));
            }
        }
    }
}
