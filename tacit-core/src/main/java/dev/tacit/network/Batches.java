package dev.tacit.network;

import dev.tacit.linalg.Matrix;
import dev.tacit.linalg.Transpose;
import java.util.random.RandomGenerator;

/** Element-wise helpers shared by the layers. */
final class Batches {

    private Batches() {
    }

    /** @return op(a)·op(b) as a new heap matrix */
    static Matrix product(Transpose ta, Matrix a, Transpose tb, Matrix b) {
        int m = ta == Transpose.NO ? a.rows() : a.cols();
        int n = tb == Transpose.NO ? b.cols() : b.rows();
        Matrix out = Matrix.onHeap(m, n);
        Matrix.multiply(ta, a, tb, b, out);
        return out;
    }

    /** y_ij += b_j for every row i. Modifies y. */
    static void addRowVector(Matrix y, Matrix b) {
        int n = y.rows();
        int k = y.cols();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                y.set(i, j, y.get(i, j) + b.getFlat(j));
            }
        }
    }

    /** out_j = Σ_i g_ij. Modifies out (k×1). */
    static void columnSums(Matrix g, Matrix out) {
        int n = g.rows();
        int k = g.cols();
        for (int j = 0; j < k; j++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += g.get(i, j);
            }
            out.setFlat(j, s);
        }
    }

    /** @return a rows×cols heap matrix with i.i.d. N(0, std²) entries */
    static Matrix gaussian(int rows, int cols, double std, RandomGenerator rng) {
        Matrix m = Matrix.onHeap(rows, cols);
        for (int k = 0; k < m.size(); k++) {
            m.setFlat(k, std * rng.nextGaussian());
        }
        return m;
    }

    static void checkWidths(int inputs, int outputs) {
        if (inputs < 1 || outputs < 1) {
            throw new IllegalArgumentException("layer widths must be at least 1, got " + inputs + " -> " + outputs);
        }
    }

    static void checkInput(Matrix x, int inputs) {
        if (x.cols() != inputs) {
            throw new IllegalArgumentException("batch has " + x.cols() + " columns, the layer takes " + inputs);
        }
    }
}
