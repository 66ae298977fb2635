package dev.tacit.model.udv;

import dev.tacit.linalg.Matrix;

/** The projections of the UDV family: Frobenius-ball rescaling and clipping at 0. */
public final class Projections {

    private Projections() {
    }

    /**
     * Projects {@code m} onto the Frobenius ball of radius {@code radius}: {@code m ← m·min(1, radius/‖m‖_F)}.
     * A point inside the ball (or on its boundary) is left bit-for-bit unchanged.
     *
     * @param m the matrix (modified)
     * @param radius α &gt; 0 (may be +∞: no constraint)
     * @return whether m was rescaled
     */
    public static boolean frobeniusBall(Matrix m, double radius) {
        double norm = m.frobeniusNorm();
        if (norm > radius) {
            m.scale(radius / norm);
            return true;
        }
        return false;
    }

    /**
     * Clips every entry at 0 from below ({@code d ← max(d, 0)}).
     *
     * @param d the matrix (modified)
     * @return how many entries were clipped
     */
    public static int nonnegative(Matrix d) {
        int clipped = 0;
        for (int k = 0; k < d.size(); k++) {
            if (d.getFlat(k) < 0) {
                d.setFlat(k, 0.0);
                clipped++;
            }
        }
        return clipped;
    }

    /**
     * Entries of magnitude below this are set to 0 by {@link #flushTiny}: the projection shrinks unused columns
     * geometrically (that is how the rank is revealed), and once their entries pass ~1e-154 their products are
     * subnormal numbers, which the CPU handles ~100× slower. Below 1e-150 an entry changes no prediction of
     * O(1e-16)-relative precision or better, so flushing it changes no result at double precision.
     */
    public static final double FLUSH_BELOW = 1e-150;

    /**
     * Sets entries with |x| &lt; {@link #FLUSH_BELOW} to exactly 0.
     *
     * @param m the matrix (modified)
     */
    public static void flushTiny(Matrix m) {
        for (int k = 0; k < m.size(); k++) {
            double x = m.getFlat(k);
            if (x != 0 && Math.abs(x) < FLUSH_BELOW) {
                m.setFlat(k, 0.0);
            }
        }
    }

    static void checkRadius(double radius) {
        if (!(radius > 0)) {
            throw new IllegalArgumentException("radius must be positive, got " + radius);
        }
    }

    static void checkWidth(int width) {
        if (width < 1) {
            throw new IllegalArgumentException("width must be at least 1, got " + width);
        }
    }

    static void checkScale(double scale) {
        if (!(scale > 0) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("init scale must be positive and finite, got " + scale);
        }
    }

    /** @return a rows×cols Gaussian matrix rescaled to Frobenius norm {@code norm} */
    static Matrix gaussianOfNorm(int rows, int cols, double norm, java.util.random.RandomGenerator rng) {
        Matrix m = Matrix.onHeap(rows, cols);
        for (int k = 0; k < m.size(); k++) {
            m.setFlat(k, rng.nextGaussian());
        }
        m.scale(norm / m.frobeniusNorm());
        return m;
    }

    /** @return one zero heap matrix per factor, of the factor's shape (the entry kernels read heap arrays) */
    static java.util.List<Matrix> heapBuffers(java.util.List<Matrix> factors) {
        java.util.List<Matrix> out = new java.util.ArrayList<>();
        for (Matrix f : factors) {
            out.add(Matrix.onHeap(f.rows(), f.cols()));
        }
        return out;
    }

    /** @return a k×1 matrix of ones */
    static Matrix ones(int k) {
        Matrix d = Matrix.onHeap(k, 1);
        d.fill(1.0);
        return d;
    }
}
