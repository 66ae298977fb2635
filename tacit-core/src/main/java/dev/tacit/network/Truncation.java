package dev.tacit.network;

import dev.tacit.linalg.Matrix;
import dev.tacit.linalg.Svd;
import dev.tacit.linalg.SvdMode;

/**
 * SVD pruning of one layer without retraining (Hou, Sra, Yurtsever 2025, Fig. 4): the layer's end-to-end matrix
 * W (for a UDV layer W = V·diag(w)·Uᵀ) is replaced by its best rank-r approximation in Frobenius and spectral
 * norm, {@code W_r = Σ_{i≤r} σ_i·a_i·c_iᵀ} from the SVD {@code W = A·diag(σ)·Cᵀ}; the bias is kept. The SVD is
 * computed once per layer and any rank can be taken from it.
 */
public final class Truncation {

    private final Svd svd;
    private final Matrix bias;
    private final int inputs;
    private final int outputs;

    /** @param layer the trained layer (not modified) */
    public Truncation(Layer layer) {
        Matrix w = layer.endToEnd().copyOnHeap();
        this.svd = w.svd(SvdMode.THIN);
        this.bias = layer.bias().copyOnHeap();
        this.inputs = layer.inputs();
        this.outputs = layer.outputs();
    }

    /** @return the singular values of the end-to-end matrix, non-increasing (min(in, out) of them) */
    public double[] singularValues() {
        return svd.singularValues();
    }

    /** @return the largest useful rank, min(in, out) */
    public int maxRank() {
        return svd.size();
    }

    /**
     * @param rank r in [0, {@link #maxRank()}]
     * @return a dense layer computing {@code x ↦ W_r·x + b}
     */
    public DenseLayer atRank(int rank) {
        if (rank < 0 || rank > maxRank()) {
            throw new IllegalArgumentException("rank must be in [0, " + maxRank() + "], got " + rank);
        }
        Matrix wr = Matrix.onHeap(outputs, inputs);
        Matrix a = svd.u();
        Matrix ct = svd.vt();
        for (int i = 0; i < outputs; i++) {
            for (int j = 0; j < inputs; j++) {
                double s = 0;
                for (int q = 0; q < rank; q++) {
                    s += a.get(i, q) * svd.value(q) * ct.get(q, j);
                }
                wr.set(i, j, s);
            }
        }
        return new DenseLayer(wr, bias);
    }

    /**
     * Storage of a layer kept in factored form at rank r: r·(in + out) for the two factors, plus r for a
     * diagonal (UDV layers store V, w and U), plus the out biases.
     *
     * @param inputs in
     * @param outputs out
     * @param rank r
     * @param diagonal whether a diagonal of r scalars is stored as well (the UDV form)
     * @return the parameter count
     */
    public static long factoredParameters(int inputs, int outputs, int rank, boolean diagonal) {
        return (long) rank * (inputs + outputs) + (diagonal ? rank : 0) + outputs;
    }
}
