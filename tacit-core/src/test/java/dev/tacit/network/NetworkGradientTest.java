package dev.tacit.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tacit.linalg.Matrix;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Central finite differences against the back-propagated gradients of layers, losses and a 2-layer network. */
class NetworkGradientTest {

    private static final double H = 1e-6;

    static Matrix random(int rows, int cols, SplittableRandom rng) {
        Matrix m = Matrix.onHeap(rows, cols);
        for (int k = 0; k < m.size(); k++) {
            m.setFlat(k, rng.nextGaussian());
        }
        return m;
    }

    static Matrix oneHot(int rows, int classes, SplittableRandom rng) {
        Matrix t = Matrix.onHeap(rows, classes);
        for (int i = 0; i < rows; i++) {
            t.set(i, rng.nextInt(classes), 1.0);
        }
        return t;
    }

    /** Checks every parameter entry (or 40 random ones) and, when asked, the input gradient. */
    static void check(Network net, Matrix x, Matrix t, NetworkLoss loss) {
        net.lossAndGradients(x, t, loss);
        List<Matrix> params = net.parameters();
        List<Matrix> grads = net.gradients().stream().map(Matrix::copy).toList();
        SplittableRandom rng = new SplittableRandom(11);
        for (int b = 0; b < params.size(); b++) {
            Matrix p = params.get(b);
            for (int trial = 0; trial < Math.min(40, p.size()); trial++) {
                int k = p.size() <= 40 ? trial : rng.nextInt(p.size());
                double orig = p.getFlat(k);
                p.setFlat(k, orig + H);
                double plus = loss.value(net.forward(x), t);
                p.setFlat(k, orig - H);
                double minus = loss.value(net.forward(x), t);
                p.setFlat(k, orig);
                double fd = (plus - minus) / (2 * H);
                assertEquals(fd, grads.get(b).getFlat(k), 1e-6 * Math.max(1.0, Math.abs(fd)),
                        "block " + b + " entry " + k);
            }
        }
    }

    /** ∂ℓ/∂X of one layer against finite differences in X. */
    static void checkInputGradient(Layer layer, Matrix x, Matrix t, NetworkLoss loss) {
        Matrix out = layer.forward(x);
        Matrix g = Matrix.onHeap(out.rows(), out.cols());
        loss.valueAndGradient(out, t, g);
        Matrix gx = layer.backward(g);
        for (int k = 0; k < x.size(); k++) {
            double orig = x.getFlat(k);
            x.setFlat(k, orig + H);
            double plus = loss.value(layer.forward(x), t);
            x.setFlat(k, orig - H);
            double minus = loss.value(layer.forward(x), t);
            x.setFlat(k, orig);
            assertEquals((plus - minus) / (2 * H), gx.getFlat(k), 1e-6, "input entry " + k);
        }
    }

    @Test
    void lossesMatchFiniteDifferences() {
        SplittableRandom rng = new SplittableRandom(1);
        Matrix z = random(5, 4, rng);
        for (NetworkLoss loss : NetworkLoss.values()) {
            Matrix t = loss == NetworkLoss.SQUARED ? random(5, 4, rng) : oneHot(5, 4, rng);
            Matrix g = Matrix.onHeap(5, 4);
            loss.valueAndGradient(z, t, g);
            for (int k = 0; k < z.size(); k++) {
                double orig = z.getFlat(k);
                z.setFlat(k, orig + H);
                double plus = loss.value(z, t);
                z.setFlat(k, orig - H);
                double minus = loss.value(z, t);
                z.setFlat(k, orig);
                assertEquals((plus - minus) / (2 * H), g.getFlat(k), 1e-8, loss + " entry " + k);
            }
        }
    }

    @Test
    void crossEntropyIsStableForLargeLogits() {
        Matrix z = Matrix.onHeap(1, 3);
        z.setFlat(0, 1000);
        z.setFlat(1, -1000);
        Matrix t = Matrix.onHeap(1, 3);
        t.setFlat(1, 1);
        assertEquals(2000.0, NetworkLoss.SOFTMAX_CROSS_ENTROPY.value(z, t), 1e-9);
    }

    @Test
    void denseLayerGradients() {
        SplittableRandom rng = new SplittableRandom(2);
        DenseLayer layer = DenseLayer.he(5, 3, rng);
        layer.parameters().get(1).copyFrom(random(3, 1, rng));
        Matrix x = random(7, 5, rng);
        for (NetworkLoss loss : NetworkLoss.values()) {
            Matrix t = loss == NetworkLoss.SQUARED ? random(7, 3, rng) : oneHot(7, 3, rng);
            check(new Network(List.of(layer), Activation.RELU), x, t, loss);
            checkInputGradient(layer, x, t, loss);
        }
    }

    @Test
    void udvLayerGradients() {
        SplittableRandom rng = new SplittableRandom(3);
        UdvLayer layer = UdvLayer.initialize(5, 3, 4, 1.0, rng);
        Matrix w = layer.parameters().get(1);
        for (int j = 0; j < w.size(); j++) {
            w.setFlat(j, 0.5 + rng.nextDouble() * 3);
        }
        layer.parameters().get(3).copyFrom(random(3, 1, rng));
        Matrix x = random(6, 5, rng);
        for (NetworkLoss loss : NetworkLoss.values()) {
            Matrix t = loss == NetworkLoss.SQUARED ? random(6, 3, rng) : oneHot(6, 3, rng);
            check(new Network(List.of(layer), Activation.RELU), x, t, loss);
            checkInputGradient(layer, x, t, loss);
        }
    }

    @Test
    void twoLayerNetworksWithReluGradients() {
        SplittableRandom rng = new SplittableRandom(4);
        Matrix x = random(8, 6, rng);
        Network dense = new Network(List.of(DenseLayer.he(6, 5, rng), DenseLayer.he(5, 3, rng)), Activation.RELU);
        Network udv = new Network(List.of(UdvLayer.initialize(6, 5, 5, 1.0, rng),
                UdvLayer.initialize(5, 3, 3, 2.0, rng)), Activation.RELU);
        for (Network net : List.of(dense, udv)) {
            check(net, x, oneHot(8, 3, rng), NetworkLoss.SOFTMAX_CROSS_ENTROPY);
            check(net, x, random(8, 3, rng), NetworkLoss.SQUARED);
        }
    }

    @Test
    void udvEndToEndIsTheLayerMap() {
        SplittableRandom rng = new SplittableRandom(5);
        UdvLayer layer = UdvLayer.initialize(4, 3, 6, 1.0, rng);
        Matrix x = random(5, 4, rng);
        Matrix y = layer.forward(x);
        Matrix viaW = x.times(layer.endToEnd().transpose());
        for (int k = 0; k < y.size(); k++) {
            assertEquals(viaW.getFlat(k), y.getFlat(k), 1e-12);
        }
        assertEquals(6 * (4 + 3) + 6 + 3, layer.parameterCount());
    }
}
