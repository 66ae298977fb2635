package dev.tacit.diagnostics;

import dev.tacit.fit.TrainingState;
import dev.tacit.linalg.Matrix;
import dev.tacit.linalg.Transpose;
import dev.tacit.model.deep.DeepProduct;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The conserved quantities of Du, Hu, Lee (NeurIPS 2018, dmf.md §2) for a deep linear product
 * W_N···W_1: {@code C_h = W_{h+1}ᵀW_{h+1} − W_hW_hᵀ} (h = 1 … N−1, see {@link Balancedness#imbalance}) are
 * constant under gradient flow, and one gradient-descent step W_j ← W_j − ηG_j changes them by exactly
 * {@code ΔC_h = η²(G_{h+1}ᵀG_{h+1} − G_hG_hᵀ)} (the first-order terms cancel because
 * W_{h+1}ᵀG_{h+1} = G_hW_hᵀ), so over a fixed time horizon they drift by O(η).
 *
 * <p>As a {@link Diagnostic} it reports the drift {@code ‖C_h(t) − C_h(0)‖_F} per h (columns
 * {@code conserved_drift_1 …}), with C_h(0) taken at the first state it measures (or the product given to
 * {@link #ConservedQuantities(DeepProduct)}). It is stateful: use one instance per run.
 */
public final class ConservedQuantities implements Diagnostic {

    private final int depth;
    private List<Matrix> reference;

    /** @param depth N ≥ 2 of the products this will measure; the reference is taken at the first measurement */
    public ConservedQuantities(int depth) {
        if (depth < 2) {
            throw new IllegalArgumentException("conserved quantities need depth >= 2, got " + depth);
        }
        this.depth = depth;
    }

    /** @param initial the product whose current C_h are the reference (copied) */
    public ConservedQuantities(DeepProduct initial) {
        this(initial.depth());
        this.reference = all(initial);
    }

    /** @param p a deep product @return C_1 … C_{N−1}, new matrices */
    public static List<Matrix> all(DeepProduct p) {
        List<Matrix> out = new ArrayList<>();
        for (int h = 1; h < p.depth(); h++) {
            out.add(Balancedness.imbalance(p, h));
        }
        return out;
    }

    /**
     * The exact change of C_h made by the step W_j ← W_j − ηG_j.
     *
     * @param gradients G_1 … G_N (the step's gradients, layer shapes)
     * @param eta η
     * @param h 1 ≤ h &lt; N
     * @return η²(G_{h+1}ᵀG_{h+1} − G_hG_hᵀ)
     */
    public static Matrix stepChange(List<Matrix> gradients, double eta, int h) {
        Matrix next = gradients.get(h);
        Matrix cur = gradients.get(h - 1);
        Matrix out = Matrix.zeros(next.cols(), next.cols());
        Matrix.multiply(eta * eta, Transpose.YES, next, Transpose.NO, next, 0.0, out);
        Matrix.multiply(-eta * eta, Transpose.NO, cur, Transpose.YES, cur, 1.0, out);
        return out;
    }

    /**
     * @param p a deep product of the reference's depth
     * @return ‖C_h − C_h(0)‖_F for h = 1 … N−1 (the reference is set from p if there is none yet)
     */
    public double[] drift(DeepProduct p) {
        if (p.depth() != depth) {
            throw new IllegalArgumentException("expected depth " + depth + ", got " + p.depth());
        }
        List<Matrix> now = all(p);
        if (reference == null) {
            reference = now;
        }
        double[] out = new double[depth - 1];
        for (int h = 0; h < out.length; h++) {
            out[h] = now.get(h).minus(reference.get(h)).frobeniusNorm();
        }
        return out;
    }

    @Override
    public List<String> columns() {
        List<String> c = new ArrayList<>();
        for (int h = 1; h < depth; h++) {
            c.add("conserved_drift_" + h);
        }
        return c;
    }

    @Override
    public double[] measure(TrainingState state) {
        if (state.parameterization() instanceof DeepProduct p && p.depth() == depth) {
            return drift(p);
        }
        double[] out = new double[depth - 1];
        Arrays.fill(out, Double.NaN);
        return out;
    }
}
