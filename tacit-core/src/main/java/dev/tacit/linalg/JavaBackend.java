package dev.tacit.linalg;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.JavaBLAS;
import java.nio.DoubleBuffer;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * Pure-Java backend: storage on the Java heap, GEMM by dev.ludovic.netlib's Java BLAS (the same
 * layer Spark uses, forced to its pure-Java implementation), SVD by EJML. About 5-10x slower than
 * OpenBLAS for large products, but needs no native library.
 *
 * <p>netlib's BLAS is column-major; a row-major product {@code C = op(A)·op(B)} is computed as the
 * column-major product {@code Cᵀ = op(B)ᵀ·op(A)ᵀ}, which reads the same memory without copying.
 */
final class JavaBackend implements Backend {

    /**
     * netlib logs which native BLAS it found when its BLAS class loads; we never use that one (only
     * {@link JavaBLAS}), so the misleading INFO line is silenced. Kept in a field so the setting sticks.
     */
    private static final java.util.logging.Logger NETLIB_LOG = quiet("dev.ludovic.netlib.blas.InstanceBuilder");

    private final BLAS blas = JavaBLAS.getInstance();

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger l = java.util.logging.Logger.getLogger(name);
        l.setLevel(java.util.logging.Level.WARNING);
        return l;
    }

    @Override
    public BackendKind kind() {
        return BackendKind.PURE_JAVA;
    }

    @Override
    public String describe() {
        return "pure Java (netlib " + blas.getClass().getSimpleName() + " GEMM, EJML SVD)";
    }

    @Override
    public DoubleBuffer allocate(int length) {
        return DoubleBuffer.wrap(new double[length]);
    }

    private static String op(Transpose t) {
        return t == Transpose.YES ? "T" : "N";
    }

    @Override
    public void gemm(Transpose ta, Transpose tb, int m, int n, int k, double alpha, DoubleBuffer a, int lda,
                     DoubleBuffer b, int ldb, double beta, DoubleBuffer c, int ldc) {
        if (m == 0 || n == 0) {
            return;
        }
        // row-major C(m×n) = op(A)·op(B)  <=>  column-major Cᵀ(n×m) = op(B)ᵀ·op(A)ᵀ
        blas.dgemm(op(tb), op(ta), n, m, k, alpha, b.array(), b.arrayOffset(), Math.max(1, ldb), a.array(),
                a.arrayOffset(), Math.max(1, lda), beta, c.array(), c.arrayOffset(), Math.max(1, ldc));
    }

    @Override
    public void axpy(int n, double alpha, DoubleBuffer x, DoubleBuffer y) {
        double[] xs = x.array();
        double[] ys = y.array();
        int xo = x.arrayOffset();
        int yo = y.arrayOffset();
        for (int i = 0; i < n; i++) {
            ys[yo + i] += alpha * xs[xo + i];
        }
    }

    @Override
    public double dot(int n, DoubleBuffer x, DoubleBuffer y) {
        double[] xs = x.array();
        double[] ys = y.array();
        int xo = x.arrayOffset();
        int yo = y.arrayOffset();
        double s0 = 0;
        double s1 = 0;
        int i = 0;
        for (; i + 1 < n; i += 2) {
            s0 += xs[xo + i] * ys[yo + i];
            s1 += xs[xo + i + 1] * ys[yo + i + 1];
        }
        for (; i < n; i++) {
            s0 += xs[xo + i] * ys[yo + i];
        }
        return s0 + s1;
    }

    @Override
    public void scal(int n, double alpha, DoubleBuffer x) {
        double[] xs = x.array();
        int xo = x.arrayOffset();
        for (int i = 0; i < n; i++) {
            xs[xo + i] *= alpha;
        }
    }

    @Override
    public Svd svd(int m, int n, DoubleBuffer a, SvdMode mode) {
        int k = Math.min(m, n);
        DMatrixRMaj input = new DMatrixRMaj(m, n);
        System.arraycopy(a.array(), a.arrayOffset(), input.data, 0, m * n);
        boolean vectors = mode == SvdMode.THIN;
        SingularValueDecomposition_F64<DMatrixRMaj> dec =
                DecompositionFactory_DDRM.svd(m, n, vectors, vectors, true);
        if (!dec.decompose(input)) {
            throw new ArithmeticException("EJML SVD failed to converge on a " + m + "x" + n + " matrix");
        }
        double[] raw = dec.getSingularValues();
        Integer[] order = new Integer[k];
        for (int i = 0; i < k; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(raw[y], raw[x]));
        double[] values = new double[k];
        for (int i = 0; i < k; i++) {
            values[i] = raw[order[i]];
        }
        if (!vectors) {
            return new Svd(values, null, null);
        }
        DMatrixRMaj uu = dec.getU(null, false); // m×k
        DMatrixRMaj vv = dec.getV(null, false); // n×k
        Matrix u = Matrix.zeros(this, m, k);
        Matrix vt = Matrix.zeros(this, k, n);
        for (int c = 0; c < k; c++) {
            int src = order[c];
            for (int r = 0; r < m; r++) {
                u.set(r, c, uu.get(r, src));
            }
            for (int r = 0; r < n; r++) {
                vt.set(c, r, vv.get(r, src));
            }
        }
        return new Svd(values, u, vt);
    }
}
