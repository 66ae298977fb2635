package dev.tacit.model.factored;

import dev.tacit.linalg.Matrix;
import java.util.SplittableRandom;

/**
 * Copies between factor matrices and row-major heap arrays (the baseline rules run their inner loops
 * on arrays), and the random initializations they share.
 */
final class FactorArrays {

    private FactorArrays() {
    }

    /**
     * Writes row-major values into a matrix of the same size. Modifies {@code dst}.
     *
     * @param src values, length dst.size()
     * @param dst the matrix
     */
    static void store(double[] src, Matrix dst) {
        if (src.length != dst.size()) {
            throw new IllegalArgumentException(src.length + " values for a " + dst.rows() + "x" + dst.cols()
                    + " matrix");
        }
        for (int k = 0; k < src.length; k++) {
            dst.setFlat(k, src[k]);
        }
    }

    /**
     * @param rows rows
     * @param cols columns
     * @param std standard deviation
     * @param rng drawn row by row
     * @return i.i.d. N(0, std²) entries
     */
    static Matrix gaussian(int rows, int cols, double std, SplittableRandom rng) {
        Matrix m = Matrix.onHeap(rows, cols);
        for (int k = 0; k < m.size(); k++) {
            m.setFlat(k, std * rng.nextGaussian());
        }
        return m;
    }

    /** @return ⟨a_{ao..ao+k}, b_{bo..bo+k}⟩ */
    static double dot(double[] a, int ao, double[] b, int bo, int k) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int t = 0;
        for (; t + 3 < k; t += 4) { // four independent sums: not bound by the latency of one add chain
            s0 += a[ao + t] * b[bo + t];
            s1 += a[ao + t + 1] * b[bo + t + 1];
            s2 += a[ao + t + 2] * b[bo + t + 2];
            s3 += a[ao + t + 3] * b[bo + t + 3];
        }
        for (; t < k; t++) {
            s0 += a[ao + t] * b[bo + t];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** @return Σ x² */
    static double sumOfSquares(double[] x, int from, int to) {
        double s = 0;
        for (int t = from; t < to; t++) {
            s += x[t] * x[t];
        }
        return s;
    }
}
