package dev.tacit.model.nmf;

import java.util.Arrays;

/**
 * Projected fast gradient for the nonnegative (or simplex-constrained) quadratic problems of
 * minimum-volume NMF, row by row in one call (Gillis' {@code FGMqpnonneg}, nmfbook; Nesterov's method
 * with the α-sequence α₀ = 0.05, α_{t+1} = (√(α_t⁴ + 4α_t²) − α_t²)/2, β_t = α_t(1 − α_t)/(α_t² + α_{t+1})):
 *
 * <pre>
 *   min_F  g(F) = ½⟨F, F·Q⟩ − ⟨F, C⟩   subject to every row of F in the constraint set
 *   x_{t+1} = P(y_t − (y_t Q − C)/L),   y_{t+1} = x_{t+1} + β_t (x_{t+1} − x_t),   L = λ_max(Q)
 * </pre>
 *
 * F is rows×k, Q k×k symmetric positive semidefinite, C rows×k, all row-major. Fast gradient is not
 * monotone, so the iterate with the smallest g (the starting point included) is returned: g never
 * increases, which makes the outer alternating scheme monotone.
 */
final class FastGradient {

    /** The constraint on each row of F. */
    enum RowConstraint {
        /** F ≥ 0. */
        NONNEGATIVE,
        /** Each row on the unit simplex {f ≥ 0, Σ f = 1}. */
        SIMPLEX
    }

    private FastGradient() {
    }

    /**
     * @param f the start (rows×k; modified: on return the best iterate, which is feasible when the start
     *     was, else the best of the projected iterates)
     * @param rows rows of F
     * @param k columns of F
     * @param q Q (k×k)
     * @param c C (rows×k)
     * @param constraint the row constraint
     * @param iterations gradient steps ≥ 0
     * @return g at the returned F
     */
    static double minimize(double[] f, int rows, int k, double[] q, double[] c, RowConstraint constraint,
                           int iterations) {
        double lipschitz = maxEigenvalue(q, k);
        double best = value(f, rows, k, q, c);
        if (!(lipschitz > 0) || iterations == 0) {
            return best;
        }
        double[] x = f.clone();
        double[] y = f.clone();
        double[] prev = new double[f.length];
        double[] yq = new double[f.length];
        double alpha = 0.05;
        for (int it = 0; it < iterations; it++) {
            System.arraycopy(x, 0, prev, 0, x.length);
            gradient(y, rows, k, q, c, yq);
            for (int e = 0; e < x.length; e++) {
                x[e] = y[e] - yq[e] / lipschitz;
            }
            project(x, rows, k, constraint);
            double next = (Math.sqrt(alpha * alpha * alpha * alpha + 4 * alpha * alpha) - alpha * alpha) / 2;
            double beta = alpha * (1 - alpha) / (alpha * alpha + next);
            alpha = next;
            for (int e = 0; e < x.length; e++) {
                y[e] = x[e] + beta * (x[e] - prev[e]);
            }
            double g = value(x, rows, k, q, c);
            if (g < best) {
                best = g;
                System.arraycopy(x, 0, f, 0, f.length);
            }
        }
        return best;
    }

    /** @return g(F) = ½⟨F, F·Q⟩ − ⟨F, C⟩ */
    static double value(double[] f, int rows, int k, double[] q, double[] c) {
        double s = 0;
        for (int i = 0; i < rows; i++) {
            int o = i * k;
            for (int a = 0; a < k; a++) {
                double fq = 0;
                for (int b = 0; b < k; b++) {
                    fq += f[o + b] * q[b * k + a];
                }
                s += f[o + a] * (0.5 * fq - c[o + a]);
            }
        }
        return s;
    }

