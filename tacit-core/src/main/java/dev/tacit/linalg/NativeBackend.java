package dev.tacit.linalg;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas;
import org.bytedeco.openblas.global.openblas_full;

/**
 * Native OpenBLAS through the JavaCPP presets ({@code org.bytedeco:openblas}, binaries inside the jar).
 *
 * <p>Storage is off-heap: direct, native-order {@link DoubleBuffer}s, which JavaCPP hands to OpenBLAS
 * by address, so no copy is made per call. OpenBLAS runs on one thread by default (its two-thread
 * mode in 0.3.31 stalls on small 2-core machines, see docs/BENCHMARKS.md); tacit parallelises at a
 * higher level instead. The system property {@code tacit.blas.threads} overrides the count.
 */
final class NativeBackend implements Backend {

    private static final int ROW_MAJOR = openblas.CblasRowMajor;
    private final int threads;
    private final String coreName;

    private NativeBackend(int threads, String coreName) {
        this.threads = threads;
        this.coreName = coreName;
    }

    /**
     * Loads the native library.
     *
     * @return the backend
     * @throws UnsatisfiedLinkError or another {@link Throwable} when the library cannot be loaded
     */
    static NativeBackend load() {
        Loader.load(openblas_full.class);
        int threads = Integer.getInteger("tacit.blas.threads", 1);
        openblas_full.openblas_set_num_threads(threads);
        String core = openblas_full.openblas_get_corename().getString();
        // smoke test: a 1x1 product must work before we commit to this backend
        DoubleBuffer a = direct(1);
        a.put(0, 3.0);
        DoubleBuffer c = direct(1);
        openblas.cblas_dgemm(ROW_MAJOR, openblas.CblasNoTrans, openblas.CblasNoTrans, 1, 1, 1, 1.0, a, 1,
                a, 1, 0.0, c, 1);
        if (c.get(0) != 9.0) {
            throw new IllegalStateException("OpenBLAS smoke test failed");
        }
        return new NativeBackend(threads, core);
    }

    private static DoubleBuffer direct(int length) {
        return ByteBuffer.allocateDirect(Math.max(1, length) * Double.BYTES).order(ByteOrder.nativeOrder())
                .asDoubleBuffer().limit(length);
    }

    @Override
    public BackendKind kind() {
        return BackendKind.NATIVE_OPENBLAS;
    }

    @Override
    public String describe() {
        return "OpenBLAS 0.3.31 (JavaCPP presets 1.5.13), core " + coreName + ", " + threads
                + " BLAS thread(s)";
    }

    @Override
    public DoubleBuffer allocate(int length) {
        return direct(length);
    }

    private static int op(Transpose t) {
        return t == Transpose.YES ? openblas.CblasTrans : openblas.CblasNoTrans;
    }

    @Override
    public void gemm(Transpose ta, Transpose tb, int m, int n, int k, double alpha, DoubleBuffer a, int lda,
                     DoubleBuffer b, int ldb, double beta, DoubleBuffer c, int ldc) {
        if (m == 0 || n == 0) {
            return;
        }
        openblas.cblas_dgemm(ROW_MAJOR, op(ta), op(tb), m, n, k, alpha, a, Math.max(1, lda), b, Math.max(1, ldb),
                beta, c, Math.max(1, ldc));
    }

    @Override
    public void axpy(int n, double alpha, DoubleBuffer x, DoubleBuffer y) {
        openblas.cblas_daxpy(n, alpha, x, 1, y, 1);
    }

    @Override
    public double dot(int n, DoubleBuffer x, DoubleBuffer y) {
        return openblas.cblas_ddot(n, x, 1, y, 1);
    }

    @Override
    public void scal(int n, double alpha, DoubleBuffer x) {
        openblas.cblas_dscal(n, alpha, x, 1);
    }

    @Override
    public Svd svd(int m, int n, DoubleBuffer a, SvdMode mode) {
        int k = Math.min(m, n);
        DoubleBuffer work = direct(m * n);
        for (int i = 0; i < m * n; i++) {
            work.put(i, a.get(i));
        }
        DoubleBuffer s = direct(k);
        int info;
        Matrix u = null;
        Matrix vt = null;
        if (mode == SvdMode.THIN) {
            u = Matrix.zeros(this, m, k);
            vt = Matrix.zeros(this, k, n);
            info = openblas.LAPACKE_dgesdd(openblas.LAPACK_ROW_MAJOR, (byte) 'S', m, n, work, Math.max(1, n), s,
                    u.buffer(), Math.max(1, k), vt.buffer(), Math.max(1, n));
        } else {
            DoubleBuffer dummy = direct(1);
            info = openblas.LAPACKE_dgesdd(openblas.LAPACK_ROW_MAJOR, (byte) 'N', m, n, work, Math.max(1, n), s,
                    dummy, 1, dummy, 1);
        }
        if (info != 0) {
            throw new ArithmeticException("LAPACKE_dgesdd failed (info=" + info + ") on a " + m + "x" + n
                    + " matrix");
        }
        double[] values = new double[k];
        s.get(0, values);
        return new Svd(values, u, vt);
    }
}
