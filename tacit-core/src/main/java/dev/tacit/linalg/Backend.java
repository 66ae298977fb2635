package dev.tacit.linalg;

import java.nio.DoubleBuffer;

/**
 * The closed set of numeric primitives the rest of tacit is built on (the service-provider interface
 * of this package). All matrices are row-major and stored in a {@link DoubleBuffer} allocated by
 * {@link #allocate(int)}; a backend only ever receives buffers it allocated itself.
 *
 * <p>Implementations are thread-safe: independent calls may run concurrently on different outputs.
 */
public interface Backend {

    /** @return which backend this is */
    BackendKind kind();

    /** @return a short human-readable description (library, version, core type, threads) */
    String describe();

    /**
     * Allocates zeroed storage for {@code length} doubles (off-heap for native backends).
     *
     * @param length number of doubles
     * @return a buffer with position 0 and limit {@code length}
     */
    DoubleBuffer allocate(int length);

    /**
     * General matrix product {@code C = alpha·op(A)·op(B) + beta·C} on row-major storage.
     *
     * @param ta whether A is transposed
     * @param tb whether B is transposed
     * @param m rows of op(A) and C
     * @param n columns of op(B) and C
     * @param k columns of op(A), rows of op(B)
     * @param alpha scale of the product
     * @param a storage of A (not modified), leading dimension {@code lda}
     * @param lda row stride of A as stored
     * @param b storage of B (not modified)
     * @param ldb row stride of B as stored
     * @param beta scale of the previous C
     * @param c storage of C (modified)
     * @param ldc row stride of C
     */
    void gemm(Transpose ta, Transpose tb, int m, int n, int k, double alpha, DoubleBuffer a, int lda,
              DoubleBuffer b, int ldb, double beta, DoubleBuffer c, int ldc);

    /** {@code y = alpha·x + y} over the first {@code n} entries. Modifies y. */
    void axpy(int n, double alpha, DoubleBuffer x, DoubleBuffer y);

    /** @return {@code Σ x_i y_i} over the first {@code n} entries */
    double dot(int n, DoubleBuffer x, DoubleBuffer y);

    /** {@code x = alpha·x} over the first {@code n} entries. Modifies x. */
    void scal(int n, double alpha, DoubleBuffer x);

    /**
     * Singular value decomposition of an {@code m×n} row-major matrix.
     *
     * @param m rows
     * @param n columns
     * @param a the matrix (not modified)
     * @param mode {@link SvdMode#VALUES} or {@link SvdMode#THIN} (also U m×k and Vᵀ k×n, k = min(m, n))
     * @return singular values in non-increasing order and, for THIN, the factors
     * @throws ArithmeticException if the decomposition fails to converge
     */
    Svd svd(int m, int n, DoubleBuffer a, SvdMode mode);
}