    /**
     * ∇g(F) = F·Q − C (Q symmetric).
     *
     * @param f F (rows×k)
     * @param rows rows of F
     * @param k columns of F
     * @param q Q (k×k, symmetric)
     * @param c C (rows×k)
     * @param out the gradient (rows×k; overwritten)
     */
    static void gradient(double[] f, int rows, int k, double[] q, double[] c, double[] out) {
        times(f, rows, k, q, out);
        for (int e = 0; e < out.length; e++) {
            out[e] -= c[e];
        }
    }

    private static void times(double[] f, int rows, int k, double[] q, double[] out) {
        for (int i = 0; i < rows; i++) {
            int o = i * k;
            for (int a = 0; a < k; a++) {
                double s = 0;
                for (int b = 0; b < k; b++) {
                    s += f[o + b] * q[b * k + a];
                }
                out[o + a] = s;
            }
        }
    }

    /** Projects every row of F (rows×k, modified) onto the constraint set. */
    static void project(double[] f, int rows, int k, RowConstraint constraint) {
        if (constraint == RowConstraint.NONNEGATIVE) {
            for (int e = 0; e < f.length; e++) {
                if (!(f[e] > 0)) {
                    f[e] = 0.0;
                }
            }
            return;
        }
        double[] sorted = new double[k];
        for (int i = 0; i < rows; i++) {
            projectSimplex(f, i * k, k, sorted);
        }
    }

    /**
     * Euclidean projection of f[o..o+k) onto {x ≥ 0, Σx = 1} (Held, Wolfe &amp; Crowder 1974; Duchi et al.
     * 2008): with u sorted decreasingly, ρ = max{j : u_j − (Σ_{i≤j} u_i − 1)/j &gt; 0},
     * θ = (Σ_{i≤ρ} u_i − 1)/ρ, x = max(f − θ, 0).
     */
    static void projectSimplex(double[] f, int o, int k, double[] work) {
        System.arraycopy(f, o, work, 0, k);
        Arrays.sort(work);
        double cumulative = 0;
        double theta = 0;
        for (int j = 1; j <= k; j++) {
            double u = work[k - j];
            cumulative += u;
            double t = (cumulative - 1) / j;
            if (u - t > 0) {
                theta = t;
            }
        }
        for (int a = 0; a < k; a++) {
            f[o + a] = Math.max(f[o + a] - theta, 0.0);
        }
    }

    /** @return the largest eigenvalue of the symmetric positive semidefinite k×k matrix Q (Jacobi sweeps) */
    static double maxEigenvalue(double[] q, int k) {
        double[] a = q.clone();
        for (int sweep = 0; sweep < 60; sweep++) {
            double off = 0;
            for (int p = 0; p < k; p++) {
                for (int r = p + 1; r < k; r++) {
                    off += a[p * k + r] * a[p * k + r];
                }
            }
            if (off < 1e-30) {
                break;
            }
            for (int p = 0; p < k; p++) {
                for (int r = p + 1; r < k; r++) {
                    double apr = a[p * k + r];
                    if (apr == 0.0) {
                        continue;
                    }
                    double app = a[p * k + p];
                    double arr = a[r * k + r];
                    double tau = (arr - app) / (2 * apr);
                    double t = Math.signum(tau) / (Math.abs(tau) + Math.sqrt(1 + tau * tau));
                    if (tau == 0) {
                        t = 1;
                    }
                    double cs = 1 / Math.sqrt(1 + t * t);
                    double sn = t * cs;
                    for (int i = 0; i < k; i++) {
                        double aip = a[i * k + p];
                        double air = a[i * k + r];
                        a[i * k + p] = cs * aip - sn * air;
                        a[i * k + r] = sn * aip + cs * air;
                    }
                    for (int i = 0; i < k; i++) {
                        double api = a[p * k + i];
                        double ari = a[r * k + i];
                        a[p * k + i] = cs * api - sn * ari;
                        a[r * k + i] = sn * api + cs * ari;
                    }
                }
            }
        }
        double max = 0;
        for (int i = 0; i < k; i++) {
            max = Math.max(max, a[i * k + i]);
        }
        return max;
    }
}
