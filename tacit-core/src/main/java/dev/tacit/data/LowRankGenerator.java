package dev.tacit.data;

import dev.tacit.linalg.Matrix;
import dev.tacit.linalg.Transpose;
import java.util.random.RandomGenerator;

/**
 * The ground-truth recipe of Arora, Cohen, Hu, Luo (NeurIPS 2019, official code {@code gen_gt.py}):
 * {@code U ∈ R^{n₁×r}, V ∈ R^{n₂×r}} with i.i.d. N(0, 1) entries, {@code W* = U·Vᵀ/√r}, then rescaled so
 * that {@code ‖W*‖_F = √(n₁·n₂)} (root-mean-square entry 1).
 */
public final class LowRankGenerator {

    private LowRankGenerator() {
    }

    /**
     * @param rows n₁ ≥ 1
     * @param cols n₂ ≥ 1
     * @param rank r, 1 ≤ r ≤ min(n₁, n₂)
     * @param rng source of the Gaussian entries (advanced)
     * @return W*, of rank r (almost surely) and Frobenius norm √(n₁n₂)
     */
    public static Matrix generate(int rows, int cols, int rank, RandomGenerator rng) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("matrix size must be positive, got " + rows + "x" + cols);
        }
        if (rank < 1 || rank > Math.min(rows, cols)) {
            throw new IllegalArgumentException("rank must be in [1, " + Math.min(rows, cols) + "], got " + rank);
        }
        Matrix u = gaussian(rows, rank, rng);
        Matrix v = gaussian(cols, rank, rng);
        Matrix w = Matrix.zeros(rows, cols);
        Matrix.multiply(1.0 / Math.sqrt(rank), Transpose.NO, u, Transpose.YES, v, 0.0, w);
        w.scale(Math.sqrt((double) rows * cols) / w.frobeniusNorm());
        return w;
    }

    /** @return a rows×cols matrix of i.i.d. N(0, 1) entries drawn row by row */
    public static Matrix gaussian(int rows, int cols, RandomGenerator rng) {
        Matrix m = Matrix.zeros(rows, cols);
        for (int k = 0; k < rows * cols; k++) {
            m.setFlat(k, rng.nextGaussian());
        }
        return m;
    }
}
