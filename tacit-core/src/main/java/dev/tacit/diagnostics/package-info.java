/**
 * Measures that make implicit regularization visible (effective rank, nuclear norm, Schatten
 * quasi-norms, singular values, balancedness, reconstruction error), as pluggable
 * {@link dev.tacit.diagnostics.Diagnostic}s evaluated at logged iterations.
 */
package dev.tacit.diagnostics;
