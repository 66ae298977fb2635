package dev.tacit.model.deep;

/** Initializations of a {@link DeepProduct}, as in the official code of Arora et al. 2019 ({@code init_model}). */
public enum Init {
    /**
     * Every layer i.i.d. N(0, s²) with {@code s = scale^(1/N)/√n} (n = the layer's input width), so that
     * ‖W(0)‖_F ≈ scale·√n for square layers. Used for Figs. 1-2 of the paper.
     */
    GAUSSIAN,
    /** Every layer {@code scale^(1/N)·I} (rectangular layers: ones on the main diagonal), so W(0) = scale·I. Balanced. */
    IDENTITY,
    /**
     * Balanced from the SVD of a random product: draw a Gaussian end-to-end matrix M with ‖M‖_F ≈ scale·√n,
     * take M = U·S·Vᵀ (thin, k = min width) and set W_1 = S^{1/N}Vᵀ, W_j = S^{1/N}, W_N = U·S^{1/N}, so
     * W_{j+1}ᵀW_{j+1} = W_jW_jᵀ exactly (k = the smallest width; wider layers are padded with zeros).
     */
    BALANCED
}
