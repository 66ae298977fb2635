package dev.tacit.linalg;

import java.nio.DoubleBuffer;

/**
 * Products restricted to an {@link EntryPattern} Ω, the kernels of models that never form their n₁×n₂
 * end-to-end matrix (ratings data: 943×1682 with 5 % observed, or millions of users):
 *
 * <pre>
 *   sampledDots:  out_e = ⟨A_{row(e),:}, B_{col(e),:}⟩             (A·Bᵀ sampled on Ω, "SDDMM")
 *   rowScatter:   OUT = S·B,   OUT_{i,:} = Σ_{e: row(e)=i} w_e B_{col(e),:}
 *   colScatter:   OUT = Sᵀ·A,  OUT_{j,:} = Σ_{e: col(e)=j} w_e A_{row(e),:}
 * </pre>
 *
 * with S the sparse matrix holding w_e at (row(e), col(e)). Each costs m·k multiply-adds for factor
 * width k. The work is split into two halves of output rows (or entries) on {@link Workers}; each output
 * element is summed in a fixed order, so results do not depend on the thread count.
 */
public final class EntryKernels {

    private EntryKernels() {
    }

    /**
     * out_e = ⟨A_{row(e),:}, B_{col(e),:}⟩.
     *
     * @param a n₁×k
     * @param b n₂×k
     * @param pattern Ω over n₁×n₂
     * @param out length m (modified)
     */
    public static void sampledDots(Matrix a, Matrix b, EntryPattern pattern, double[] out) {
        int k = a.cols();
        check(a, pattern.rows(), k, "A");
        check(b, pattern.cols(), k, "B");
        if (out.length != pattern.size()) {
            throw new IllegalArgumentException("output has length " + out.length + ", pattern " + pattern.size());
        }
        double[] av = heap(a);
        double[] bv = heap(b);
        int[] r = pattern.rowArray();
        int[] c = pattern.colArray();
        int m = pattern.size();
        int half = m / 2;
        fork((long) m * k, () -> dots(av, bv, r, c, k, 0, half, out), () -> dots(av, bv, r, c, k, half, m, out));
    }

    private static void dots(double[] a, double[] b, int[] r, int[] c, int k, int from, int to, double[] out) {
        for (int e = from; e < to; e++) {
            int ao = r[e] * k;
            int bo = c[e] * k;
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            int t = 0;
            for (; t + 3 < k; t += 4) {
                s0 += a[ao + t] * b[bo + t];
                s1 += a[ao + t + 1] * b[bo + t + 1];
                s2 += a[ao + t + 2] * b[bo + t + 2];
                s3 += a[ao + t + 3] * b[bo + t + 3];
            }
            for (; t < k; t++) {
                s0 += a[ao + t] * b[bo + t];
            }
            out[e] = (s0 + s1) + (s2 + s3);
        }
    }

    /**
     * OUT = S·B with S_{row(e),col(e)} = w_e (summed over repeated positions).
     *
     * @param pattern Ω over n₁×n₂
     * @param w values, length m
     * @param b n₂×k
     * @param out n₁×k (overwritten)
     */
    public static void rowScatter(EntryPattern pattern, double[] w, Matrix b, Matrix out) {
        int k = b.cols();
        check(b, pattern.cols(), k, "B");
        check(out, pattern.rows(), k, "OUT");
        scatter(pattern.rowPtr(), pattern.byRow(), pattern.colArray(), w, heap(b), k, out);
    }

    /**
     * OUT = Sᵀ·A with S_{row(e),col(e)} = w_e.
     *
     * @param pattern Ω over n₁×n₂
     * @param w values, length m
     * @param a n₁×k
     * @param out n₂×k (overwritten)
     */
    public static void colScatter(EntryPattern pattern, double[] w, Matrix a, Matrix out) {
        int k = a.cols();
        check(a, pattern.rows(), k, "A");
        check(out, pattern.cols(), k, "OUT");
        scatter(pattern.colPtr(), pattern.byCol(), pattern.rowArray(), w, heap(a), k, out);
    }

