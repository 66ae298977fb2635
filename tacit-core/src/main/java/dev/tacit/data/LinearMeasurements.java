package dev.tacit.data;

import dev.tacit.linalg.Matrix;
import dev.tacit.linalg.Transpose;
import java.util.random.RandomGenerator;

/**
 * Linear measurements {@code y_k = ⟨A_k, W*⟩ = Σ_ij (A_k)_ij W*_ij}, k = 1..m, for matrix sensing.
 *
 * <p>The m measurement matrices are stored as the rows of one {@code m×(n₁n₂)} matrix 𝒜 (row k is
 * vec(A_k), row-major), so the forward map is one product 𝒜·vec(W). Memory is 8·m·n₁·n₂ bytes: at
 * n = 100 and m = 5000 that is 400 MB, held off-heap with the native backend.
 */
public final class LinearMeasurements {

    private final int rows;
    private final int cols;
    private final Matrix operator;
    private final double[] values;

    private LinearMeasurements(int rows, int cols, Matrix operator, double[] values) {
        this.rows = rows;
        this.cols = cols;
        this.operator = operator;
        this.values = values;
    }

    /**
     * The Gaussian design of Arora et al. 2019 ({@code gen_obs.py}): every entry of every A_k is i.i.d.
     * N(0, 1/n²) with n = √(n₁n₂) (std 1/n for square matrices), and y_k = ⟨A_k, W*⟩.
     *
     * @param truth W*, finite
     * @param m number of measurements ≥ 1
     * @param rng randomness (advanced)
     * @return the measurements
     * @throws IllegalArgumentException if m &lt; 1 or W* has a NaN or infinite entry (named by row and column)
     */
    public static LinearMeasurements gaussian(Matrix truth, int m, RandomGenerator rng) {
        if (m < 1) {
            throw new IllegalArgumentException("number of measurements must be positive, got " + m);
        }
        for (int k = 0; k < truth.size(); k++) {
            double v = truth.getFlat(k);
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("W*[" + k / truth.cols() + "][" + k % truth.cols()
                        + "] is not finite: " + v);
            }
        }
        int n1 = truth.rows();
        int n2 = truth.cols();
        int d = n1 * n2;
        double std = 1.0 / Math.sqrt((double) n1 * n2);
        Matrix a = Matrix.zeros(m, d);
        for (int k = 0; k < m * d; k++) {
            a.setFlat(k, std * rng.nextGaussian());
        }
        Matrix w = Matrix.fromRowMajor(d, 1, truth.toArray());
        Matrix y = Matrix.zeros(m, 1);
        Matrix.multiply(Transpose.NO, a, Transpose.NO, w, y);
        return new LinearMeasurements(n1, n2, a, y.toArray());
    }

    /** @return n₁ */
    public int rows() {
        return rows;
    }

    /** @return n₂ */
    public int cols() {
        return cols;
    }

    /** @return m */
    public int size() {
        return values.length;
    }

    /** @return the m×(n₁n₂) operator whose row k is vec(A_k) (do not modify) */
    public Matrix operator() {
        return operator;
    }

    /** @return y_k */
    public double value(int k) {
        return values[k];
    }

    /** @return a copy of y */
    public double[] values() {
        return values.clone();
    }
}
