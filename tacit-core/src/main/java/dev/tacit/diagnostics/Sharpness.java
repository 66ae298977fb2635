package dev.tacit.diagnostics;

import dev.tacit.linalg.Matrix;
import dev.tacit.linalg.Transpose;
import dev.tacit.model.deep.DeepProduct;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Sharpness (the largest eigenvalue of the loss Hessian) of a deep product for the full-matrix loss
 * {@code ℓ(W_1..W_N) = ‖M − W_N···W_1‖²_F} (no ½, as in Kamber &amp; Parhi; dmf.md §4).
 *
 * <p>λ_max is found by power iteration on Hessian-vector products, with a seeded Gaussian start. Two products:
 * <ul>
 *   <li>{@link Hvp#GAUSS_NEWTON}: {@code Hv = 2Jᵀ(Jv)}, exact at a global minimizer (the residual term
 *   vanishes), where {@code Jv = Σ_j A_j V_j B_j}, {@code A_j = W_N···W_{j+1}}, {@code B_j = W_{j−1}···W_1}
 *   and {@code (JᵀY)_j = A_jᵀ Y B_jᵀ};</li>
 *   <li>{@link Hvp#FINITE_DIFFERENCE}: {@code Hv = (∇ℓ(θ + hv) − ∇ℓ(θ − hv)) / 2h} (central differences of the
 *   back-propagated gradient), valid anywhere.</li>
 * </ul>
 * {@link Hvp#AUTO} uses Gauss–Newton when {@code ‖W − M‖_F ≤ minimizerTolerance·max(1, ‖M‖_F)} and finite
 * differences otherwise. If the dominant eigenvalue found is negative (possible away from minimizers) the
 * iteration is rerun on {@code H − λ_neg I} to get the largest algebraic eigenvalue.
 *
 * <p>Exact references: {@link #smallOperatorEigenvalue} ({@code 2λ_max} of the d_N·d_0 operator
 * {@code X ↦ Σ_j A_jA_jᵀ X B_jᵀB_j}, whose nonzero spectrum is that of 2JᵀJ), {@link #depthTwo}
 * ({@code 2(‖W₁‖²₂ + ‖W₂‖²₂)}), {@link #flattest} ({@code 2Nσ₁(M)^{2−2/N}}) and {@link #upperBound}
 * ({@code 2Σ_j‖A_j‖²₂‖B_j‖²₂}, not tight for depth ≥ 3 in general).
 */
public final class Sharpness {

    private Sharpness() {
    }

    /** Which Hessian-vector product to use. */
    public enum Hvp {
        /** Gauss–Newton at (near-)minimizers, finite differences elsewhere. */
        AUTO,
        /** 2JᵀJv: exact at a global minimizer. */
        GAUSS_NEWTON,
        /** Central differences of the gradient. */
        FINITE_DIFFERENCE
    }

    /**
     * Power-iteration settings.
     *
     * @param seed seed of the Gaussian start vector
     * @param tolerance stop when ‖Hv − λv‖ ≤ tolerance·|λ| (v unit); the eigenvalue error is then about
     *                  tolerance²·λ²/gap
     * @param maxIterations iteration cap (≥ 1)
     * @param hvp which Hessian-vector product
     * @param fdStep h of the central differences (scaled by max(1, ‖θ‖) internally)
     * @param minimizerTolerance {@link Hvp#AUTO}'s relative residual threshold for "minimizer"
     */
    public record Options(long seed, double tolerance, int maxIterations, Hvp hvp, double fdStep,
                          double minimizerTolerance) {
        /** Validates. */
        public Options {
            if (!(tolerance > 0) || maxIterations < 1 || !(fdStep > 0) || !(minimizerTolerance >= 0) || hvp == null) {
                throw new IllegalArgumentException("bad sharpness options");
            }
        }

        /** @return seed 0, tolerance 1e-9, 20000 iterations, AUTO, h = 1e-4, minimizer at relative residual 1e-9 */
        public static Options defaults() {
            return new Options(0, 1e-9, 20000, Hvp.AUTO, 1e-4, 1e-9);
        }

        /** @param h the product to use @return a copy with it */
        public Options withHvp(Hvp h) {
            return new Options(seed, tolerance, maxIterations, h, fdStep, minimizerTolerance);
        }

        /** @param s seed @return a copy with it */
        public Options withSeed(long s) {
            return new Options(s, tolerance, maxIterations, hvp, fdStep, minimizerTolerance);
        }
    }

    /**
     * @param lambdaMax the largest Hessian eigenvalue (Rayleigh quotient at the last iterate)
     * @param eigenvector unit-norm (over all layers together) eigenvector, one matrix per layer
     * @param iterations power iterations made (both passes when shifted)
     * @param converged whether the residual criterion was met
     * @param hvp the product used (never AUTO)
     * @param residual ‖Hv − λv‖ at the end
     */
    public record Result(double lambdaMax, List<Matrix> eigenvector, int iterations, boolean converged, Hvp hvp,
                         double residual) {
    }

    /**
     * λ_max of the Hessian of ‖M − W_N···W_1‖²_F at the current layers of p (p is not modified).
     *
     * @param p the deep product
     * @param target M, shape of p's end-to-end matrix
     * @param options settings
     * @return the eigenvalue and eigenvector
     */
    public static Result lambdaMax(DeepProduct p, Matrix target, Options options) {
        if (target.rows() != p.rows() || target.cols() != p.cols()) {
            throw new IllegalArgumentException("target is " + target.rows() + "x" + target.cols() + ", product is "
                    + p.rows() + "x" + p.cols());
        }
        DeepProduct work = p.copy();
        Hvp mode = options.hvp();
        if (mode == Hvp.AUTO) {
            double res = work.endToEnd().minus(target).frobeniusNorm();
            mode = res <= options.minimizerTolerance() * Math.max(1.0, target.frobeniusNorm()) ? Hvp.GAUSS_NEWTON
                    : Hvp.FINITE_DIFFERENCE;
        }
        Hvp used = mode;
        Operator h = v -> hessianVector(work, target, v, used, options.fdStep());
        Result first = power(h, work, 0.0, options, used);
        if (first.lambdaMax() >= 0) {
            return first;
        }
        double shift = first.lambdaMax();
        Result second = power(h, work, shift, options, used);
        return new Result(second.lambdaMax(), second.eigenvector(), first.iterations() + second.iterations(),
                second.converged(), used, second.residual());
    }

    private interface Operator {
        List<Matrix> apply(List<Matrix> v);
    }

    private static Result power(Operator h, DeepProduct p, double shift, Options o, Hvp used) {
        SplittableRandom rng = new SplittableRandom(o.seed());
        List<Matrix> v = new ArrayList<>();
        for (Matrix l : p.factors()) {
            Matrix m = Matrix.zeros(l.rows(), l.cols());
            for (int k = 0; k < m.size(); k++) {
                m.setFlat(k, rng.nextGaussian());
            }
            v.add(m);
        }
        scale(v, 1.0 / norm(v));
        double lambda = 0;
        double residual = Double.POSITIVE_INFINITY;
        int it = 0;
        boolean converged = false;
        while (it < o.maxIterations()) {
            it++;
            List<Matrix> hv = h.apply(v);
            if (shift != 0) {
                axpy(-shift, v, hv);
            }
            lambda = dot(v, hv);
            // residual ‖Hv − λv‖
            double r2 = 0;
            for (int j = 0; j < v.size(); j++) {
                Matrix a = hv.get(j);
                Matrix b = v.get(j);
                for (int k = 0; k < a.size(); k++) {
                    double d = a.getFlat(k) - lambda * b.getFlat(k);
                    r2 += d * d;
                }
            }
            residual = Math.sqrt(r2);
            double n = norm(hv);
            if (n == 0 || !Double.isFinite(n)) {
                break;
            }
            if (residual <= o.tolerance() * Math.abs(lambda)) {
                converged = true;
                break;
            }
            scale(hv, 1.0 / n);
            v = hv;
        }
        return new Result(lambda + shift, v, it, converged, used, residual);
    }

    /**
     * One Hessian-vector product.
     *
     * @param p the product (used as scratch for finite differences, restored afterwards)
     * @param target M
     * @param v direction, one matrix per layer
     * @param mode GAUSS_NEWTON or FINITE_DIFFERENCE
     * @param fdStep h for finite differences (scaled by max(1, ‖θ‖)/‖v‖)
     * @return Hv, new matrices
     */
    public static List<Matrix> hessianVector(DeepProduct p, Matrix target, List<Matrix> v, Hvp mode, double fdStep) {
        if (mode == Hvp.GAUSS_NEWTON) {
            List<Matrix> out = jacobianTransposeTimes(p, jacobianTimes(p, v));
            scale(out, 2.0);
            return out;
        }
        if (mode != Hvp.FINITE_DIFFERENCE) {
            throw new IllegalArgumentException("hessianVector needs GAUSS_NEWTON or FINITE_DIFFERENCE, got " + mode);
        }
        double vn = norm(v);
        if (vn == 0) {
            List<Matrix> z = new ArrayList<>();
            for (Matrix m : v) {
                z.add(Matrix.zeros(m.rows(), m.cols()));
            }
            return z;
        }
        double h = fdStep * Math.max(1.0, norm(p.factors())) / vn;
        List<Matrix> plus = shiftedGradient(p, target, v, h);
        List<Matrix> minus = shiftedGradient(p, target, v, -h);
        for (int j = 0; j < plus.size(); j++) {
            plus.get(j).addScaled(-1.0, minus.get(j));
            plus.get(j).scale(1.0 / (2 * h));
        }
        return plus;
    }

    private static List<Matrix> shiftedGradient(DeepProduct p, Matrix target, List<Matrix> v, double h) {
        List<Matrix> layers = p.factors();
        List<Matrix> saved = new ArrayList<>();
        for (int j = 0; j < layers.size(); j++) {
            saved.add(layers.get(j).copy());
            layers.get(j).addScaled(h, v.get(j));
        }
        p.afterUpdate();
        List<Matrix> g = gradient(p, target);
        for (int j = 0; j < layers.size(); j++) {
            layers.get(j).copyFrom(saved.get(j));
        }
        p.afterUpdate();
        return g;
    }

    /**
     * @param p the product
     * @param target M
     * @return ∇ℓ for ℓ = ‖M − W‖²_F: back-propagation of D = 2(W − M)
     */
    public static List<Matrix> gradient(DeepProduct p, Matrix target) {
        Matrix d = p.endToEnd().minus(target);
        d.scale(2.0);
        List<Matrix> g = p.newGradientBuffers();
        p.backward(d, g);
        return g;
    }

    /** @param p the product @param target M @return ‖M − W‖²_F */
    public static double loss(DeepProduct p, Matrix target) {
        return p.endToEnd().minus(target).frobeniusNormSquared();
    }

    /** @return A_j = W_N···W_{j+1} for j = 1..N (index j−1), null meaning identity */
    private static Matrix[] lefts(DeepProduct p) {
        int n = p.depth();
        Matrix[] a = new Matrix[n];
        Matrix acc = null;
        for (int j = n; j >= 1; j--) {
            a[j - 1] = acc;
            acc = acc == null ? p.layer(j).copy() : acc.times(p.layer(j));
        }
        return a;
    }

    /** @return B_j = W_{j−1}···W_1 for j = 1..N (index j−1), null meaning identity */
    private static Matrix[] rights(DeepProduct p) {
        int n = p.depth();
        Matrix[] b = new Matrix[n];
        Matrix acc = null;
        for (int j = 1; j <= n; j++) {
            b[j - 1] = acc;
            acc = acc == null ? p.layer(j).copy() : p.layer(j).times(acc);
        }
        return b;
    }

    /**
     * @param p the product
     * @param v one matrix per layer
     * @return Jv = Σ_j A_j V_j B_j (shape of W)
     */
    public static Matrix jacobianTimes(DeepProduct p, List<Matrix> v) {
        Matrix[] a = lefts(p);
        Matrix[] b = rights(p);
        Matrix out = Matrix.zeros(p.rows(), p.cols());
        for (int j = 0; j < p.depth(); j++) {
            Matrix t = v.get(j);
            if (b[j] != null) {
                t = t.times(b[j]);
            }
            if (a[j] != null) {
                t = a[j].times(t);
            }
            out.addScaled(1.0, t);
        }
        return out;
    }

    /**
     * @param p the product
     * @param y a matrix of W's shape
     * @return JᵀY = (A_jᵀ Y B_jᵀ)_j, one matrix per layer
     */
    public static List<Matrix> jacobianTransposeTimes(DeepProduct p, Matrix y) {
        Matrix[] a = lefts(p);
        Matrix[] b = rights(p);
        List<Matrix> out = new ArrayList<>();
        for (int j = 0; j < p.depth(); j++) {
            Matrix t = y;
            if (a[j] != null) {
                Matrix u = Matrix.zeros(a[j].cols(), y.cols());
                Matrix.multiply(Transpose.YES, a[j], Transpose.NO, y, u);
                t = u;
            }
            if (b[j] != null) {
                Matrix u = Matrix.zeros(t.rows(), b[j].rows());
                Matrix.multiply(Transpose.NO, t, Transpose.YES, b[j], u);
                t = u;
            }
            out.add(t == y ? y.copy() : t);
        }
        return out;
    }

    /**
     * The exact minimizer sharpness from the small operator: builds the (d_N·d_0)² matrix of
     * {@code X ↦ Σ_j A_jA_jᵀ X B_jᵀB_j} (= JJᵀ, symmetric positive semidefinite) densely and returns twice its
     * largest singular value. Meant for small products (d_N·d_0 up to a few hundred).
     *
     * @param p the product
     * @return 2λ_max(JJᵀ) = λ_max(2JᵀJ), the Hessian's λ_max at a global minimizer
     */
    public static double smallOperatorEigenvalue(DeepProduct p) {
        Matrix[] a = lefts(p);
        Matrix[] b = rights(p);
        int r = p.rows();
        int c = p.cols();
        int dim = r * c;
        Matrix k = Matrix.zeros(dim, dim);
        for (int j = 0; j < p.depth(); j++) {
            Matrix aa = a[j] == null ? Matrix.identity(r) : gram(a[j], false);
            Matrix bb = b[j] == null ? Matrix.identity(c) : gram(b[j], true);
            // vec row-major: X[i1][i2] at i1*c + i2; (AAᵀ X BBᵀ...)[i1][i2] = Σ aa[i1][k1] X[k1][k2] bb[k2][i2]
            for (int i1 = 0; i1 < r; i1++) {
                for (int k1 = 0; k1 < r; k1++) {
                    double av = aa.get(i1, k1);
                    if (av == 0) {
                        continue;
                    }
                    for (int i2 = 0; i2 < c; i2++) {
                        for (int k2 = 0; k2 < c; k2++) {
                            int row = i1 * c + i2;
                            int col = k1 * c + k2;
                            k.set(row, col, k.get(row, col) + av * bb.get(k2, i2));
                        }
                    }
                }
            }
        }
        return 2.0 * k.singularValues()[0];
    }

    /** AAᵀ (transposeFirst false) or BᵀB (true). */
    private static Matrix gram(Matrix m, boolean transposeFirst) {
        int d = transposeFirst ? m.cols() : m.rows();
        Matrix out = Matrix.zeros(d, d);
        if (transposeFirst) {
            Matrix.multiply(Transpose.YES, m, Transpose.NO, m, out);
        } else {
            Matrix.multiply(Transpose.NO, m, Transpose.YES, m, out);
        }
        return out;
    }

    /** @param m a matrix @return ‖m‖₂, its largest singular value */
    public static double spectralNorm(Matrix m) {
        return m.singularValues()[0];
    }

    /**
     * Closed form at a depth-2 minimizer (Kronecker sum, alignment automatic).
     *
     * @param p a depth-2 product
     * @return 2(‖W₁‖²₂ + ‖W₂‖²₂)
     */
    public static double depthTwo(DeepProduct p) {
        if (p.depth() != 2) {
            throw new IllegalArgumentException("depthTwo needs depth 2, got " + p.depth());
        }
        double s1 = spectralNorm(p.layer(1));
        double s2 = spectralNorm(p.layer(2));
        return 2 * (s1 * s1 + s2 * s2);
    }

    /**
     * The flattest minimizer's sharpness, reached by the spectrally balanced factorization.
     *
     * @param sigma1 σ₁(M)
     * @param depth N ≥ 1
     * @return 2Nσ₁^{2−2/N}
     */
    public static double flattest(double sigma1, int depth) {
        return 2.0 * depth * Math.pow(sigma1, 2.0 - 2.0 / depth);
    }

    /**
     * @param p the product
     * @return 2Σ_j‖A_j‖²₂‖B_j‖²₂ ≥ λ_max at a minimizer (equality iff the top singular directions align)
     */
    public static double upperBound(DeepProduct p) {
        Matrix[] a = lefts(p);
        Matrix[] b = rights(p);
        double s = 0;
        for (int j = 0; j < p.depth(); j++) {
            double na = a[j] == null ? 1 : spectralNorm(a[j]);
            double nb = b[j] == null ? 1 : spectralNorm(b[j]);
            s += na * na * nb * nb;
        }
        return 2 * s;
    }

    private static double dot(List<Matrix> x, List<Matrix> y) {
        double s = 0;
        for (int j = 0; j < x.size(); j++) {
            s += x.get(j).dot(y.get(j));
        }
        return s;
    }

    private static double norm(List<Matrix> x) {
        return Math.sqrt(dot(x, x));
    }

    private static void scale(List<Matrix> x, double a) {
        for (Matrix m : x) {
            m.scale(a);
        }
    }

    private static void axpy(double a, List<Matrix> x, List<Matrix> y) {
        for (int j = 0; j < x.size(); j++) {
            y.get(j).addScaled(a, x.get(j));
        }
    }
}
