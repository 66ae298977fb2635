package dev.tacit.model.nmf;

import dev.tacit.linalg.Matrix;

/** Factor comparison up to permutation (Tucker congruence), shared by the NMF tests. */
final class NmfTestSupport {

    private NmfTestSupport() {
    }

    /** Tucker congruence of the best matching of columns (k ≤ 5: all permutations). */
    static double worstCongruence(double[][] a, double[][] b) {
        int k = a.length;
        int[] perm = new int[k];
        for (int i = 0; i < k; i++) {
            perm[i] = i;
        }
        double[] best = {-1};
        permute(perm, 0, a, b, best);
        return best[0];
    }

    static void permute(int[] p, int i, double[][] a, double[][] b, double[] best) {
        if (i == p.length) {
            double worst = 1;
            for (int c = 0; c < p.length; c++) {
                worst = Math.min(worst, congruence(a[c], b[p[c]]));
            }
            best[0] = Math.max(best[0], worst);
            return;
        }
        for (int j = i; j < p.length; j++) {
            int t = p[i]; p[i] = p[j]; p[j] = t;
            permute(p, i + 1, a, b, best);
            t = p[i]; p[i] = p[j]; p[j] = t;
        }
    }

    static double congruence(double[] x, double[] y) {
        double xy = 0, xx = 0, yy = 0;
        for (int i = 0; i < x.length; i++) {
            xy += x[i] * y[i];
            xx += x[i] * x[i];
            yy += y[i] * y[i];
        }
        return xy / Math.sqrt(xx * yy);
    }

    static double[][] columns(Matrix m) {
        double[][] out = new double[m.cols()][m.rows()];
        for (int i = 0; i < m.rows(); i++) {
            for (int j = 0; j < m.cols(); j++) {
                out[j][i] = m.get(i, j);
            }
        }
        return out;
    }
}