    /**
     * Sums of w over each row: out_i = Σ_{e: row(e)=i} w_e.
     *
     * @param pattern Ω
     * @param w values, length m
     * @param out length n₁ (overwritten)
     */
    public static void rowSums(EntryPattern pattern, double[] w, double[] out) {
        sums(pattern.rowPtr(), pattern.byRow(), w, out);
    }

    /**
     * Sums of w over each column: out_j = Σ_{e: col(e)=j} w_e.
     *
     * @param pattern Ω
     * @param w values, length m
     * @param out length n₂ (overwritten)
     */
    public static void colSums(EntryPattern pattern, double[] w, double[] out) {
        sums(pattern.colPtr(), pattern.byCol(), w, out);
    }

    private static void sums(int[] ptr, int[] order, double[] w, double[] out) {
        for (int i = 0; i + 1 < ptr.length; i++) {
            double s = 0;
            for (int p = ptr[i]; p < ptr[i + 1]; p++) {
                s += w[order[p]];
            }
            out[i] = s;
        }
    }

    private static void scatter(int[] ptr, int[] order, int[] other, double[] w, double[] src, int k, Matrix out) {
        int n = ptr.length - 1;
        DoubleBuffer ob = out.buffer();
        boolean direct = ob.hasArray() && ob.arrayOffset() == 0;
        double[] dst = direct ? ob.array() : new double[n * k];
        if (direct) {
            java.util.Arrays.fill(dst, 0, n * k, 0.0);
        }
        // split the output rows so that both halves hold about the same number of entries
        int total = ptr[n];
        int split = 0;
        while (split < n && ptr[split] < total / 2) {
            split++;
        }
        int mid = split;
        fork((long) total * k, () -> scatterRange(ptr, order, other, w, src, k, 0, mid, dst),
                () -> scatterRange(ptr, order, other, w, src, k, mid, n, dst));
        if (!direct) {
            ob.put(0, dst, 0, n * k);
        }
    }

    /**
     * Output row by output row. The row is summed in a local buffer from a copy of each source row: with both at
     * offset 0 the JIT vectorises the k-wide multiply-add (with two different offsets it does not), about 1.5×
     * faster; the sums, and their order, are those of the plain loop.
     */
    private static void scatterRange(int[] ptr, int[] order, int[] other, double[] w, double[] src, int k,
                                     int from, int to, double[] dst) {
        double[] acc = new double[k];
        double[] row = new double[k];
        for (int i = from; i < to; i++) {
            if (ptr[i] == ptr[i + 1]) {
                continue; // dst is zero there already: a mini-batch touches few of the output rows
            }
            java.util.Arrays.fill(acc, 0.0);
            for (int p = ptr[i]; p < ptr[i + 1]; p++) {
                int e = order[p];
                double v = w[e];
                System.arraycopy(src, other[e] * k, row, 0, k);
                for (int t = 0; t < k; t++) {
                    acc[t] += v * row[t];
                }
            }
            System.arraycopy(acc, 0, dst, i * k, k);
        }
    }

    /**
     * Below this many multiply-adds a kernel runs on the calling thread: a fork costs a few µs even when
     * the helper is spinning, and far more on a busy machine, which is more than a small kernel takes.
     */
    static final long PARALLEL_MIN_WORK = 32_768;

    private static void fork(long work, Runnable first, Runnable second) {
        if (work < PARALLEL_MIN_WORK) {
            first.run();
            second.run();
        } else {
            Workers.run(first, second);
        }
    }

    private static void check(Matrix m, int rows, int cols, String name) {
        if (m.rows() != rows || m.cols() != cols) {
            throw new IllegalArgumentException(name + " is " + m.rows() + "x" + m.cols() + ", expected " + rows + "x"
                    + cols);
        }
    }

    /**
     * The matrix's values as a heap array: the array itself for {@link Matrix#onHeap} matrices, else a bulk
     * copy (the loops above vectorise on arrays, not on buffers). Read only.
     */
    private static double[] heap(Matrix m) {
        DoubleBuffer buf = m.buffer();
        if (buf.hasArray() && buf.arrayOffset() == 0) {
            return buf.array();
        }
        double[] out = new double[m.size()];
        buf.get(0, out, 0, out.length);
        return out;
    }
}
