package dev.tacit.optim;

/** Validation shared by the optimizers. */
final class LearningRates {

    private LearningRates() {
    }

    static double check(double lr) {
        if (!(lr > 0) || !Double.isFinite(lr)) {
            throw new IllegalArgumentException("learning rate must be positive and finite, got " + lr);
        }
        return lr;
    }
}
