package dev.tacit.model.nmf;

import dev.tacit.linalg.Backend;
import dev.tacit.linalg.Backends;
import dev.tacit.linalg.EntryKernels;
import dev.tacit.linalg.EntryPattern;
import dev.tacit.linalg.Matrix;
import dev.tacit.linalg.Svd;
import dev.tacit.linalg.SvdMode;
import dev.tacit.linalg.Transpose;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;

/**
 * The top-k singular triplets of X (n×m) for {@link NmfInit}. Small matrices (min(n, m) ≤
 * {@link #EXACT_MAX_DIMENSION}) use the exact thin SVD ({@link Matrix#svd}); larger ones a randomized
 * SVD with scikit-learn's {@code randomized_svd} parameters (Halko, Martinsson, Tropp 2011): l = k +
 * {@link #OVERSAMPLES} Gaussian test vectors, q power iterations (7 when k &lt; 0.1·min(n, m), else 4),
 * Q = orth(X Ω), then q times Q = orth(X orth(XᵀQ)), and the SVD of QᵀX. Orthonormalization is modified
 * Gram–Schmidt applied twice (sklearn normalizes with LU and a final QR; the subspaces agree). Signs of
 * the singular vectors are whatever the SVD returns: NNDSVD does not depend on them.
 *
 * @param u top-k left singular vectors, n×k row-major
 * @param s the k largest singular values, non-increasing
 * @param vt top-k right singular vectors, k×m row-major
 */
record TruncatedSvd(double[] u, double[] s, double[] vt) {

    /** Up to this smaller dimension the exact SVD is used. */
    static final int EXACT_MAX_DIMENSION = 300;
    /** sklearn's {@code n_oversamples}. */
    static final int OVERSAMPLES = 10;

    static TruncatedSvd of(Matrix x, int k, long seed) {
        int n = x.rows();
        int m = x.cols();
        if (Math.min(n, m) <= EXACT_MAX_DIMENSION || k + OVERSAMPLES >= Math.min(n, m)) {
            return top(x.svd(SvdMode.THIN), n, m, k, null);
        }
        return randomized(n, m, k, seed, x.backend(),
                (in, out) -> Matrix.multiply(Transpose.NO, x, Transpose.NO, in, out),
                (in, out) -> Matrix.multiply(Transpose.YES, x, Transpose.NO, in, out));
    }

    /**
     * The randomized SVD of a sparse X given by its stored entries (never densified): as {@link #of} with
     * l = min(k + {@value #OVERSAMPLES}, min(n, m)) (exact in exact arithmetic when l = min(n, m)).
     */
    static TruncatedSvd ofSparse(EntryPattern pattern, double[] values, int k, long seed) {
        return randomized(pattern.rows(), pattern.cols(), k, seed, Backends.get(),
                (in, out) -> EntryKernels.rowScatter(pattern, values, in, out),
                (in, out) -> EntryKernels.colScatter(pattern, values, in, out));
    }

    /**
     * @param times (Ω m×l, out n×l) ↦ out = X·Ω
     * @param transposeTimes (Y n×l, out m×l) ↦ out = Xᵀ·Y
     */
    private static TruncatedSvd randomized(int n, int m, int k, long seed, Backend backend,
                                           BiConsumer<Matrix, Matrix> times, BiConsumer<Matrix, Matrix> transposeTimes) {
        int l = Math.min(k + OVERSAMPLES, Math.min(n, m));
        int q = k < 0.1 * Math.min(n, m) ? 7 : 4;
        SplittableRandom rng = new SplittableRandom(seed);
        Matrix omega = Matrix.zeros(backend, m, l);
        for (int e = 0; e < omega.size(); e++) {
            omega.setFlat(e, rng.nextGaussian());
        }
        Matrix y = Matrix.zeros(backend, n, l);
        Matrix z = Matrix.zeros(backend, m, l);
        times.accept(omega, y);
        orthonormalize(y);
        for (int it = 0; it < q; it++) {
            transposeTimes.accept(y, z);
            orthonormalize(z);
            times.accept(z, y);
            orthonormalize(y);
        }
        transposeTimes.accept(y, z); // z = XᵀQ = (QᵀX)ᵀ, m×l
        Matrix b = z.transpose(); // l×m
        Svd small = b.svd(SvdMode.THIN);
        return top(small, l, m, k, y);
    }

