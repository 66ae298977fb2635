package dev.tacit.fit;

import dev.tacit.linalg.EntryPattern;
import dev.tacit.linalg.Matrix;
import dev.tacit.model.EntryParameterization;
import dev.tacit.model.Parameterization;
import dev.tacit.objective.EntryLoss;
import dev.tacit.objective.EntryObjective;
import dev.tacit.objective.Objective;
import dev.tacit.optim.Optimizer;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Mini-batch training on entries: one {@link #update} is one epoch, i.e. a pass over a seeded random
 * permutation of the m entries in batches of size b, with one optimizer step per batch on the batch's
 * mean loss ℓ_B(ŷ) = (1/|B|) Σ_{e∈B} (ŷ_e − y_e)². {@link #evaluate} returns the full-data loss ℓ(θ), so
 * the Trainer's iterations, history and stopping rules count epochs. The permutation of epoch t comes
 * from {@code SplittableRandom(seed).split()} drawn t times, so the same seed gives the same run.
 * The objective must be an {@link EntryLoss} (the batch losses are built from its targets).
 */
public final class MiniBatchEntryStep implements UpdateRule {

    private final Optimizer optimizer;
    private final int batchSize;
    private final long seed;
    private SplittableRandom rng;
    private double[] predictions;
    private int[] order;
    private double[] targets;
    private List<Matrix> gradients;

    /**
     * @param optimizer the optimizer (settings; state is created per run)
     * @param batchSize b ≥ 1 (a batch larger than m is the full batch)
     * @param seed seed of the epoch permutations
     */
    public MiniBatchEntryStep(Optimizer optimizer, int batchSize, long seed) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        this.optimizer = optimizer.copy();
        this.batchSize = batchSize;
        this.seed = seed;
    }

    /** @return b */
    public int batchSize() {
        return batchSize;
    }

    @Override
    public void init(Parameterization parameterization, Objective objective) {
        EntryParameterization model = EntryGradientStep.entryModel(parameterization);
        EntryObjective loss = EntryGradientStep.entryObjective(objective);
        if (!(loss instanceof EntryLoss el)) {
            throw new IllegalArgumentException("mini-batch training needs an EntryLoss, got " + loss);
        }
        if (loss.rows() != model.rows() || loss.cols() != model.cols()) {
            throw new IllegalArgumentException("objective is " + loss.rows() + "x" + loss.cols() + " but the model is "
                    + model.rows() + "x" + model.cols());
        }
        int m = loss.pattern().size();
        targets = el.targets();
        predictions = new double[m];
        order = new int[m];
        for (int e = 0; e < m; e++) {
            order[e] = e;
        }
        rng = new SplittableRandom(seed);
        gradients = model.newGradientBuffers();
        optimizer.init(model.factors());
    }

    @Override
    public double evaluate(Parameterization parameterization, Objective objective) {
        EntryParameterization model = (EntryParameterization) parameterization;
        EntryObjective loss = (EntryObjective) objective;
        model.predict(loss.pattern(), predictions);
        return loss.value(predictions);
    }

    @Override
    public void update(Parameterization parameterization, Objective objective) {
        EntryParameterization model = (EntryParameterization) parameterization;
        EntryPattern all = ((EntryObjective) objective).pattern();
        SplittableRandom epoch = rng.split();
        for (int i = order.length - 1; i > 0; i--) {
            int j = epoch.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        for (int from = 0; from < order.length; from += batchSize) {
            int to = Math.min(order.length, from + batchSize);
            int[] idx = java.util.Arrays.copyOfRange(order, from, to);
            EntryPattern batch = all.subset(idx);
            double[] pred = new double[idx.length];
            model.predict(batch, pred);
            double[] g = new double[idx.length];
            double scale = 2.0 / idx.length;
            for (int k = 0; k < idx.length; k++) {
                g[k] = scale * (pred[k] - targets[idx[k]]);
            }
            model.backward(batch, g, gradients);
            optimizer.step(model.factors(), gradients);
            model.afterUpdate();
        }
    }

    @Override
    public double lastStepSize() {
        return optimizer.lastStepSize();
    }

    @Override
    public MiniBatchEntryStep copy() {
        return new MiniBatchEntryStep(optimizer, batchSize, seed);
    }

    @Override
    public String toString() {
        return "MiniBatchEntryStep(" + optimizer + ", batch=" + batchSize + ")";
    }
}
