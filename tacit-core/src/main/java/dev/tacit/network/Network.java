package dev.tacit.network;

import dev.tacit.linalg.Matrix;
import java.util.ArrayList;
import java.util.List;

/**
 * A feed-forward network {@code f = L_k ∘ σ ∘ L_{k−1} ∘ … ∘ σ ∘ L_1}: the {@link Activation} σ follows every layer
 * but the last, whose outputs are the logits (classification) or predictions (regression). Batches hold one
 * example per row.
 */
public final class Network {

    private final List<Layer> layers;
    private final Activation activation;
    private final List<Matrix> preActivations = new ArrayList<>();

    /**
     * @param layers the layers, in order; each one's inputs equal the previous one's outputs (kept by reference)
     * @param activation σ between layers
     */
    public Network(List<Layer> layers, Activation activation) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one layer");
        }
        for (int i = 1; i < layers.size(); i++) {
            if (layers.get(i).inputs() != layers.get(i - 1).outputs()) {
                throw new IllegalArgumentException("layer " + (i + 1) + " takes " + layers.get(i).inputs()
                        + " inputs but layer " + i + " gives " + layers.get(i - 1).outputs());
            }
        }
        this.layers = List.copyOf(layers);
        this.activation = activation;
    }

    /** @return the layers (live; not a copy) */
    public List<Layer> layers() {
        return layers;
    }

    /** @return σ */
    public Activation activation() {
        return activation;
    }

    /** @return input width */
    public int inputs() {
        return layers.get(0).inputs();
    }

    /** @return output width */
    public int outputs() {
        return layers.get(layers.size() - 1).outputs();
    }

    /**
     * @param x batch, n×inputs (not modified)
     * @return the outputs, n×outputs (the layers remember this pass for {@link #backward})
     */
    public Matrix forward(Matrix x) {
        preActivations.clear();
        Matrix h = x;
        for (int i = 0; i < layers.size(); i++) {
            Matrix z = layers.get(i).forward(h);
            if (i < layers.size() - 1) {
                preActivations.add(z);
                h = activation.apply(z);
            } else {
                h = z;
            }
        }
        return h;
    }

    /**
     * Back-propagates ∂ℓ/∂outputs of the last {@link #forward} through every layer, filling their gradients.
     *
     * @param gradOutput ∂ℓ/∂f(X) (not modified)
     */
    public void backward(Matrix gradOutput) {
        Matrix g = gradOutput;
        for (int i = layers.size() - 1; i >= 0; i--) {
            g = layers.get(i).backward(g);
            if (i > 0) {
                g = activation.backward(preActivations.get(i - 1), g);
            }
        }
    }

    /**
     * One forward and backward pass.
     *
     * @param x batch (not modified)
     * @param targets targets, n×outputs (not modified)
     * @param loss the loss
     * @return the loss of the batch; every layer's gradients hold ∂ℓ/∂θ
     */
    public double lossAndGradients(Matrix x, Matrix targets, NetworkLoss loss) {
        Matrix out = forward(x);
        Matrix g = Matrix.onHeap(out.rows(), out.cols());
        double value = loss.valueAndGradient(out, targets, g);
        backward(g);
        return value;
    }

    /** @return every trainable block of every layer, in layer order (live) */
    public List<Matrix> parameters() {
        List<Matrix> all = new ArrayList<>();
        for (Layer l : layers) {
            all.addAll(l.parameters());
        }
        return all;
    }

    /** @return the gradient blocks matching {@link #parameters()} (live) */
    public List<Matrix> gradients() {
        List<Matrix> all = new ArrayList<>();
        for (Layer l : layers) {
            all.addAll(l.gradients());
        }
        return all;
    }

    /** Projects every layer onto its feasible set. Modifies this. */
    public void project() {
        for (Layer l : layers) {
            l.project();
        }
    }

    /** @return the number of trainable scalars */
    public int parameterCount() {
        return layers.stream().mapToInt(Layer::parameterCount).sum();
    }

    /**
     * @param index the layer to replace, from 0
     * @param layer its replacement (same widths; kept by reference)
     * @return a new network sharing every other layer with this one
     */
    public Network withLayer(int index, Layer layer) {
        Layer old = layers.get(index);
        if (layer.inputs() != old.inputs() || layer.outputs() != old.outputs()) {
            throw new IllegalArgumentException("replacement layer is " + layer.inputs() + " -> " + layer.outputs()
                    + ", the layer is " + old.inputs() + " -> " + old.outputs());
        }
        List<Layer> copy = new ArrayList<>(layers);
        copy.set(index, layer);
        return new Network(copy, activation);
    }

    /** @return an independent deep copy */
    public Network copy() {
        return new Network(layers.stream().map(Layer::copy).toList(), activation);
    }

    @Override
    public String toString() {
        return "Network" + layers + " with " + activation;
    }
}
