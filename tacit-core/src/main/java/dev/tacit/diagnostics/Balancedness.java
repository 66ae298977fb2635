package dev.tacit.diagnostics;

import dev.tacit.fit.TrainingState;
import dev.tacit.linalg.Matrix;
import dev.tacit.linalg.Transpose;
import dev.tacit.model.deep.DeepProduct;
import java.util.ArrayList;
import java.util.List;

/**
 * Balancedness of a deep product (Arora et al. 2019 §1.9; Du, Hu, Lee 2018): for each adjacent pair,
 * {@code ‖C_j‖_F} with {@code C_j = W_{j+1}ᵀW_{j+1} − W_jW_jᵀ}, columns {@code balancedness_1 … balancedness_{N−1}}.
 * These are conserved by gradient flow and drift by O(η²) per gradient-descent step.
 */
public final class Balancedness implements Diagnostic {

    private final int depth;

    /** @param depth N ≥ 1 of the deep products this will measure (depth 1 has no pairs: no columns) */
    public Balancedness(int depth) {
        if (depth < 1) {
            throw new IllegalArgumentException("depth must be at least 1, got " + depth);
        }
        this.depth = depth;
    }

    /**
     * @param p a deep product
     * @param j 1 ≤ j &lt; N
     * @return C_j = W_{j+1}ᵀW_{j+1} − W_jW_jᵀ as a new matrix
     */
    public static Matrix imbalance(DeepProduct p, int j) {
        Matrix next = p.layer(j + 1);
        Matrix cur = p.layer(j);
        Matrix c = Matrix.zeros(next.cols(), next.cols());
        Matrix.multiply(Transpose.YES, next, Transpose.NO, next, c);
        Matrix.multiply(-1.0, Transpose.NO, cur, Transpose.YES, cur, 1.0, c);
        return c;
    }

    @Override
    public List<String> columns() {
        List<String> c = new ArrayList<>();
        for (int j = 1; j < depth; j++) {
            c.add("balancedness_" + j);
        }
        return c;
    }

    @Override
    public double[] measure(TrainingState state) {
        double[] out = new double[depth - 1];
        if (state.parameterization() instanceof DeepProduct p && p.depth() == depth) {
            for (int j = 1; j < depth; j++) {
                out[j - 1] = imbalance(p, j).frobeniusNorm();
            }
        } else {
            java.util.Arrays.fill(out, Double.NaN);
        }
        return out;
    }
}
