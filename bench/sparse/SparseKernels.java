import dev.tacit.linalg.Matrix;
import dev.tacit.linalg.Transpose;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

import java.util.Arrays;
import java.util.Random;

/**
 * Can the completion gradient's sparsity beat dense GEMM? Times, for an n×n problem with m observed
 * entries (CSR), the three sparse kernels a sparse-first DMF step would use — sampled forward (SDDMM,
 * m dot products of length n), G·B and Gᵀ·A (SpMM, m row axpys of length n) — in plain Java (scalar,
 * left to C2's auto-vectorizer) and with the incubating Vector API, against one dense n×n×n product
 * through tacit's native backend (OpenBLAS, one thread). Each kernel does m·n multiply-adds; the GEMM
 * does n³. Prints microseconds per call, GFLOP/s, and the break-even density: the density below which
 * one sparse kernel costs less than one GEMM.
 */
public final class SparseKernels {
    static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        int reps = Integer.parseInt(args[1]);
        System.out.printf("n = %d, vector species %s, %d calls per timing, median of 5%n", n, S, reps);
        Matrix a = Matrix.zeros(n, n);
        Matrix b = Matrix.zeros(n, n);
        Matrix c = Matrix.zeros(n, n);
        Random r = new Random(1);
        for (int k = 0; k < n * n; k++) {
            a.setFlat(k, r.nextGaussian());
            b.setFlat(k, r.nextGaussian());
        }
        double gemm = median(() -> Matrix.multiply(Transpose.NO, a, Transpose.NO, b, c), reps);
        System.out.printf("%-28s %9.1f us  %5.1f GFLOP/s%n", "dense GEMM (native)", gemm * 1e6,
                2.0 * n * n * n / gemm / 1e9);
        for (int i = 2; i < args.length; i++) {
            int m = Integer.parseInt(args[i]);
            Csr g = Csr.random(n, m, r);
            double[] x = a.toArray();
            double[] y = b.toArray();
            double[] out = new double[n * n];
            double[] v = new double[m];
            double flops = 2.0 * m * n;
            report("SDDMM scalar", m, n, flops, gemm, median(() -> sddmmScalar(g, x, y, v), reps));
            report("SDDMM vector", m, n, flops, gemm, median(() -> sddmmVector(g, x, y, v), reps));
            report("SpMM G·B scalar", m, n, flops, gemm, median(() -> spmmScalar(g, y, out), reps));
            report("SpMM G·B vector", m, n, flops, gemm, median(() -> spmmVector(g, y, out), reps));
        }
    }

    static void report(String name, int m, int n, double flops, double gemm, double t) {
        double density = (double) m / ((double) n * n);
        double breakEven = density * gemm / t;
        System.out.printf("%-28s %9.1f us  %5.1f GFLOP/s  m = %d (density %.3f): %.2f GEMMs; break-even density %.3f%n",
                name, t * 1e6, flops / t / 1e9, m, density, t / gemm, breakEven);
    }

    static double median(Runnable task, int reps) {
        for (int w = 0; w < 3; w++) {
            for (int k = 0; k < reps; k++) task.run();
        }
        double[] t = new double[5];
        for (int s = 0; s < t.length; s++) {
            long t0 = System.nanoTime();
            for (int k = 0; k < reps; k++) task.run();
            t[s] = (System.nanoTime() - t0) / 1e9 / reps;
        }
        Arrays.sort(t);
        return t[2];
    }

    /** Compressed sparse rows of an n×n pattern with m distinct uniformly random entries. */
    record Csr(int n, int[] rowStart, int[] col, double[] val) {
        static Csr random(int n, int m, Random r) {
            boolean[] used = new boolean[n * n];
            for (int c = 0; c < m; ) {
                int k = r.nextInt(n * n);
                if (!used[k]) {
                    used[k] = true;
                    c++;
                }
            }
            int[] start = new int[n + 1];
            int[] col = new int[m];
            double[] val = new double[m];
            int c = 0;
            for (int k = 0; k < n * n; k++) {
                if (used[k]) {
                    start[k / n + 1]++;
                    col[c] = k % n;
                    val[c++] = r.nextGaussian();
                }
            }
            for (int i = 0; i < n; i++) start[i + 1] += start[i];
            return new Csr(n, start, col, val);
        }
    }

    /** v_k = x[i,:]·y[j,:] for the k-th stored entry (i, j) (y holds the right factor transposed). */
    static void sddmmScalar(Csr g, double[] x, double[] y, double[] v) {
        int n = g.n;
        for (int i = 0; i < n; i++) {
            for (int k = g.rowStart[i]; k < g.rowStart[i + 1]; k++) {
                int xi = i * n, yj = g.col[k] * n, t = 0;
                double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
                for (; t + 3 < n; t += 4) {
                    s0 += x[xi + t] * y[yj + t];
                    s1 += x[xi + t + 1] * y[yj + t + 1];
                    s2 += x[xi + t + 2] * y[yj + t + 2];
                    s3 += x[xi + t + 3] * y[yj + t + 3];
                }
                for (; t < n; t++) s0 += x[xi + t] * y[yj + t];
                v[k] = (s0 + s1) + (s2 + s3);
            }
        }
    }

    static void sddmmVector(Csr g, double[] x, double[] y, double[] v) {
        int n = g.n, bound = S.loopBound(n);
        for (int i = 0; i < n; i++) {
            for (int k = g.rowStart[i]; k < g.rowStart[i + 1]; k++) {
                int xi = i * n, yj = g.col[k] * n, t = 0;
                DoubleVector acc = DoubleVector.zero(S);
                for (; t < bound; t += S.length()) {
                    acc = DoubleVector.fromArray(S, x, xi + t).fma(DoubleVector.fromArray(S, y, yj + t), acc);
                }
                double s = acc.reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
                for (; t < n; t++) s += x[xi + t] * y[yj + t];
                v[k] = s;
            }
        }
    }

    /** out = G·y: row i of out gets Σ_k g_k · y[j_k, :]. */
    static void spmmScalar(Csr g, double[] y, double[] out) {
        int n = g.n;
        Arrays.fill(out, 0.0);
        for (int i = 0; i < n; i++) {
            int oi = i * n;
            for (int k = g.rowStart[i]; k < g.rowStart[i + 1]; k++) {
                double gv = g.val[k];
                int yj = g.col[k] * n;
                for (int t = 0; t < n; t++) out[oi + t] += gv * y[yj + t];
            }
        }
    }

    static void spmmVector(Csr g, double[] y, double[] out) {
        int n = g.n, bound = S.loopBound(n);
        Arrays.fill(out, 0.0);
        for (int i = 0; i < n; i++) {
            int oi = i * n;
            for (int k = g.rowStart[i]; k < g.rowStart[i + 1]; k++) {
                double gv = g.val[k];
                DoubleVector gb = DoubleVector.broadcast(S, gv);
                int yj = g.col[k] * n, t = 0;
                for (; t < bound; t += S.length()) {
                    DoubleVector.fromArray(S, y, yj + t).fma(gb, DoubleVector.fromArray(S, out, oi + t))
                            .intoArray(out, oi + t);
                }
                for (; t < n; t++) out[oi + t] += gv * y[yj + t];
            }
        }
    }
}
