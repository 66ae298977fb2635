package dev.tacit.model.nmf;

/** Dense double[][] helpers for the K×K (K ≤ 4) algebra of {@link Identifiability}. */
final class SmallMatrices {

    private SmallMatrices() {
    }

    static double[][] multiply(double[][] x, double[][] y) {
        int n = x.length;
        int inner = y.length;
        int m = y[0].length;
        double[][] out = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int l = 0; l < inner; l++) {
                double v = x[i][l];
                if (v != 0) {
                    for (int j = 0; j < m; j++) {
                        out[i][j] += v * y[l][j];
                    }
                }
            }
        }
        return out;
    }

    /** Gauss–Jordan with partial pivoting; null when a pivot falls below 1e-12 (numerically singular). */
    static double[][] inverse(double[][] t) {
        int k = t.length;
        double[][] w = new double[k][2 * k];
        for (int i = 0; i < k; i++) {
            System.arraycopy(t[i], 0, w[i], 0, k);
            w[i][k + i] = 1.0;
        }
        for (int c = 0; c < k; c++) {
            int p = c;
            for (int r = c + 1; r < k; r++) {
                if (Math.abs(w[r][c]) > Math.abs(w[p][c])) {
                    p = r;
                }
            }
            if (!(Math.abs(w[p][c]) > 1e-12)) {
                return null;
            }
            double[] tmp = w[p];
            w[p] = w[c];
            w[c] = tmp;
            double piv = w[c][c];
            for (int j = 0; j < 2 * k; j++) {
                w[c][j] /= piv;
            }
            for (int r = 0; r < k; r++) {
                if (r != c && w[r][c] != 0) {
                    double f = w[r][c];
                    for (int j = 0; j < 2 * k; j++) {
                        w[r][j] -= f * w[c][j];
                    }
                }
            }
        }
        double[][] out = new double[k][k];
        for (int i = 0; i < k; i++) {
            System.arraycopy(w[i], k, out[i], 0, k);
        }
        return out;
    }

    /** log det(B·Bᵀ + δ·I) by Cholesky (the matrix is symmetric positive definite for δ &gt; 0). */
    static double logDetGram(double[][] b, double delta) {
        int k = b.length;
        double[][] g = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j <= i; j++) {
                double s = 0;
                for (int c = 0; c < b[i].length; c++) {
                    s += b[i][c] * b[j][c];
                }
                g[i][j] = s + (i == j ? delta : 0.0);
            }
        }
        double logDet = 0;
        for (int j = 0; j < k; j++) {
            double d = g[j][j];
            for (int c = 0; c < j; c++) {
                d -= g[j][c] * g[j][c];
            }
            double l = Math.sqrt(d);
            g[j][j] = l;
            logDet += 2 * Math.log(l);
            for (int i = j + 1; i < k; i++) {
                double s = g[i][j];
                for (int c = 0; c < j; c++) {
                    s -= g[i][c] * g[j][c];
                }
                g[i][j] = s / l;
            }
        }
        return logDet;
    }

    static double[][] identity(int k) {
        double[][] t = new double[k][k];
        for (int i = 0; i < k; i++) {
            t[i][i] = 1.0;
        }
        return t;
    }
}
