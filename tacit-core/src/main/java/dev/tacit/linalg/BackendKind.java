package dev.tacit.linalg;

/** The numeric backends tacit can run on. */
public enum BackendKind {
    /** Native OpenBLAS 0.3.31 (GEMM, LAPACKE SVD) through the JavaCPP presets; matrices off-heap. */
    NATIVE_OPENBLAS,
    /** Pure Java: dev.ludovic.netlib's Java BLAS for GEMM and EJML for the SVD; matrices on the heap. */
    PURE_JAVA;

    /**
     * Parses the value of the {@code tacit.backend} property.
     *
     * @param value {@code native}, {@code java} or {@code auto} (case-insensitive)
     * @return the kind, or {@code null} for {@code auto}
     * @throws IllegalArgumentException for any other value
     */
    public static BackendKind parse(String value) {
        switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "native":
            case "openblas":
                return NATIVE_OPENBLAS;
            case "java":
            case "pure-java":
                return PURE_JAVA;
            case "auto":
            case "":
                return null;
            default:
                throw new IllegalArgumentException(
                        "unknown backend '" + value + "' (expected native, java or auto)");
        }
    }
}
