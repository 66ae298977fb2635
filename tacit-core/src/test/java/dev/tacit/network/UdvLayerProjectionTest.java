package dev.tacit.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.linalg.Matrix;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The constraints ‖U‖_F ≤ ρ, ‖V‖_F ≤ ρ, w ≥ 0 hold after every training step, and the projection is exact. */
class UdvLayerProjectionTest {

    @Test
    void constraintsHoldAfterEveryStepForSeveralRadii() {
        for (double radius : new double[] {0.3, 1.0, 4.0}) {
            SplittableRandom rng = new SplittableRandom(7);
            UdvLayer l1 = UdvLayer.initialize(6, 8, 8, radius, rng);
            UdvLayer l2 = UdvLayer.initialize(8, 3, 3, radius, rng);
            Network net = new Network(List.of(l1, l2), Activation.RELU);
            Matrix x = NetworkGradientTest.random(40, 6, rng);
            Matrix t = NetworkGradientTest.oneHot(40, 3, rng);
            for (int epoch = 1; epoch <= 5; epoch++) {
                new NetworkTrainer(new TrainingSettings(0.05, 1, 8, epoch)).fit(net, x, t,
                        NetworkLoss.SOFTMAX_CROSS_ENTROPY, null);
                for (UdvLayer l : List.of(l1, l2)) {
                    assertTrue(l.u().frobeniusNorm() <= radius * (1 + 1e-12), "U, radius " + radius);
                    assertTrue(l.v().frobeniusNorm() <= radius * (1 + 1e-12), "V, radius " + radius);
                    for (double w : l.w().toArray()) {
                        assertTrue(w >= 0, "w >= 0");
                    }
                }
            }
        }
    }

    @Test
    void projectionScalesOntoTheBallAndClipsW() {
        Matrix u = Matrix.onHeap(2, 2);
        u.setFlat(0, 3);
        u.setFlat(3, 4); // ‖U‖ = 5
        Matrix v = Matrix.onHeap(3, 2);
        v.setFlat(1, 0.5);
        Matrix w = Matrix.onHeap(2, 1);
        w.setFlat(0, -1);
        w.setFlat(1, 2);
        UdvLayer l = new UdvLayer(u, w, v, Matrix.onHeap(3, 1), 1.0);
        l.project();
        assertEquals(1.0, l.u().frobeniusNorm(), 1e-15);
        assertArrayEquals(new double[] {0.6, 0, 0, 0.8}, l.u().toArray(), 1e-15);
        assertArrayEquals(v.toArray(), l.v().toArray(), 0.0); // inside the ball: unchanged bit for bit
        assertArrayEquals(new double[] {0, 2}, l.w().toArray(), 0.0);
    }

    @Test
    void pointsInsideTheFeasibleSetAreUnchanged() {
        SplittableRandom rng = new SplittableRandom(8);
        UdvLayer l = UdvLayer.initialize(5, 4, 4, 2.0, rng);
        l.parameters().get(0).scale(0.5);
        l.parameters().get(2).scale(0.99);
        List<double[]> before = l.parameters().stream().map(Matrix::toArray).toList();
        l.project();
        for (int b = 0; b < before.size(); b++) {
            assertArrayEquals(before.get(b), l.parameters().get(b).toArray(), 0.0, "block " + b);
        }
    }

    @Test
    void initializationIsFeasibleAndRadiusIsValidated() {
        UdvLayer l = UdvLayer.initialize(10, 4, 4, 1.0, new SplittableRandom(9));
        assertEquals(1.0, l.u().frobeniusNorm(), 1e-12);
        assertEquals(1.0, l.v().frobeniusNorm(), 1e-12);
        for (double bad : new double[] {0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThrows(IllegalArgumentException.class,
                    () -> UdvLayer.initialize(3, 2, 2, bad, new SplittableRandom(1)));
        }
    }
}
