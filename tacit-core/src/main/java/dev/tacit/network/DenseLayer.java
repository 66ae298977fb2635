package dev.tacit.network;

import dev.tacit.linalg.Matrix;
import dev.tacit.linalg.Transpose;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A plain fully connected layer, {@code x ↦ W·x + b} with W out×in and b out×1 unconstrained; on a batch
 * {@code Y = X·Wᵀ + 1·bᵀ}. Gradients for G = ∂ℓ/∂Y: {@code ∂ℓ/∂W = Gᵀ·X}, {@code ∂ℓ/∂b = Gᵀ·1},
 * {@code ∂ℓ/∂X = G·W}. Parameters: in·out + out.
 */
public final class DenseLayer implements Layer {

    private final Matrix weights;
    private final Matrix bias;
    private final Matrix gradWeights;
    private final Matrix gradBias;
    private Matrix input;

    /**
     * @param weights W, out×in (copied onto the heap)
     * @param bias b, out×1 (copied)
     */
    public DenseLayer(Matrix weights, Matrix bias) {
        Batches.checkWidths(weights.cols(), weights.rows());
        if (bias.size() != weights.rows()) {
            throw new IllegalArgumentException("bias has " + bias.size() + " entries, W has " + weights.rows()
                    + " rows");
        }
        this.weights = weights.copyOnHeap();
        this.bias = Matrix.onHeap(weights.rows(), 1);
        this.bias.copyFromFlat(bias);
        this.gradWeights = Matrix.onHeap(weights.rows(), weights.cols());
        this.gradBias = Matrix.onHeap(weights.rows(), 1);
    }

    /**
     * He initialization (He et al. 2015): W_ij ~ N(0, 2/in), b = 0.
     *
     * @param inputs in ≥ 1
     * @param outputs out ≥ 1
     * @param rng the seeded generator
     * @return the layer
     */
    public static DenseLayer he(int inputs, int outputs, RandomGenerator rng) {
        Batches.checkWidths(inputs, outputs);
        return new DenseLayer(Batches.gaussian(outputs, inputs, Math.sqrt(2.0 / inputs), rng),
                Matrix.onHeap(outputs, 1));
    }

    @Override
    public int inputs() {
        return weights.cols();
    }

    @Override
    public int outputs() {
        return weights.rows();
    }

    @Override
    public Matrix forward(Matrix x) {
        Batches.checkInput(x, inputs());
        input = x;
        Matrix y = Batches.product(Transpose.NO, x, Transpose.YES, weights);
        Batches.addRowVector(y, bias);
        return y;
    }

    @Override
    public Matrix backward(Matrix gradOutput) {
        if (input == null) {
            throw new IllegalStateException("backward before forward");
        }
        Matrix.multiply(Transpose.YES, gradOutput, Transpose.NO, input, gradWeights);
        Batches.columnSums(gradOutput, gradBias);
        return Batches.product(Transpose.NO, gradOutput, Transpose.NO, weights);
    }

    @Override
    public List<Matrix> parameters() {
        return List.of(weights, bias);
    }

    @Override
    public List<Matrix> gradients() {
        return List.of(gradWeights, gradBias);
    }

    @Override
    public void project() {
    }

    @Override
    public Matrix endToEnd() {
        return weights.copy();
    }

    @Override
    public Matrix bias() {
        return bias.copy();
    }

    @Override
    public int parameterCount() {
        return weights.size() + bias.size();
    }

    @Override
    public DenseLayer copy() {
        return new DenseLayer(weights, bias);
    }

    @Override
    public String toString() {
        return "DenseLayer(" + inputs() + " -> " + outputs() + ")";
    }
}
