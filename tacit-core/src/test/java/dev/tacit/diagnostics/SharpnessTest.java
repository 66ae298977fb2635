package dev.tacit.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.linalg.Matrix;
import dev.tacit.model.deep.DeepProduct;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SharpnessTest {

    private static Matrix gaussian(int r, int c, SplittableRandom rng) {
        Matrix m = Matrix.zeros(r, c);
        for (int k = 0; k < m.size(); k++) {
            m.setFlat(k, rng.nextGaussian());
        }
        return m;
    }

    private static DeepProduct random(int n, int depth, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Matrix> layers = new ArrayList<>();
        for (int j = 0; j < depth; j++) {
            layers.add(gaussian(n, n, rng));
        }
        return DeepProduct.ofLayers(layers);
    }

    private static int params(DeepProduct p) {
        int s = 0;
        for (Matrix m : p.factors()) {
            s += m.size();
        }
        return s;
    }

    private static List<Matrix> basis(DeepProduct p, int index) {
        List<Matrix> v = new ArrayList<>();
        int k = index;
        for (Matrix m : p.factors()) {
            Matrix z = Matrix.zeros(m.rows(), m.cols());
            if (k >= 0 && k < m.size()) {
                z.setFlat(k, 1.0);
            }
            k -= m.size();
            v.add(z);
        }
        return v;
    }

    private static double[] flat(List<Matrix> v) {
        List<Double> out = new ArrayList<>();
        for (Matrix m : v) {
            for (int k = 0; k < m.size(); k++) {
                out.add(m.getFlat(k));
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Full Hessian by central differences of the gradient along every coordinate, symmetrized. */
    private static Matrix fdHessian(DeepProduct p, Matrix target, double h) {
        int n = params(p);
        Matrix hess = Matrix.zeros(n, n);
        for (int i = 0; i < n; i++) {
            List<Matrix> e = basis(p, i);
            DeepProduct plus = shifted(p, e, h);
            DeepProduct minus = shifted(p, e, -h);
            double[] gp = flat(Sharpness.gradient(plus, target));
            double[] gm = flat(Sharpness.gradient(minus, target));
            for (int j = 0; j < n; j++) {
                hess.set(j, i, (gp[j] - gm[j]) / (2 * h));
            }
        }
        Matrix sym = hess.copy();
        sym.addScaled(1.0, hess.transpose());
        sym.scale(0.5);
        return sym;
    }

    /** Explicit Jacobian of vec(W_N···W_1) by central differences of the product; returns 2JᵀJ. */
    private static Matrix gaussNewtonFromJacobian(DeepProduct p, double h) {
        int n = params(p);
        int m = p.rows() * p.cols();
        Matrix jac = Matrix.zeros(m, n);
        for (int i = 0; i < n; i++) {
            List<Matrix> e = basis(p, i);
            Matrix wp = shifted(p, e, h).endToEnd();
            Matrix wm = shifted(p, e, -h).endToEnd();
            for (int k = 0; k < m; k++) {
                jac.set(k, i, (wp.getFlat(k) - wm.getFlat(k)) / (2 * h));
            }
        }
        Matrix out = jac.transpose().times(jac);
        out.scale(2.0);
        return out;
    }

    private static DeepProduct shifted(DeepProduct p, List<Matrix> v, double h) {
        List<Matrix> layers = new ArrayList<>();
        for (int j = 0; j < p.depth(); j++) {
            Matrix l = p.layer(j + 1).copy();
            l.addScaled(h, v.get(j));
            layers.add(l);
        }
        return DeepProduct.ofLayers(layers);
    }

    /** Largest algebraic eigenvalue of a symmetric matrix: shift to PSD by ‖H‖_F, top singular value, shift back. */
    private static double topEigen(Matrix sym) {
        double c = sym.frobeniusNorm();
        Matrix s = sym.copy();
        for (int i = 0; i < s.rows(); i++) {
            s.set(i, i, s.get(i, i) + c);
        }
        return s.singularValues()[0] - c;
    }

    private static void assertRel(double expected, double actual, double tol, String what) {
        double rel = Math.abs(actual - expected) / Math.abs(expected);
        assertTrue(rel <= tol, what + ": expected " + expected + ", got " + actual + " (rel " + rel + ")");
    }

    @Test
    void powerIterationMatchesFullHessianAtMinimizers() {
        for (int depth : new int[] {2, 3}) {
            DeepProduct p = random(2, depth, 11 + depth);
            Matrix target = p.endToEnd().copy(); // p is an exact minimizer
            double fromJacobian = topEigen(gaussNewtonFromJacobian(p, 1e-6));
            double fromHessian = topEigen(fdHessian(p, target, 1e-5));
            assertRel(fromJacobian, fromHessian, 1e-6, "depth " + depth + " FD Hessian vs 2JᵀJ");
            Sharpness.Result gn = Sharpness.lambdaMax(p, target, Sharpness.Options.defaults());
            assertEquals(Sharpness.Hvp.GAUSS_NEWTON, gn.hvp());
            assertTrue(gn.converged());
            assertRel(fromJacobian, gn.lambdaMax(), 1e-6, "depth " + depth + " Gauss-Newton power iteration");
            Sharpness.Result fd = Sharpness.lambdaMax(p, target,
                    Sharpness.Options.defaults().withHvp(Sharpness.Hvp.FINITE_DIFFERENCE));
            assertRel(fromJacobian, fd.lambdaMax(), 1e-6, "depth " + depth + " FD power iteration");
            assertRel(Sharpness.smallOperatorEigenvalue(p), gn.lambdaMax(), 1e-9, "depth " + depth + " small operator");
            assertTrue(Sharpness.upperBound(p) >= gn.lambdaMax() * (1 - 1e-12));
            if (depth == 2) {
                assertRel(Sharpness.depthTwo(p), gn.lambdaMax(), 1e-9, "depth-2 formula");
            }
        }
    }

    @Test
    void finiteDifferencesAwayFromMinimizersMatchFullHessian() {
        for (int depth : new int[] {2, 3}) {
            DeepProduct p = random(2, depth, 40 + depth);
            Matrix target = gaussian(2, 2, new SplittableRandom(7));
            double exact = topEigen(fdHessian(p, target, 1e-5));
            Sharpness.Result r = Sharpness.lambdaMax(p, target, Sharpness.Options.defaults());
            assertEquals(Sharpness.Hvp.FINITE_DIFFERENCE, r.hvp());
            assertRel(exact, r.lambdaMax(), 1e-6, "depth " + depth + " away from a minimizer");
            // the Gauss–Newton part alone differs there (the residual term is not zero)
            Sharpness.Result gn = Sharpness.lambdaMax(p, target,
                    Sharpness.Options.defaults().withHvp(Sharpness.Hvp.GAUSS_NEWTON));
            assertTrue(Math.abs(gn.lambdaMax() - exact) > 1e-4 * exact);
        }
    }

    @Test
    void hessianVectorIsSymmetric() {
        DeepProduct p = random(3, 3, 5);
        Matrix target = p.endToEnd().copy();
        List<Matrix> u = basis(p, 4);
        List<Matrix> v = basis(p, 19);
        for (Sharpness.Hvp mode : new Sharpness.Hvp[] {Sharpness.Hvp.GAUSS_NEWTON, Sharpness.Hvp.FINITE_DIFFERENCE}) {
            double uhv = dotFlat(u, Sharpness.hessianVector(p, target, v, mode, 1e-4));
            double vhu = dotFlat(v, Sharpness.hessianVector(p, target, u, mode, 1e-4));
            assertEquals(uhv, vhu, 1e-6 * (1 + Math.abs(uhv)));
        }
    }

    private static double dotFlat(List<Matrix> a, List<Matrix> b) {
        double s = 0;
        for (int j = 0; j < a.size(); j++) {
            s += a.get(j).dot(b.get(j));
        }
        return s;
    }

    @Test
    void closedFormsFromDmf() {
        // counterexample: M = I, W1 = diag(2, 1/2), W2 = diag(1/2, 2): equal spectral norms, λ_max = 16 ≫ 4σ₁ = 4
        DeepProduct c = DeepProduct.ofLayers(List.of(Matrix.of(new double[][] {{2, 0}, {0, 0.5}}),
                Matrix.of(new double[][] {{0.5, 0}, {0, 2}})));
        Matrix eye = Matrix.identity(2);
        double lam = Sharpness.lambdaMax(c, eye, Sharpness.Options.defaults()).lambdaMax();
        assertRel(16.0, lam, 1e-9, "counterexample");
        assertEquals(4.0, Sharpness.flattest(1.0, 2), 0);
        // balanced depth-3 factorization of diag(3, 1): layers diag(3^{1/3}, 1)
        double r = Math.cbrt(3);
        Matrix layer = Matrix.of(new double[][] {{r, 0}, {0, 1}});
        DeepProduct b = DeepProduct.ofLayers(List.of(layer, layer, layer));
        Matrix m = Matrix.of(new double[][] {{3, 0}, {0, 1}});
        Sharpness.Result res = Sharpness.lambdaMax(b, m, Sharpness.Options.defaults());
        assertRel(Sharpness.flattest(3, 3), res.lambdaMax(), 1e-9, "flattest depth 3");
        assertRel(Sharpness.flattest(3, 3), Sharpness.upperBound(b), 1e-12, "aligned bound is tight");
        assertThrows(IllegalArgumentException.class, () -> Sharpness.depthTwo(b));
        assertThrows(IllegalArgumentException.class, () -> Sharpness.lambdaMax(b, Matrix.zeros(3, 2),
                Sharpness.Options.defaults()));
    }

    @Test
    void eigenvectorIsUnitAndDoesNotTouchTheProduct() {
        DeepProduct p = random(3, 2, 9);
        Matrix before = p.endToEnd().copy();
        Matrix target = before.copy();
        Sharpness.Result r = Sharpness.lambdaMax(p, target,
                Sharpness.Options.defaults().withHvp(Sharpness.Hvp.FINITE_DIFFERENCE));
        assertEquals(1.0, Math.sqrt(dotFlat(r.eigenvector(), r.eigenvector())), 1e-12);
        assertEquals(0.0, p.endToEnd().minus(before).frobeniusNorm(), 0.0);
    }
}
