package dev.tacit.model.factored;

/** Which offsets a {@link FactoredProduct} adds to its product: ŷ_ui = μ + b_u + b_i + (U·H···Vᵀ)_ui. */
public enum BiasTerms {
    /** ŷ = (U·H···Vᵀ)_ui. */
    NONE,
    /** ŷ = μ + (U·H···Vᵀ)_ui, with μ fixed (the mean of the training values). */
    MEAN,
    /** ŷ = μ + b_u + b_i + (U·H···Vᵀ)_ui, with learned user (row) and item (column) biases. */
    MEAN_AND_BIASES
}
