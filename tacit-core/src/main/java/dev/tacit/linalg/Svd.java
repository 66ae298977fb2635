package dev.tacit.linalg;

/**
 * A (thin) singular value decomposition {@code A = U·diag(σ)·Vᵀ}.
 *
 * @param singularValues σ₁ ≥ σ₂ ≥ … ≥ σ_k ≥ 0, k = min(m, n) (a copy is returned by the accessor)
 * @param u the m×k left factor, or {@code null} when only values were computed
 * @param vt the k×n right factor Vᵀ, or {@code null} when only values were computed
 */
public record Svd(double[] singularValues, Matrix u, Matrix vt) {

    /** @return a defensive copy of the singular values, non-increasing */
    @Override
    public double[] singularValues() {
        return singularValues.clone();
    }

    /** @return the number of singular values, min(m, n) */
    public int size() {
        return singularValues.length;
    }

    /** @param i index from 0 @return σ_{i+1} */
    public double value(int i) {
        return singularValues[i];
    }
}
