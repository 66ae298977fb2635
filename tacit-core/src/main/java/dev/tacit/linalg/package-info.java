/**
 * Dense and sparse matrices and the numeric backend behind them.
 *
 * <p>This is the only package that touches a numeric library. Two backends implement
 * {@link dev.tacit.linalg.Backend}: native OpenBLAS through the JavaCPP presets
 * ({@link dev.tacit.linalg.BackendKind#NATIVE_OPENBLAS}, matrices held off-heap in direct buffers,
 * one BLAS thread) and a pure-Java fallback ({@link dev.tacit.linalg.BackendKind#PURE_JAVA}: netlib's
 * Java BLAS for GEMM, EJML for the SVD). The backend is chosen once per JVM by
 * {@link dev.tacit.linalg.Backends#get()}: the system property {@code tacit.backend} (or the
 * environment variable {@code TACIT_BACKEND}) forces {@code native} or {@code java}; by default the
 * native backend is used when its library loads, the Java one otherwise.
 *
 * <p>Matrices are row-major. Methods say which arguments they modify.
 */
package dev.tacit.linalg;
