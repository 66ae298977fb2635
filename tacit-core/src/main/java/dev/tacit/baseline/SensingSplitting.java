package dev.tacit.baseline;

import dev.tacit.data.LinearMeasurements;
import dev.tacit.linalg.Matrix;
import dev.tacit.linalg.Transpose;

/**
 * Sensing: {@code C = {Z : |𝒜 vec(Z) − y| ≤ δ}}, whose projection has no closed form. The splitting adds
 * the measurement vector {@code w ∈ ℝ^m} to the first block and the constraint {@code w = 𝒜 vec(Z)}:
 *
 * <pre>
 *   minimize ‖X‖_* + I_B(w)   subject to   X − Z = 0,   w − 𝒜 vec(Z) = 0,   B = {w : |w − y| ≤ δ}.
 * </pre>
 *
 * With scaled duals U (for X = Z) and u (for w = 𝒜z) and over-relaxation α, the updates after the
 * X-step are
 *
 * <pre>
 *   w⁺ = Π_B(𝒜z − u)                                   (clip to [y − δ, y + δ])
 *   X̂ = αX⁺ + (1 − α)Z,   ŵ = αw⁺ + (1 − α)𝒜z
 *   z⁺ = argmin ½‖X̂ + U − Z‖² + ½‖ŵ + u − 𝒜z‖² = (I + 𝒜ᵀ𝒜)⁻¹(v + 𝒜ᵀb),   v = vec(X̂ + U), b = ŵ + u
 *   U⁺ = U + X̂ − Z⁺,   u⁺ = u + ŵ − 𝒜z⁺.
 * </pre>
 *
 * The linear system is solved exactly with a Cholesky factorization computed once. When m ≤ n₁n₂ the
 * Woodbury form is used: {@code c = (I_m + 𝒜𝒜ᵀ)⁻¹(b − 𝒜v)}, {@code z⁺ = v + 𝒜ᵀc} and, for free,
 * {@code 𝒜z⁺ = b − c}; otherwise {@code I + 𝒜ᵀ𝒜} (n₁n₂ square) is factored. Either way an iteration makes
 * two passes over 𝒜 plus one solve with the factor.
 */
final class SensingSplitting extends Splitting {

    /** Relative residual at which the restoration's conjugate gradients stop. */
    private static final double RESTORE_TOLERANCE = 1e-13;
    /** Largest clipping defect (scaled units) at which the restoration stops. */
    private static final double RESTORED_DEFECT = 1e-13;
    /** Iteration cap of the restoration's conjugate gradients. */
    private static final int RESTORE_MAX_ITERATIONS = 500;
    /** Rounds of least-squares corrections when m &gt; n₁n₂. */
    private static final int RESTORE_ROUNDS = 50;

    private final Matrix operator;
    private final boolean woodbury;
    private final BlockCholesky factor;
    private final double[] lower;
    private final double[] upper;
    private Matrix z;
    private Matrix next;
    private final Matrix u;
    private final Matrix diff;
    private Matrix a;
    private Matrix aNext;
    private final Matrix w;
    private final Matrix wHat;
    private final Matrix dualW;
    private final Matrix b;
    private final Matrix c;
    private final Matrix measured;

    /**
     * @param data the measurements
     * @param scale divide y and δ by this (normalization)
     * @param delta δ in the units of y
     */
    SensingSplitting(LinearMeasurements data, double scale, double delta) {
        int n1 = data.rows();
        int n2 = data.cols();
        int m = data.size();
        int d = n1 * n2;
        operator = data.operator();
        if (operator.rows() != m || operator.cols() != d) {
            throw new IllegalArgumentException("operator is " + operator.rows() + "x" + operator.cols()
                    + ", expected " + m + "x" + d);
        }
        lower = new double[m];
        upper = new double[m];
        for (int k = 0; k < m; k++) {
            double y = data.value(k) / scale;
            lower[k] = y - delta / scale;
            upper[k] = y + delta / scale;
        }
        woodbury = m <= d;
        factor = woodbury ? factorRowGram(operator) : factorColumnGram(operator);
        z = Matrix.zeros(n1, n2);
        next = Matrix.zeros(n1, n2);
        u = Matrix.zeros(n1, n2);
        diff = Matrix.zeros(n1, n2);
        a = Matrix.zeros(m, 1);
        aNext = Matrix.zeros(m, 1);
        w = Matrix.zeros(m, 1);
        wHat = Matrix.zeros(m, 1);
        dualW = Matrix.zeros(m, 1);
        b = Matrix.zeros(m, 1);
        c = Matrix.zeros(m, 1);
        measured = Matrix.zeros(m, 1);
    }

