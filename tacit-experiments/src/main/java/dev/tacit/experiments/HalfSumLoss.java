package dev.tacit.experiments;

import dev.tacit.linalg.LinearOperand;
import dev.tacit.linalg.Matrix;
import java.util.Arrays;

/**
 * Razin &amp; Cohen's completion loss {@code ½ Σ_k (W[i_k, j_k] − y_k)²}: half the <em>sum</em> of squared errors
 * over the observed entries (the core {@link dev.tacit.objective.CompletionLoss} is the mean without ½, i.e.
 * this loss times 2/m). The gradient is dense: zero off the observed entries.
 */
final class HalfSumLoss implements dev.tacit.objective.Objective {

    private final int rows;
    private final int cols;
    private final int[] flat;
    private final double[] values;

    /**
     * @param rows n₁
     * @param cols n₂
     * @param rowIdx observed rows
     * @param colIdx observed columns
     * @param values observed values
     */
    HalfSumLoss(int rows, int cols, int[] rowIdx, int[] colIdx, double[] values) {
        if (rowIdx.length != colIdx.length || rowIdx.length != values.length) {
            throw new IllegalArgumentException("observation arrays differ in length");
        }
        this.rows = rows;
        this.cols = cols;
        this.flat = new int[rowIdx.length];
        for (int k = 0; k < flat.length; k++) {
            flat[k] = rowIdx[k] * cols + colIdx[k];
        }
        this.values = values.clone();
    }

    /** @return the Razin–Cohen 2×2 problem: W₁₂ = 1, W₂₁ = 1, W₂₂ = 0 observed, W₁₁ not */
    static HalfSumLoss razin2x2() {
        return new HalfSumLoss(2, 2, new int[] {0, 1, 1}, new int[] {1, 0, 1}, new double[] {1, 1, 0});
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int cols() {
        return cols;
    }

    @Override
    public double value(Matrix w) {
        double s = 0;
        for (int k = 0; k < flat.length; k++) {
            double r = w.getFlat(flat[k]) - values[k];
            s += r * r;
        }
        return 0.5 * s;
    }

    @Override
    public LinearOperand newGradient() {
        return Matrix.zeros(rows, cols);
    }

    @Override
    public double valueAndGradient(Matrix w, LinearOperand gradient) {
        Matrix g = (Matrix) gradient;
        double s = 0;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                g.set(i, j, 0.0);
            }
        }
        for (int k = 0; k < flat.length; k++) {
            double r = w.getFlat(flat[k]) - values[k];
            s += r * r;
            g.set(flat[k] / cols, flat[k] % cols, r);
        }
        return 0.5 * s;
    }

    @Override
    public String toString() {
        return "HalfSumLoss" + Arrays.toString(values);
    }
}
