package dev.tacit.linalg;

/**
 * How a product with a {@link SparseMatrix} is computed. The result is the same up to rounding; only
 * speed differs. Chosen with the system property {@code tacit.sparse.kernel}.
 */
public enum SparseKernel {
    /**
     * {@link #SPARSE} below a density threshold per backend, {@link #DENSE_GEMM} above it (the threshold
     * is where the two are equally fast on the reference machine; see docs/BENCHMARKS.md).
     */
    AUTO,
    /** Loops over the stored entries only: O(nnz·n) multiply-adds. */
    SPARSE,
    /**
     * Expands the entries into a reusable dense work matrix and calls GEMM: O(rows·cols·n) but at BLAS
     * speed, which wins above a few percent density.
     */
    DENSE_GEMM;

    /** Density from which AUTO uses GEMM on native OpenBLAS (GEMM ~50 GFLOP/s vs ~1 for the loop). */
    static final double NATIVE_DENSE_THRESHOLD = 0.02;
    /** Density from which AUTO uses GEMM on the pure-Java backend (~10 GFLOP/s vs ~1). */
    static final double JAVA_DENSE_THRESHOLD = 0.10;

    /** @return the kernel named by the system property {@code tacit.sparse.kernel} (default AUTO) */
    public static SparseKernel configured() {
        String v = System.getProperty("tacit.sparse.kernel", "auto").trim().toUpperCase(java.util.Locale.ROOT);
        return switch (v) {
            case "SPARSE" -> SPARSE;
            case "DENSE", "DENSE_GEMM", "GEMM" -> DENSE_GEMM;
            default -> AUTO;
        };
    }
}