    /** Factors I_m + 𝒜𝒜ᵀ from row blocks of 𝒜. */
    private static BlockCholesky factorRowGram(Matrix op) {
        int m = op.rows();
        int d = op.cols();
        int[] offset = BlockCholesky.partition(m);
        Matrix[] pieces = new Matrix[offset.length - 1];
        for (int i = 0; i < pieces.length; i++) {
            int rows = offset[i + 1] - offset[i];
            pieces[i] = Matrix.zeros(rows, d);
            int base = offset[i] * d;
            for (int k = 0; k < rows * d; k++) {
                pieces[i].setFlat(k, op.getFlat(base + k));
            }
        }
        return BlockCholesky.factor(m, offset, (i, j, out) -> {
            Matrix.multiply(Transpose.NO, pieces[i], Transpose.YES, pieces[j], out);
            addIdentity(i, j, out);
        });
    }

    /** Factors I_d + 𝒜ᵀ𝒜 from column blocks of 𝒜. */
    private static BlockCholesky factorColumnGram(Matrix op) {
        int m = op.rows();
        int d = op.cols();
        int[] offset = BlockCholesky.partition(d);
        Matrix[] pieces = new Matrix[offset.length - 1];
        for (int i = 0; i < pieces.length; i++) {
            int cols = offset[i + 1] - offset[i];
            pieces[i] = Matrix.zeros(m, cols);
            for (int r = 0; r < m; r++) {
                for (int j = 0; j < cols; j++) {
                    pieces[i].setFlat(r * cols + j, op.getFlat(r * d + offset[i] + j));
                }
            }
        }
        return BlockCholesky.factor(d, offset, (i, j, out) -> {
            Matrix.multiply(Transpose.YES, pieces[i], Transpose.NO, pieces[j], out);
            addIdentity(i, j, out);
        });
    }

    private static void addIdentity(int i, int j, Matrix out) {
        if (i == j) {
            for (int k = 0; k < out.rows(); k++) {
                out.set(k, k, out.get(k, k) + 1.0);
            }
        }
    }

    @Override
    int dimension() {
        return z.size() + lower.length;
    }

    @Override
    Matrix z() {
        return z;
    }

    @Override
    Matrix dual() {
        return u;
    }

    @Override
    void update(Matrix x, double alpha) {
        int m = lower.length;
        int d = z.size();
        // w⁺ = Π_B(𝒜z − u); dualW holds u, the scaled dual of w = 𝒜z
        for (int k = 0; k < m; k++) {
            double t = a.getFlat(k) - dualW.getFlat(k);
            w.setFlat(k, Math.min(upper[k], Math.max(lower[k], t)));
        }
        // relaxed first block: X̂ = αX⁺ + (1 − α)Z (in diff), ŵ = αw⁺ + (1 − α)𝒜z (in wHat)
        diff.copyFrom(x);
        diff.scale(alpha);
        diff.addScaled(1.0 - alpha, z);
        wHat.copyFrom(w);
        wHat.scale(alpha);
        wHat.addScaled(1.0 - alpha, a);
        // b = ŵ + u, next = X̂ + U, then the Z-update in place
        b.copyFrom(wHat);
        b.addScaled(1.0, dualW);
        next.copyFrom(diff);
        next.addScaled(1.0, u);
        Matrix nextVec = next.reshape(d, 1);
        if (woodbury) {
            c.copyFrom(b);
            Matrix.multiply(-1.0, Transpose.NO, operator, Transpose.NO, nextVec, 1.0, c);
            factor.solve(c, c);
            Matrix.multiply(1.0, Transpose.YES, operator, Transpose.NO, c, 1.0, nextVec);
            aNext.copyFrom(b);
            aNext.addScaled(-1.0, c);
        } else {
            Matrix.multiply(1.0, Transpose.YES, operator, Transpose.NO, b, 1.0, nextVec);
            factor.solve(nextVec, nextVec);
            Matrix.multiply(Transpose.NO, operator, Transpose.NO, nextVec, aNext);
        }
        // duals: U += X̂ − Z⁺, u += ŵ − 𝒜z⁺
        u.addScaled(1.0, diff);
        u.addScaled(-1.0, next);
        dualW.addScaled(1.0, wHat);
        dualW.addScaled(-1.0, aNext);
        // change of the second block (Z⁺ − Z, 𝒜z⁺ − 𝒜z)
        diff.copyFrom(next);
        diff.addScaled(-1.0, z);
        c.copyFrom(aNext);
        c.addScaled(-1.0, a);
        changeSq = diff.frobeniusNormSquared() + c.frobeniusNormSquared();
        // primal residual (X⁺ − Z⁺, w⁺ − 𝒜z⁺)
        diff.copyFrom(x);
        diff.addScaled(-1.0, next);
        c.copyFrom(w);
        c.addScaled(-1.0, aNext);
        primalResidualSq = diff.frobeniusNormSquared() + c.frobeniusNormSquared();
        Matrix t = z;
        z = next;
        next = t;
        t = a;
        a = aNext;
        aNext = t;
        firstBlockSq = x.frobeniusNormSquared() + w.frobeniusNormSquared();
        secondBlockSq = z.frobeniusNormSquared() + a.frobeniusNormSquared();
        dualSq = u.frobeniusNormSquared() + dualW.frobeniusNormSquared();
    }

