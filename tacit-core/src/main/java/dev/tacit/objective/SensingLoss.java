package dev.tacit.objective;

import dev.tacit.data.LinearMeasurements;
import dev.tacit.linalg.LinearOperand;
import dev.tacit.linalg.Matrix;
import dev.tacit.linalg.Transpose;

/**
 * Matrix-sensing mean squared error, as in the official code of Arora et al. 2019 ({@code main.py}):
 *
 * <pre>
 *   ℓ(W) = (1/m) Σ_k (⟨A_k, W⟩ − y_k)²                 (⟨A, W⟩ = Σ_ij A_ij W_ij; no ½)
 *   ∇ℓ(W) = (2/m) Σ_k (⟨A_k, W⟩ − y_k) A_k
 * </pre>
 *
 * Both are single matrix-vector products with the stacked operator of {@link LinearMeasurements}.
 */
public final class SensingLoss implements Objective {

    private final LinearMeasurements data;
    private final Matrix predictions;
    private final Matrix residual;

    /** @param data the measurement operator and values */
    public SensingLoss(LinearMeasurements data) {
        this.data = data;
        this.predictions = Matrix.zeros(1, data.size());
        this.residual = Matrix.zeros(1, data.size());
    }

    @Override
    public int rows() {
        return data.rows();
    }

    @Override
    public int cols() {
        return data.cols();
    }

    private synchronized double residuals(Matrix w) {
        // predictions (1×m) = vec(W)ᵀ (1×d) · 𝒜ᵀ (d×m)
        Matrix vec = w.reshape(1, w.size());
        Matrix.multiply(Transpose.NO, vec, Transpose.YES, data.operator(), predictions);
        double s = 0;
        for (int k = 0; k < data.size(); k++) {
            double r = predictions.getFlat(k) - data.value(k);
            residual.setFlat(k, r);
            s += r * r;
        }
        return s / data.size();
    }

    @Override
    public double value(Matrix w) {
        return residuals(w);
    }

    @Override
    public LinearOperand newGradient() {
        return Matrix.zeros(data.rows(), data.cols());
    }

    @Override
    public synchronized double valueAndGradient(Matrix w, LinearOperand gradient) {
        double loss = residuals(w);
        Matrix g = (Matrix) gradient;
        // vec(G) (1×d) = (2/m) r (1×m) · 𝒜 (m×d)
        Matrix gRow = g.reshape(1, g.size());
        Matrix.multiply(2.0 / data.size(), Transpose.NO, residual, Transpose.NO, data.operator(), 0.0, gRow);
        return loss;
    }
}