    /** First k triplets; with q given, U = Q·U_small. */
    private static TruncatedSvd top(Svd svd, int rows, int m, int k, Matrix q) {
        int r = svd.size();
        double[] uAll = svd.u().toArray(); // rows×r
        double[] s = new double[k];
        double[] vt = new double[k * m];
        double[] vAll = svd.vt().toArray(); // r×m
        for (int t = 0; t < k; t++) {
            s[t] = svd.value(t);
            System.arraycopy(vAll, t * m, vt, t * m, m);
        }
        int n = q == null ? rows : q.rows();
        double[] u = new double[n * k];
        if (q == null) {
            for (int i = 0; i < n; i++) {
                System.arraycopy(uAll, i * r, u, i * k, k);
            }
        } else {
            double[] qa = q.toArray(); // n×rows
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < rows; c++) {
                    double qv = qa[i * rows + c];
                    for (int t = 0; t < k; t++) {
                        u[i * k + t] += qv * uAll[c * r + t];
                    }
                }
            }
        }
        return new TruncatedSvd(u, s, vt);
    }

    /**
     * Orthonormalizes the columns of a, modifies a: Cholesky QR twice (G = AᵀA = RᵀR, A ← A·R⁻¹, all heavy work in
     * two BLAS products), which for the well-conditioned blocks of a power iteration is as accurate as
     * Gram–Schmidt and much faster; when G is not numerically positive definite (A of lower rank than its width,
     * e.g. an exactly low-rank X) it falls back to {@link #gramSchmidt}.
     */
    private static void orthonormalize(Matrix a) {
        for (int pass = 0; pass < 2; pass++) {
            if (!choleskyQrStep(a)) {
                gramSchmidt(a);
                return;
            }
        }
    }

    /** One step A ← A·R⁻¹ with RᵀR = AᵀA; false (a unchanged) if a pivot is below 1e-10 of the largest. */
    private static boolean choleskyQrStep(Matrix a) {
        int l = a.cols();
        Matrix gram = Matrix.zeros(a.backend(), l, l);
        Matrix.multiply(Transpose.YES, a, Transpose.NO, a, gram);
        double[] g = gram.toArray();
        double maxDiag = 0;
        for (int c = 0; c < l; c++) {
            maxDiag = Math.max(maxDiag, g[c * l + c]);
        }
        if (!(maxDiag > 0) || !Double.isFinite(maxDiag)) {
            return false;
        }
        double[] r = new double[l * l]; // upper triangular, G = RᵀR
        for (int i = 0; i < l; i++) {
            for (int j = i; j < l; j++) {
                double s = g[i * l + j];
                for (int p = 0; p < i; p++) {
                    s -= r[p * l + i] * r[p * l + j];
                }
                if (i == j) {
                    if (!(s > 1e-10 * maxDiag)) {
                        return false;
                    }
                    r[i * l + i] = Math.sqrt(s);
                } else {
                    r[i * l + j] = s / r[i * l + i];
                }
            }
        }
        double[] inv = new double[l * l]; // R⁻¹, upper triangular, by back substitution column by column
        for (int j = 0; j < l; j++) {
            inv[j * l + j] = 1.0 / r[j * l + j];
            for (int i = j - 1; i >= 0; i--) {
                double s = 0;
                for (int p = i + 1; p <= j; p++) {
                    s += r[i * l + p] * inv[p * l + j];
                }
                inv[i * l + j] = -s / r[i * l + i];
            }
        }
        Matrix rInv = Matrix.fromRowMajor(l, l, inv);
        Matrix out = Matrix.zeros(a.backend(), a.rows(), l);
        Matrix.multiply(Transpose.NO, a, Transpose.NO, rInv, out);
        a.copyFrom(out);
        return true;
    }

    /**
     * Orthonormalizes the columns of a (modified Gram–Schmidt, twice). Modifies a. The columns are copied out
     * into contiguous arrays first, so that every inner loop runs over consecutive memory (and vectorises).
     */
    private static void gramSchmidt(Matrix a) {
        int n = a.rows();
        int l = a.cols();
        double[] v = a.toArray();
        double[][] col = new double[l][n];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < l; c++) {
                col[c][i] = v[i * l + c];
            }
        }
        for (int pass = 0; pass < 2; pass++) {
            for (int c = 0; c < l; c++) {
                double[] vc = col[c];
                for (int p = 0; p < c; p++) {
                    double[] vp = col[p];
                    double d = 0;
                    for (int i = 0; i < n; i++) {
                        d += vp[i] * vc[i];
                    }
                    for (int i = 0; i < n; i++) {
                        vc[i] -= d * vp[i];
                    }
                }
                double norm = 0;
                for (int i = 0; i < n; i++) {
                    norm += vc[i] * vc[i];
                }
                norm = Math.sqrt(norm);
                if (norm > 0) {
                    for (int i = 0; i < n; i++) {
                        vc[i] /= norm;
                    }
                }
            }
        }
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < l; c++) {
                v[i * l + c] = col[c][i];
            }
        }
        FactorSweeps.store(v, a);
    }
}