    @Override
    void scaleDuals(double factor) {
        u.scale(factor);
        dualW.scale(factor);
    }

    /**
     * {@inheritDoc}
     *
     * <p>With e = clip(𝒜x) − 𝒜x (clip: to [y − δ, y + δ]), the correction is {@code Δ = 𝒜ᵀc} with
     * {@code 𝒜𝒜ᵀc = e} when m ≤ n₁n₂, which makes 𝒜(x + Δ) = clip(𝒜x) exactly. When m &gt; n₁n₂ that system
     * is overdetermined, so the least-squares step {@code 𝒜ᵀ𝒜Δ = 𝒜ᵀe} is repeated (alternating
     * projections, at most {@value #RESTORE_ROUNDS} rounds). The system H·s = h, H = F − I for the factored
     * F, is solved by conjugate gradients preconditioned with F⁻¹ (the preconditioned spectrum λ/(1 + λ)
     * is well clustered for Gaussian designs).
     */
    @Override
    void restore(Matrix x) {
        int m = lower.length;
        int d = x.size();
        Matrix xVec = x.reshape(d, 1);
        for (int round = 0; round < (woodbury ? 1 : RESTORE_ROUNDS); round++) {
            Matrix.multiply(Transpose.NO, operator, Transpose.NO, xVec, measured);
            double worst = 0;
            for (int k = 0; k < m; k++) {
                double t = measured.getFlat(k);
                double e = Math.min(upper[k], Math.max(lower[k], t)) - t;
                measured.setFlat(k, e);
                worst = Math.max(worst, Math.abs(e));
            }
            if (worst <= RESTORED_DEFECT) {
                return;
            }
            if (woodbury) {
                Matrix s = conjugateGradient(measured);
                Matrix.multiply(1.0, Transpose.YES, operator, Transpose.NO, s, 1.0, xVec);
            } else {
                Matrix h = Matrix.zeros(d, 1);
                Matrix.multiply(Transpose.YES, operator, Transpose.NO, measured, h);
                xVec.addScaled(1.0, conjugateGradient(h));
            }
        }
    }

    /** Solves (F − I)·s = h by CG preconditioned with F⁻¹, F = the factored matrix. */
    private Matrix conjugateGradient(Matrix h) {
        int p = h.rows();
        Matrix s = Matrix.zeros(p, 1);
        Matrix r = h.copy();
        Matrix q = Matrix.zeros(p, 1);
        Matrix dir = Matrix.zeros(p, 1);
        Matrix hd = Matrix.zeros(p, 1);
        factor.solve(r, q);
        dir.copyFrom(q);
        double rq = r.dot(q);
        double target = RESTORE_TOLERANCE * h.frobeniusNorm();
        for (int it = 0; it < RESTORE_MAX_ITERATIONS && r.frobeniusNorm() > target && rq > 0; it++) {
            factor.multiply(dir, hd);
            hd.addScaled(-1.0, dir);
            double curvature = dir.dot(hd);
            if (!(curvature > 0)) {
                break;
            }
            double step = rq / curvature;
            s.addScaled(step, dir);
            r.addScaled(-step, hd);
            factor.solve(r, q);
            double next = r.dot(q);
            dir.scale(next / rq);
            dir.addScaled(1.0, q);
            rq = next;
        }
        return s;
    }

    @Override
    double maxViolation(Matrix x) {
        Matrix.multiply(Transpose.NO, operator, Transpose.NO, x.reshape(x.size(), 1), measured);
        double worst = 0;
        for (int k = 0; k < lower.length; k++) {
            double t = measured.getFlat(k);
            worst = Math.max(worst, Math.max(lower[k] - t, t - upper[k]));
        }
        return worst;
    }
}
