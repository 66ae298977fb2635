package dev.tacit.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.linalg.Matrix;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Truncation at full rank is the identity; training is seeded and learns a separable toy problem. */
class TruncationAndTrainingTest {

    @Test
    void fullRankTruncationReproducesTheLayer() {
        SplittableRandom rng = new SplittableRandom(1);
        Matrix x = NetworkGradientTest.random(9, 6, rng);
        for (Layer layer : List.of(DenseLayer.he(6, 4, rng), UdvLayer.initialize(6, 4, 5, 1.0, rng))) {
            layer.parameters().get(layer.parameters().size() - 1).copyFrom(NetworkGradientTest.random(4, 1, rng));
            Truncation t = new Truncation(layer);
            assertEquals(4, t.maxRank());
            Matrix y = layer.forward(x);
            Matrix yr = t.atRank(t.maxRank()).forward(x);
            assertArrayEquals(y.toArray(), yr.toArray(), 1e-10);
            double[] s = t.singularValues();
            for (int i = 1; i < s.length; i++) {
                assertTrue(s[i] <= s[i - 1]);
            }
        }
    }

    @Test
    void truncationErrorIsTheTailOfTheSpectrum() {
        SplittableRandom rng = new SplittableRandom(2);
        DenseLayer layer = DenseLayer.he(7, 5, rng);
        Truncation t = new Truncation(layer);
        double[] s = t.singularValues();
        for (int r = 0; r <= 5; r++) {
            double tail = 0;
            for (int i = r; i < s.length; i++) {
                tail += s[i] * s[i];
            }
            Matrix diff = layer.endToEnd().minus(t.atRank(r).endToEnd());
            assertEquals(Math.sqrt(tail), diff.frobeniusNorm(), 1e-10, "rank " + r);
        }
        assertThrows(IllegalArgumentException.class, () -> t.atRank(6));
        assertEquals(3L * (7 + 5) + 5, Truncation.factoredParameters(7, 5, 3, false));
        assertEquals(3L * (7 + 5) + 3 + 5, Truncation.factoredParameters(7, 5, 3, true));
    }

    /** Two Gaussian blobs in 4 dimensions. */
    private static Matrix[] blobs(int n) {
        SplittableRandom rng = new SplittableRandom(3);
        Matrix x = Matrix.onHeap(n, 4);
        Matrix t = Matrix.onHeap(n, 2);
        for (int i = 0; i < n; i++) {
            int c = i % 2;
            for (int j = 0; j < 4; j++) {
                x.set(i, j, rng.nextGaussian() * 0.5 + (c == 0 ? 1.5 : -1.5));
            }
            t.set(i, c, 1.0);
        }
        return new Matrix[] {x, t};
    }

    private static Network udvNet(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        return new Network(List.of(UdvLayer.initialize(4, 8, 4, 1.0, rng), UdvLayer.initialize(8, 2, 2, 1.0, rng)),
                Activation.RELU);
    }

    @Test
    void sameSeedGivesIdenticalNetworks() {
        Matrix[] d = blobs(60);
        TrainingSettings s = new TrainingSettings(1e-2, 5, 16, 42);
        Network a = udvNet(1);
        Network b = udvNet(1);
        NetworkTrainer.Result ra = new NetworkTrainer(s).fit(a, d[0], d[1], NetworkLoss.SOFTMAX_CROSS_ENTROPY, null);
        NetworkTrainer.Result rb = new NetworkTrainer(s).fit(b, d[0], d[1], NetworkLoss.SOFTMAX_CROSS_ENTROPY, null);
        assertArrayEquals(ra.epochLosses(), rb.epochLosses(), 0.0);
        for (int k = 0; k < a.parameters().size(); k++) {
            assertArrayEquals(a.parameters().get(k).toArray(), b.parameters().get(k).toArray(), 0.0);
        }
        Network c = udvNet(1);
        new NetworkTrainer(new TrainingSettings(1e-2, 5, 16, 43)).fit(c, d[0], d[1],
                NetworkLoss.SOFTMAX_CROSS_ENTROPY, null);
        assertFalse(java.util.Arrays.equals(a.parameters().get(0).toArray(), c.parameters().get(0).toArray()));
    }

    @Test
    void aDivergingRunStopsInTheEpochItsLossBecameNonFinite() {
        Matrix[] d = blobs(80);
        SplittableRandom rng = new SplittableRandom(2);
        Network net = new Network(List.of(DenseLayer.he(4, 8, rng), DenseLayer.he(8, 2, rng)), Activation.RELU);
        int[] calls = {0};
        NetworkTrainer.Result r = new NetworkTrainer(new TrainingSettings(1e150, 30, 16, 1)).fit(net, d[0], d[1],
                NetworkLoss.SQUARED, (e, loss, n) -> calls[0]++);
        assertTrue(r.diverged());
        assertTrue(r.epochLosses().length < 30, "stopped early");
        assertEquals(calls[0], r.epochLosses().length, "every finished epoch was reported");
        assertEquals(r.epochLosses().length + 1, r.divergedEpoch());
        for (double l : r.epochLosses()) {
            assertTrue(Double.isFinite(l));
        }
        assertEquals(0, new NetworkTrainer.Result(new double[] {1.0}, false).divergedEpoch());
    }

    @Test
    void bothArchitecturesLearnSeparableBlobs() {
        Matrix[] d = blobs(80);
        SplittableRandom rng = new SplittableRandom(4);
        Network dense = new Network(List.of(DenseLayer.he(4, 8, rng), DenseLayer.he(8, 2, rng)), Activation.RELU);
        for (Network net : List.of(dense, udvNet(5))) {
            int[] calls = {0};
            NetworkTrainer.Result r = new NetworkTrainer(new TrainingSettings(1e-2, 30, 16, 1)).fit(net, d[0], d[1],
                    NetworkLoss.SOFTMAX_CROSS_ENTROPY, (e, loss, n) -> calls[0]++);
            assertEquals(30, calls[0]);
            assertFalse(r.diverged());
            double[] l = r.epochLosses();
            assertTrue(l[l.length - 1] < 0.5 * l[0], net + ": " + l[0] + " -> " + l[l.length - 1]);
            Matrix out = net.forward(d[0]);
            int correct = 0;
            for (int i = 0; i < out.rows(); i++) {
                int pred = out.get(i, 0) >= out.get(i, 1) ? 0 : 1;
                correct += d[1].get(i, pred) == 1.0 ? 1 : 0;
            }
            assertTrue(correct >= 76, net + ": " + correct + "/80");
        }
    }

    @Test
    void settingsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new TrainingSettings(0, 1, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new TrainingSettings(1e-3, 0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new TrainingSettings(1e-3, 1, 0, 0));
        SplittableRandom rng = new SplittableRandom(1);
        assertThrows(IllegalArgumentException.class,
                () -> new Network(List.of(DenseLayer.he(3, 4, rng), DenseLayer.he(5, 2, rng)), Activation.RELU));
    }
}
