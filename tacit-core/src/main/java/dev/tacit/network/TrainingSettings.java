package dev.tacit.network;

/**
 * Settings of {@link NetworkTrainer}.
 *
 * @param learningRate Adam's step size η &gt; 0 (β₁ = 0.9, β₂ = 0.999, ε = 1e-8)
 * @param epochs passes over the training set, ≥ 1
 * @param batchSize examples per mini-batch, ≥ 1 (the last batch of an epoch may be smaller)
 * @param seed seeds the order of the examples (stream {@code OTHER} of {@link dev.tacit.data.Seeds})
 */
public record TrainingSettings(double learningRate, int epochs, int batchSize, long seed) {

    /** Validates the settings. */
    public TrainingSettings {
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be positive and finite, got " + learningRate);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
    }
}
