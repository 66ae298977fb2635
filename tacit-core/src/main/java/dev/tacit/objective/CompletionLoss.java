package dev.tacit.objective;

import dev.tacit.data.EntrySample;
import dev.tacit.linalg.Backends;
import dev.tacit.linalg.LinearOperand;
import dev.tacit.linalg.Matrix;
import dev.tacit.linalg.SparseMatrix;

/**
 * Matrix-completion mean squared error, as in the official code of Arora et al. 2019 ({@code main.py}):
 *
 * <pre>
 *   ℓ(W) = (1/m) Σ_{(i,j)∈Ω} (W_ij − y_ij)²          (mean over the m observations, no ½)
 *   ∇ℓ(W)_ij = (2/m)(W_ij − y_ij) for (i,j) ∈ Ω, 0 elsewhere
 * </pre>
 *
 * The gradient is a {@link SparseMatrix} with the pattern Ω: it is never stored densely.
 */
public final class CompletionLoss implements Objective {

    private final EntrySample sample;
    private final int[] flat;

    /**
     * @param sample the observed entries Ω and values y, at least one
     * @throws IllegalArgumentException if Ω is empty (the mean over no observations is undefined)
     */
    public CompletionLoss(EntrySample sample) {
        if (sample.size() == 0) {
            throw new IllegalArgumentException("no observed entries: the completion loss needs at least one");
        }
        this.sample = sample;
        this.flat = new int[sample.size()];
        for (int k = 0; k < flat.length; k++) {
            flat[k] = sample.row(k) * sample.cols() + sample.col(k);
        }
    }

    /** @return the observations */
    public EntrySample sample() {
        return sample;
    }

    @Override
    public int rows() {
        return sample.rows();
    }

    @Override
    public int cols() {
        return sample.cols();
    }

    @Override
    public double value(Matrix w) {
        double s = 0;
        for (int k = 0; k < flat.length; k++) {
            double r = w.getFlat(flat[k]) - sample.value(k);
            s += r * r;
        }
        return s / flat.length;
    }

    @Override
    public LinearOperand newGradient() {
        return SparseMatrix.pattern(Backends.get(), sample.rows(), sample.cols(), sample.rowIndices(),
                sample.colIndices());
    }

    @Override
    public double valueAndGradient(Matrix w, LinearOperand gradient) {
        SparseMatrix g = (SparseMatrix) gradient;
        double s = 0;
        double scale = 2.0 / flat.length;
        for (int k = 0; k < flat.length; k++) {
            double r = w.getFlat(flat[k]) - sample.value(k);
            s += r * r;
            g.setValue(k, scale * r);
        }
        return s / flat.length;
    }
}
