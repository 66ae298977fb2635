package dev.tacit.diagnostics;

import dev.tacit.fit.TrainingState;
import dev.tacit.linalg.Matrix;
import java.util.List;

/**
 * Distance of the end-to-end matrix W to a known ground truth W*:
 * {@code test_error = ‖W − W*‖²_F / ‖W*‖²_F} and {@code test_loss = ‖W − W*‖²_F / (n₁n₂)} (the paper's
 * "reconstruction error"; the two coincide when ‖W*‖_F = √(n₁n₂)).
 */
public final class ReconstructionError implements Diagnostic {

    private final Matrix truth;
    private final double truthNormSquared;

    /**
     * @param truth W* (not modified, kept by reference), finite and nonzero
     * @throws IllegalArgumentException if ‖W*‖_F is 0 or not finite (test_error would be NaN at every log)
     */
    public ReconstructionError(Matrix truth) {
        this.truth = truth;
        this.truthNormSquared = truth.frobeniusNormSquared();
        if (!(truthNormSquared > 0) || !Double.isFinite(truthNormSquared)) {
            throw new IllegalArgumentException("the ground truth must be nonzero and finite, ‖W*‖²_F = "
                    + truthNormSquared);
        }
    }

    /**
     * @param w an estimate
     * @param truth W*
     * @return ‖W − W*‖²_F / ‖W*‖²_F
     */
    public static double relativeSquaredError(Matrix w, Matrix truth) {
        return w.minus(truth).frobeniusNormSquared() / truth.frobeniusNormSquared();
    }

    @Override
    public List<String> columns() {
        return List.of("test_loss", "test_error");
    }

    @Override
    public double[] measure(TrainingState state) {
        Matrix w = state.parameterization().endToEnd();
        double d = w.minus(truth).frobeniusNormSquared();
        return new double[] {d / truth.size(), d / truthNormSquared};
    }
}
