package dev.tacit.model.nmf;

import dev.tacit.linalg.Matrix;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Initializations of W (n×k) and H (k×m), as scikit-learn's {@code _initialize_nmf} (1.2, eps =
 * {@link #NNDSVD_ZERO_THRESHOLD}), with a = mean(X):
 *
 * <ul>
 *   <li>{@link #RANDOM}: H = √(a/k)·|N(0,1)| (k×m, drawn first), W = √(a/k)·|N(0,1)| (n×k), from
 *   {@code new SplittableRandom(seed)} (the draws differ from numpy's);</li>
 *   <li>{@link #NNDSVD} (Boutsidis &amp; Gallopoulos, Pattern Recognition 2008): from the top-k SVD
 *   X ≈ Σ σ_j u_j v_jᵀ ({@link TruncatedSvd}), W_{:,0} = √σ₀|u₀|, H_{0,:} = √σ₀|v₀|; for j ≥ 1 with
 *   p = ‖u⁺‖‖v⁺‖, q = ‖u⁻‖‖v⁻‖ (positive and negative parts): if p &gt; q, W_{:,j} = √(σ_j p)·u⁺/‖u⁺‖,
 *   H_{j,:} = √(σ_j p)·v⁺/‖v⁺‖, else the same with the negative parts and q; finally entries
 *   &lt; 10⁻⁶ are set to 0;</li>
 *   <li>{@link #NNDSVDA}: NNDSVD with the zeros replaced by a (better for MU, which cannot move
 *   zeros);</li>
 *   <li>{@link #NNDSVDAR}: NNDSVD with the zeros of W, then of H, replaced by |a·N(0,1)/100|.</li>
 *   <li>{@link #SPA} (not in sklearn; the start of Gillis' {@code minvolNMF}, which uses its nonnegative
 *   variant SNPA): the successive projection algorithm (Araújo et al. 2001; Gillis &amp; Vavasis 2014) picks
 *   k rows of X, R ← X; for t = 1 … k: i_t = argmax_i ‖R_{i,:}‖, u = R_{i_t,:}/‖R_{i_t,:}‖, R ← R − (Ru)uᵀ;
 *   H = X_{i_1..i_k,:}, then W ≥ 0 minimizes ½‖X − WH‖² by {@value #SPA_W_STEPS} projected fast-gradient
 *   steps, started from W = the selected rows' unit vectors (0 elsewhere). Deterministic (no seed);
 *   on separable data (every vertex a row of X) it finds the vertices.</li>
 * </ul>
 *
 * <p>Sign convention: flipping a singular pair (u_j, v_j) → (−u_j, −v_j) swaps the positive and
 * negative parts and p with q, so the choice above selects the same vectors: NNDSVD is independent of
 * the signs the SVD returns (sklearn's {@code randomized_svd} flips them by {@code svd_flip}; we keep the
 * backend's), except for exact ties p = q, where both pick the negative parts of their own sign.
 * sklearn computes the SVD by {@code randomized_svd}; for min(n, m) ≤ 300 we use the exact SVD, which
 * agrees with it to the accuracy of its power iterations.
 */
public enum NmfInit {
    /** sklearn's {@code init="random"}. */
    RANDOM,
    /** sklearn's {@code init="nndsvd"}. */
    NNDSVD,
    /** sklearn's {@code init="nndsvda"}, the default. */
    NNDSVDA,
    /** sklearn's {@code init="nndsvdar"}. */
    NNDSVDAR,
    /** The successive projection algorithm (vertex hunting), for {@link NmfSolver#MIN_VOLUME}. */
    SPA;

    /** Fast-gradient steps of the W fit of {@link #SPA}. */
    public static final int SPA_W_STEPS = 200;

    /** sklearn's {@code eps} of {@code _initialize_nmf}: NNDSVD entries below it become 0. */
    public static final double NNDSVD_ZERO_THRESHOLD = 1e-6;

    /**
     * @param data X (n×m, ≥ 0; not modified)
     * @param k components, 1 ≤ k ≤ min(n, m)
     * @param seed seed of the random draws
     * @return W and H as an {@link Nmf} on the JVM's backend
     */
    public Nmf initialize(Matrix data, int k, long seed) {
        int n = data.rows();
        int m = data.cols();
        if (k < 1 || k > Math.min(n, m)) {
            throw new IllegalArgumentException("the number of components k must be in [1, min(n, m)] = [1, "
                    + Math.min(n, m) + "] for X of shape " + n + "x" + m + ", got k = " + k);
        }
        double mean = 0;
        for (int e = 0; e < data.size(); e++) {
            double v = data.getFlat(e);
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("NMF initialization needs a finite nonnegative X: X["
                        + e / m + "][" + e % m + "] = " + v);
            }
            mean += v;
        }
        mean /= data.size();
        double[] w = new double[n * k];
        double[] h = new double[k * m];
        if (this == SPA) {
            spa(data, n, m, k, w, h);
            return Nmf.of(Matrix.fromRowMajor(n, k, w), Matrix.fromRowMajor(k, m, h));
        }
        return fromSvdOrRandom(n, m, k, mean, seed, () -> TruncatedSvd.of(data, k, seed));
    }

    /**
     * The initialization for the data of an objective, dense or sparse: for a sparse X the mean is over all
     * n·m entries and the SVD of the NNDSVD variants is the randomized one on the stored entries
     * ({@link TruncatedSvd#ofSparse}); {@link #SPA} needs a dense X.
     */
    Nmf initialize(NmfObjective objective, int k, long seed) {
        if (!objective.isSparse()) {
            if (this == SPA) {
                return initialize(objective.data(), k, seed);
            }
            // X was validated by the objective, which also holds its mean; the randomized SVD's Xᵀ products are
            // transposed products on X (as sklearn's X.T @ Q): the dense MU and CD solvers never form Xᵀ
            Matrix data = objective.data();
            int n = data.rows();
            int m = data.cols();
            if (k < 1 || k > Math.min(n, m)) {
                throw new IllegalArgumentException("the number of components k must be in [1, min(n, m)] = [1, "
                        + Math.min(n, m) + "] for X of shape " + n + "x" + m + ", got k = " + k);
            }
            return fromSvdOrRandom(n, m, k, objective.dataMean(), seed,
                    () -> TruncatedSvd.of(data, k, seed));
        }
        int n = objective.rows();
        int m = objective.cols();
        if (k < 1 || k > Math.min(n, m)) {
            throw new IllegalArgumentException("the number of components k must be in [1, min(n, m)] = [1, "
                    + Math.min(n, m) + "] for X of shape " + n + "x" + m + ", got k = " + k);
        }
        if (this == SPA) {
            throw new IllegalArgumentException("init SPA needs a dense X; use RANDOM or an NNDSVD variant for sparse X");
        }
        return fromSvdOrRandom(n, m, k, objective.dataMean(), seed,
                () -> TruncatedSvd.ofSparse(objective.pattern(), objective.storedValues(), k, seed));
    }

    private Nmf fromSvdOrRandom(int n, int m, int k, double mean, long seed, Supplier<TruncatedSvd> svd) {
        double[] w = new double[n * k];
        double[] h = new double[k * m];
        SplittableRandom rng = new SplittableRandom(seed);
        if (this == RANDOM) {
            double avg = Math.sqrt(mean / k);
            for (int e = 0; e < h.length; e++) {
                h[e] = Math.abs(avg * rng.nextGaussian());
            }
            for (int e = 0; e < w.length; e++) {
                w[e] = Math.abs(avg * rng.nextGaussian());
            }
        } else {
            nndsvd(svd.get(), n, m, k, w, h);
            for (double[] f : new double[][] {w, h}) {
                for (int e = 0; e < f.length; e++) {
                    if (f[e] == 0.0) {
                        if (this == NNDSVDA) {
                            f[e] = mean;
                        } else if (this == NNDSVDAR) {
                            f[e] = Math.abs(mean * rng.nextGaussian() / 100);
                        }
                    }
                }
            }
        }
        return Nmf.of(Matrix.fromRowMajor(n, k, w), Matrix.fromRowMajor(k, m, h));
    }

    private static void spa(Matrix data, int n, int m, int k, double[] w, double[] h) {
        double[] r = data.toArray();
        double[] x = r.clone();
        int[] chosen = new int[k];
        for (int t = 0; t < k; t++) {
            int best = 0;
            double bestNorm = -1;
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < m; j++) {
                    s += r[i * m + j] * r[i * m + j];
                }
                if (s > bestNorm * (1 + 1e-12)) {
                    bestNorm = s;
                    best = i;
                }
            }
            chosen[t] = best;
            System.arraycopy(x, best * m, h, t * m, m);
            if (!(bestNorm > 0)) {
                continue;
            }
            double norm = Math.sqrt(bestNorm);
            double[] u = new double[m];
            for (int j = 0; j < m; j++) {
                u[j] = r[best * m + j] / norm;
            }
            for (int i = 0; i < n; i++) {
                double d = 0;
                for (int j = 0; j < m; j++) {
                    d += r[i * m + j] * u[j];
                }
                for (int j = 0; j < m; j++) {
                    r[i * m + j] -= d * u[j];
                }
            }
        }
        // W ≥ 0 minimizing ½‖X − WH‖²: ½⟨W, W·HHᵀ⟩ − ⟨W, XHᵀ⟩, row-major
        double[] hht = new double[k * k];
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                double s = 0;
                for (int j = 0; j < m; j++) {
                    s += h[a * m + j] * h[b * m + j];
                }
                hht[a * k + b] = s;
            }
        }
        double[] xht = new double[n * k];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < k; a++) {
                double s = 0;
                for (int j = 0; j < m; j++) {
                    s += x[i * m + j] * h[a * m + j];
                }
                xht[i * k + a] = s;
            }
        }
        for (int t = 0; t < k; t++) {
            w[chosen[t] * k + t] = 1.0;
        }
        FastGradient.minimize(w, n, k, hht, xht, FastGradient.RowConstraint.NONNEGATIVE, SPA_W_STEPS);
    }

    private static void nndsvd(TruncatedSvd svd, int n, int m, int k, double[] w, double[] h) {
        double[] u = svd.u();
        double[] vt = svd.vt();
        double s0 = Math.sqrt(svd.s()[0]);
        for (int i = 0; i < n; i++) {
            w[i * k] = s0 * Math.abs(u[i * k]);
        }
        for (int j = 0; j < m; j++) {
            h[j] = s0 * Math.abs(vt[j]);
        }
        for (int t = 1; t < k; t++) {
            double xp = 0;
            double xn = 0;
            for (int i = 0; i < n; i++) {
                double a = u[i * k + t];
                xp += a > 0 ? a * a : 0;
                xn += a < 0 ? a * a : 0;
            }
            double yp = 0;
            double yn = 0;
            for (int j = 0; j < m; j++) {
                double b = vt[t * m + j];
                yp += b > 0 ? b * b : 0;
                yn += b < 0 ? b * b : 0;
            }
            xp = Math.sqrt(xp);
            xn = Math.sqrt(xn);
            yp = Math.sqrt(yp);
            yn = Math.sqrt(yn);
            double mp = xp * yp;
            double mn = xn * yn;
            boolean positive = mp > mn;
            double sigma = positive ? mp : mn;
            double lbd = Math.sqrt(svd.s()[t] * sigma);
            double xNorm = positive ? xp : xn;
            double yNorm = positive ? yp : yn;
            for (int i = 0; i < n; i++) {
                double a = u[i * k + t];
                double part = positive ? Math.max(a, 0) : Math.abs(Math.min(a, 0));
                w[i * k + t] = lbd * part / xNorm;
            }
            for (int j = 0; j < m; j++) {
                double b = vt[t * m + j];
                double part = positive ? Math.max(b, 0) : Math.abs(Math.min(b, 0));
                h[t * m + j] = lbd * part / yNorm;
            }
        }
        for (double[] f : new double[][] {w, h}) {
            for (int e = 0; e < f.length; e++) {
                if (f[e] < NNDSVD_ZERO_THRESHOLD) {
                    f[e] = 0.0;
                }
            }
        }
    }
}
