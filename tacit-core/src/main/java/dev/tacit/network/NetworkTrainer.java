package dev.tacit.network;

import dev.tacit.data.Seeds;
import dev.tacit.linalg.Matrix;
import dev.tacit.optim.Adam;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded mini-batch training: every epoch visits the training examples in a fresh random order (a
 * Fisher–Yates shuffle from the settings' seed), and every mini-batch is one {@link Adam} step on all parameter
 * blocks followed by {@link Network#project()} (so UDV layers get projected Adam, as in the paper's §B setup).
 * The same settings, data and initial network give bit-identical results.
 */
public final class NetworkTrainer {

    /** Called after every epoch. */
    @FunctionalInterface
    public interface EpochListener {
        /**
         * @param epoch the epoch just finished, from 1
         * @param trainLoss the mean of the mini-batch losses of that epoch
         * @param network the network (do not modify)
         */
        void epochDone(int epoch, double trainLoss, Network network);
    }

    /**
     * What a training run did.
     *
     * @param epochLosses mean mini-batch loss per finished epoch
     * @param diverged whether a loss became non-finite (training stopped there)
     */
    public record Result(double[] epochLosses, boolean diverged) {

        /** @return the epoch (1-based) in which a mini-batch loss became non-finite, or 0 when none did */
        public int divergedEpoch() {
            return diverged ? epochLosses.length + 1 : 0;
        }
    }

    private final TrainingSettings settings;

    /** @param settings the settings */
    public NetworkTrainer(TrainingSettings settings) {
        this.settings = settings;
    }

    /**
     * Trains the network in place.
     *
     * @param network modified
     * @param x training inputs, n×inputs (not modified)
     * @param targets training targets, n×outputs (not modified)
     * @param loss the loss
     * @param listener called after every epoch, or null
     * @return the loss history
     */
    public Result fit(Network network, Matrix x, Matrix targets, NetworkLoss loss, EpochListener listener) {
        int n = x.rows();
        if (targets.rows() != n || x.cols() != network.inputs() || targets.cols() != network.outputs()) {
            throw new IllegalArgumentException("data " + x.rows() + "x" + x.cols() + " with targets "
                    + targets.rows() + "x" + targets.cols() + " do not fit the network " + network.inputs() + " -> "
                    + network.outputs());
        }
        double[] xs = x.toArray();
        double[] ts = targets.toArray();
        int p = x.cols();
        int k = targets.cols();
        SplittableRandom rng = Seeds.stream(settings.seed(), Seeds.Stream.OTHER);
        Adam adam = new Adam(settings.learningRate());
        List<Matrix> params = network.parameters();
        List<Matrix> grads = network.gradients();
        adam.init(params);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        double[] losses = new double[settings.epochs()];
        for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
            shuffle(order, rng);
            double sum = 0;
            int batches = 0;
            for (int start = 0; start < n; start += settings.batchSize()) {
                int b = Math.min(settings.batchSize(), n - start);
                Matrix xb = Matrix.onHeap(b, p);
                Matrix tb = Matrix.onHeap(b, k);
                for (int r = 0; r < b; r++) {
                    int i = order[start + r];
                    for (int c = 0; c < p; c++) {
                        xb.setFlat(r * p + c, xs[i * p + c]);
                    }
                    for (int c = 0; c < k; c++) {
                        tb.setFlat(r * k + c, ts[i * k + c]);
                    }
                }
                double value = network.lossAndGradients(xb, tb, loss);
                if (!Double.isFinite(value)) {
                    return new Result(Arrays.copyOf(losses, epoch - 1), true);
                }
                adam.step(params, grads);
                network.project();
                sum += value;
                batches++;
            }
            losses[epoch - 1] = sum / batches;
            if (listener != null) {
                listener.epochDone(epoch, losses[epoch - 1], network);
            }
        }
        return new Result(losses, false);
    }

    private static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
