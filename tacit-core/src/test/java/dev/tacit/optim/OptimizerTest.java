package dev.tacit.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tacit.linalg.Matrix;
import java.util.List;
import org.junit.jupiter.api.Test;

class OptimizerTest {

    @Test
    void groupRmsPropIsTheOfficialFormula() {
        Matrix p1 = Matrix.of(new double[][] {{1, 2}});
        Matrix p2 = Matrix.of(new double[][] {{3}});
        Matrix g1 = Matrix.of(new double[][] {{0.5, -1}});
        Matrix g2 = Matrix.of(new double[][] {{2}});
        GroupRmsProp opt = new GroupRmsProp(0.1);
        opt.init(List.of(p1, p2));
        double total = 0.25 + 1 + 4;
        double v = 0.01 * total;
        double lr = 0.1 / (Math.sqrt(v / (1 - 0.99)) + 1e-4);
        opt.step(List.of(p1, p2), List.of(g1, g2));
        assertEquals(lr, opt.lastStepSize(), 1e-15);
        assertEquals(1 - lr * 0.5, p1.get(0, 0), 1e-15);
        assertEquals(3 - lr * 2, p2.get(0, 0), 1e-15);
        double v2 = 0.99 * v + 0.01 * total;
        double lr2 = 0.1 / (Math.sqrt(v2 / (1 - 0.99 * 0.99)) + 1e-4);
        opt.step(List.of(p1, p2), List.of(g1, g2));
        assertEquals(lr2, opt.lastStepSize(), 1e-15);
        opt.reset();
        opt.step(List.of(p1, p2), List.of(g1, g2));
        assertEquals(lr, opt.lastStepSize(), 1e-15);
    }

    @Test
    void groupRmsPropRejectsAZeroEpsilon() {
        // ε = 0 was accepted: a zero gradient then gave the step η/0 = ∞ and NaN parameters
        assertThrows(IllegalArgumentException.class, () -> new GroupRmsProp(1e-3, 0.99, 0.0));
        assertThrows(IllegalArgumentException.class, () -> new GroupRmsProp(1e-3, 0.99, Double.POSITIVE_INFINITY));
        Matrix p = Matrix.of(new double[][] {{1, 2}});
        GroupRmsProp opt = new GroupRmsProp(1e-3);
        opt.init(List.of(p));
        opt.step(List.of(p), List.of(Matrix.zeros(1, 2)));
        assertEquals(1e-3 / GroupRmsProp.DEFAULT_EPSILON, opt.lastStepSize(), 1e-9);
        assertArrayEquals(new double[] {1, 2}, p.toArray(), 0.0);
    }

    @Test
    void adamFirstStepMovesByLearningRate() {
        Matrix p = Matrix.of(new double[][] {{1, -1}});
        Matrix g = Matrix.of(new double[][] {{3, -0.2}});
        Adam adam = new Adam(0.01);
        adam.init(List.of(p));
        adam.step(List.of(p), List.of(g));
        assertEquals(1 - 0.01, p.get(0, 0), 1e-9);
        assertEquals(-1 + 0.01, p.get(0, 1), 1e-9);
    }

    @Test
    void adamSecondStepIsAlgorithmOne() {
        // the first step is lr·sign(g) whatever β₁, β₂ are, so it cannot catch a wrong moment or bias correction
        double b1 = 0.8;
        double b2 = 0.9;
        double eps = 1e-3;
        double lr = 0.05;
        Matrix p = Matrix.of(new double[][] {{1, -1}});
        Adam adam = new Adam(lr, b1, b2, eps);
        adam.init(List.of(p));
        double[] g1 = {3, -0.2};
        double[] g2 = {-1, 0.5};
        double[] expected = {1, -1};
        double[] m = new double[2];
        double[] v = new double[2];
        double[][] gs = {g1, g2};
        for (int t = 1; t <= 2; t++) {
            double[] g = gs[t - 1];
            for (int k = 0; k < 2; k++) {
                m[k] = b1 * m[k] + (1 - b1) * g[k];
                v[k] = b2 * v[k] + (1 - b2) * g[k] * g[k];
                double mHat = m[k] / (1 - Math.pow(b1, t));
                double vHat = v[k] / (1 - Math.pow(b2, t));
                expected[k] -= lr * mHat / (Math.sqrt(vHat) + eps);
            }
            adam.step(List.of(p), List.of(Matrix.of(new double[][] {g})));
        }
        assertEquals(expected[0], p.get(0, 0), 1e-14);
        assertEquals(expected[1], p.get(0, 1), 1e-14);
    }

    @Test
    void gradientDescentAndParsing() {
        Matrix p = Matrix.of(new double[][] {{1}});
        new GradientDescent(0.5).step(List.of(p), List.of(Matrix.of(new double[][] {{2}})));
        assertEquals(0, p.get(0, 0), 0);
        assertEquals(OptimizerKind.GROUP_RMSPROP, OptimizerKind.parse("GroupRMSprop"));
        assertEquals(OptimizerKind.GD, OptimizerKind.parse("sgd"));
        assertThrows(IllegalArgumentException.class, () -> OptimizerKind.parse("lbfgs"));
        assertThrows(IllegalArgumentException.class, () -> new GradientDescent(0));
    }
}
