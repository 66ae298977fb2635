package dev.tacit.experiments;

import dev.tacit.data.LowRankGenerator;
import dev.tacit.linalg.Matrix;
import dev.tacit.linalg.Svd;
import dev.tacit.linalg.SvdMode;
import dev.tacit.model.deep.DeepProduct;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * An exact global minimizer of ‖M − W_N···W_1‖²_F built from the SVD M = UΣVᵀ (n×n, full rank):
 * {@code W_1 = R_1D_1Vᵀ, W_j = R_jD_jR_{j−1}ᵀ (1 < j < N), W_N = UD_NR_{N−1}ᵀ} with diagonal D_j, Π_j D_j = Σ,
 * and R_j orthogonal (identity unless rotated). Then A_iA_iᵀ = U(D_N···D_{i+1})²Uᵀ and
 * B_iᵀB_i = V(D_{i−1}···D_1)²Vᵀ are simultaneously diagonal, so the Hessian's λ_max is exactly
 * {@code 2 max_{k,l} Σ_i Π_{m>i} d_m(k)² · Π_{m<i} d_m(l)²} ({@link #exact}).
 *
 * @param product the minimizer
 * @param diagonals d_j(k): diagonals[j−1][k]
 */
record AlignedMinimizer(DeepProduct product, double[][] diagonals) {

    /**
     * @param svd the SVD of M (square, full rank)
     * @param depth N ≥ 2
     * @param kind balanced (d_j = σ^{1/N}), balanced-rotated (same, random R_j), scaled (layer j times c_j: c_1 = 2,
     *             c_N = ½, others 1) or misaligned (direction 1: ×2 on layer 1 and ×½ on layer N; every other
     *             direction the reverse)
     * @param rng randomness for the rotations
     * @return the minimizer
     */
    static AlignedMinimizer of(Svd svd, int depth, String kind, RandomGenerator rng) {
        int n = svd.size();
        double[][] d = new double[depth][n];
        for (int j = 0; j < depth; j++) {
            for (int k = 0; k < n; k++) {
                double v = Math.pow(svd.value(k), 1.0 / depth);
                double c = 1.0;
                if (kind.equals("scaled")) {
                    c = j == 0 ? 2.0 : j == depth - 1 ? 0.5 : 1.0;
                } else if (kind.equals("misaligned")) {
                    double up = k == 0 ? 2.0 : 0.5;
                    c = j == 0 ? up : j == depth - 1 ? 1 / up : 1.0;
                } else if (!kind.equals("balanced") && !kind.equals("balanced-rotated")) {
                    throw new IllegalArgumentException("unknown minimizer kind " + kind);
                }
                d[j][k] = v * c;
            }
        }
        Matrix[] rot = new Matrix[depth + 1];
        rot[0] = svd.vt().transpose(); // V
        rot[depth] = svd.u();
        for (int j = 1; j < depth; j++) {
            rot[j] = kind.equals("balanced-rotated") ? LowRankGenerator.gaussian(n, n, rng).svd(SvdMode.THIN).u()
                    : Matrix.identity(n);
        }
        List<Matrix> layers = new ArrayList<>();
        for (int j = 1; j <= depth; j++) {
            // W_j = R_j D_j R_{j−1}ᵀ
            Matrix scaled = rot[j].copy();
            for (int r = 0; r < n; r++) {
                for (int k = 0; k < n; k++) {
                    scaled.set(r, k, scaled.get(r, k) * d[j - 1][k]);
                }
            }
            layers.add(scaled.times(rot[j - 1].transpose()));
        }
        return new AlignedMinimizer(DeepProduct.ofLayers(layers), d);
    }

    /** @return 2 max_{k,l} Σ_i Π_{m>i} d_m(k)² Π_{m<i} d_m(l)² */
    double exact() {
        int depth = diagonals.length;
        int n = diagonals[0].length;
        double best = 0;
        for (int k = 0; k < n; k++) {
            for (int l = 0; l < n; l++) {
                double s = 0;
                for (int i = 0; i < depth; i++) {
                    double t = 1;
                    for (int m = i + 1; m < depth; m++) {
                        t *= diagonals[m][k] * diagonals[m][k];
                    }
                    for (int m = 0; m < i; m++) {
                        t *= diagonals[m][l] * diagonals[m][l];
                    }
                    s += t;
                }
                best = Math.max(best, s);
            }
        }
        return 2 * best;
    }
}
