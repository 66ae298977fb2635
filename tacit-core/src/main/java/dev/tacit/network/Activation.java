package dev.tacit.network;

import dev.tacit.linalg.Matrix;

/** The element-wise nonlinearity applied after every hidden layer. */
public enum Activation {

    /** σ(z) = max(z, 0); its derivative is taken as 0 at z = 0. */
    RELU,
    /** σ(z) = z. */
    IDENTITY;

    /**
     * @param z pre-activations (not modified)
     * @return σ(z), a new matrix
     */
    public Matrix apply(Matrix z) {
        Matrix out = z.copy();
        if (this == RELU) {
            for (int k = 0; k < out.size(); k++) {
                if (out.getFlat(k) < 0) {
                    out.setFlat(k, 0.0);
                }
            }
        }
        return out;
    }

    /**
     * @param z the pre-activations of the forward pass (not modified)
     * @param gradOutput ∂ℓ/∂σ(z) (not modified)
     * @return ∂ℓ/∂z = σ'(z) ⊙ gradOutput, a new matrix
     */
    public Matrix backward(Matrix z, Matrix gradOutput) {
        Matrix out = gradOutput.copy();
        if (this == RELU) {
            for (int k = 0; k < out.size(); k++) {
                if (!(z.getFlat(k) > 0)) {
                    out.setFlat(k, 0.0);
                }
            }
        }
        return out;
    }
}
