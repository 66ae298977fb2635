package dev.tacit.model.factored;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.fit.EntryGradientStep;
import dev.tacit.fit.MiniBatchEntryStep;
import dev.tacit.fit.Trainer;
import dev.tacit.linalg.EntryPattern;
import dev.tacit.linalg.Matrix;
import dev.tacit.objective.EntryLoss;
import dev.tacit.optim.Adam;
import dev.tacit.optim.GradientDescent;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Implicit feedback: the normalized sums, their gradients, and a fit with them. */
class ImplicitFeedbackRuleTest {

    // 4 users × 3 items; user 3 and item 2 have one rating each, every user and item at least one
    private static final int[] USERS = {0, 0, 1, 1, 1, 2, 3, 0};
    private static final int[] ITEMS = {0, 1, 0, 1, 2, 0, 1, 2};

    private static EntryPattern pattern() {
        return EntryPattern.of(4, 3, USERS, ITEMS);
    }

    private static Matrix gaussian(int r, int c, SplittableRandom rng) {
        Matrix m = Matrix.onHeap(r, c);
        for (int t = 0; t < m.size(); t++) {
            m.setFlat(t, rng.nextGaussian());
        }
        return m;
    }

    /** The dense N (users×items, N_uj = |N(u)|^{−1/2} if u rated j) and R (items×users). */
    private static double[][][] dense() {
        int[] nu = new int[4];
        int[] ri = new int[3];
        for (int e = 0; e < USERS.length; e++) {
            nu[USERS[e]]++;
            ri[ITEMS[e]]++;
        }
        double[][] n = new double[4][3];
        double[][] r = new double[3][4];
        for (int e = 0; e < USERS.length; e++) {
            n[USERS[e]][ITEMS[e]] = 1 / Math.sqrt(nu[USERS[e]]);
            r[ITEMS[e]][USERS[e]] = 1 / Math.sqrt(ri[ITEMS[e]]);
        }
        return new double[][][] {n, r};
    }

    private static double[][] times(double[][] a, Matrix b) {
        double[][] out = new double[a.length][b.cols()];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b.rows(); j++) {
                for (int c = 0; c < b.cols(); c++) {
                    out[i][c] += a[i][j] * b.get(j, c);
                }
            }
        }
        return out;
    }

    private static double[][] transpose(double[][] a) {
        double[][] t = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }

    @Test
    void sumsMatchTheDenseNormalizedMatrices() {
        EntryPattern p = pattern();
        double[][] w = ImplicitFeedbackRule.weights(p);
        SplittableRandom rng = new SplittableRandom(1);
        Matrix y = gaussian(3, 5, rng);
        Matrix z = gaussian(4, 5, rng);
        Matrix s = Matrix.onHeap(4, 5);
        Matrix t = Matrix.onHeap(3, 5);
        ImplicitFeedbackRule.userSums(p, w[0], y, s);
        ImplicitFeedbackRule.itemSums(p, w[1], z, t);
        double[][][] nr = dense();
        assertEquals(1 / Math.sqrt(3), nr[0][0][0], 0.0); // user 0 rated 3 items
        double[][] ns = times(nr[0], y);
        double[][] rt = times(nr[1], z);
        for (int u = 0; u < 4; u++) {
            assertArrayEquals(ns[u], s.toArray2d()[u], 1e-14);
        }
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(rt[i], t.toArray2d()[i], 1e-14);
        }
        // the gradients are the transposed products
        Matrix dY = Matrix.onHeap(3, 5);
        Matrix dZ = Matrix.onHeap(4, 5);
        ImplicitFeedbackRule.userGradient(p, w[0], z, dY); // Nᵀ·(users×k)
        ImplicitFeedbackRule.itemGradient(p, w[1], y, dZ); // Rᵀ·(items×k)
        double[][] nty = times(transpose(nr[0]), z);
        double[][] rtz = times(transpose(nr[1]), y);
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(nty[i], dY.toArray2d()[i], 1e-14);
        }
        for (int u = 0; u < 4; u++) {
            assertArrayEquals(rtz[u], dZ.toArray2d()[u], 1e-14);
        }
    }

    /** ℓ(Y, Z) = mean squared error of (U + N·Y)·H·(V + R·Z)ᵀ on the pattern. */
    private static double loss(Matrix u, Matrix h, Matrix v, Matrix y, Matrix z, EntryPattern p, double[][] w,
                               double[] targets, double[] g) {
        Matrix pm = u.copy();
        Matrix qm = v.copy();
        Matrix s = Matrix.onHeap(u.rows(), u.cols());
        Matrix t = Matrix.onHeap(v.rows(), v.cols());
        ImplicitFeedbackRule.userSums(p, w[0], y, s);
        ImplicitFeedbackRule.itemSums(p, w[1], z, t);
        pm.addScaled(1.0, s);
        qm.addScaled(1.0, t);
        FactoredProduct m = FactoredProduct.ofFactors(p.rows(), p.cols(), 3, BiasTerms.NONE, 0.0, List.of(pm, h, qm));
        double[] pred = new double[p.size()];
        m.predict(p, pred);
        double sum = 0;
        for (int e = 0; e < pred.length; e++) {
            double r = pred[e] - targets[e];
            sum += r * r;
            if (g != null) {
                g[e] = 2 * r / pred.length;
            }
        }
        return sum / pred.length;
    }

    @Test
    void chainRuleThroughTheSumsMatchesFiniteDifferences() {
        EntryPattern p = pattern();
        double[][] w = ImplicitFeedbackRule.weights(p);
        SplittableRandom rng = new SplittableRandom(2);
        int k = 3;
        Matrix u = gaussian(4, k, rng);
        Matrix h = gaussian(k, k, rng);
        Matrix v = gaussian(3, k, rng);
        Matrix y = gaussian(3, k, rng);
        Matrix z = gaussian(4, k, rng);
        double[] targets = new double[p.size()];
        for (int e = 0; e < targets.length; e++) {
            targets[e] = rng.nextGaussian();
        }
        double[] g = new double[p.size()];
        loss(u, h, v, y, z, p, w, targets, g);
        // ∂ℓ/∂P and ∂ℓ/∂Q from the product's backward pass at P = U + N·Y, Q = V + R·Z
        Matrix pm = u.copy();
        Matrix qm = v.copy();
        Matrix s = Matrix.onHeap(4, k);
        Matrix t = Matrix.onHeap(3, k);
        ImplicitFeedbackRule.userSums(p, w[0], y, s);
        ImplicitFeedbackRule.itemSums(p, w[1], z, t);
        pm.addScaled(1.0, s);
        qm.addScaled(1.0, t);
        FactoredProduct m = FactoredProduct.ofFactors(4, 3, 3, BiasTerms.NONE, 0.0, List.of(pm, h, qm));
        m.predict(p, new double[p.size()]);
        List<Matrix> grads = m.newGradientBuffers();
        m.backward(p, g, grads);
        Matrix dY = Matrix.onHeap(3, k);
        Matrix dZ = Matrix.onHeap(4, k);
        ImplicitFeedbackRule.userGradient(p, w[0], grads.get(0), dY);
        ImplicitFeedbackRule.itemGradient(p, w[1], grads.get(2), dZ);
        double eps = 1e-6;
        for (Matrix[] pair : new Matrix[][] {{y, dY}, {z, dZ}}) {
            Matrix x = pair[0];
            for (int c = 0; c < x.size(); c++) {
                double x0 = x.getFlat(c);
                x.setFlat(c, x0 + eps);
                double up = loss(u, h, v, y, z, p, w, targets, null);
                x.setFlat(c, x0 - eps);
                double down = loss(u, h, v, y, z, p, w, targets, null);
                x.setFlat(c, x0);
                assertEquals((up - down) / (2 * eps), pair[1].getFlat(c), 1e-7);
            }
        }
    }

    @Test
    void oneFullBatchEpochStepsYAndZOnTheChainRuleGradientAndShiftsTheFactors() {
        EntryPattern p = pattern();
        double[][] w = ImplicitFeedbackRule.weights(p);
        SplittableRandom rng = new SplittableRandom(3);
        FactoredProduct model = FactoredProduct.initialize(4, 3, 2, 2, 0.5, BiasTerms.NONE, 0.0, rng);
        Matrix u0 = model.factors().get(0).copy();
        Matrix v0 = model.factors().get(1).copy();
        double[] targets = {1, -1, 0.5, 2, -0.5, 1, 0, 1.5};
        EntryLoss loss = new EntryLoss(p, targets);
        double lrY = 0.1;
        ImplicitFeedbackRule rule = new ImplicitFeedbackRule(new EntryGradientStep(new GradientDescent(1e-300)),
                new GradientDescent(lrY), 0.3, 7);
        rule.init(model, loss);
        Matrix y0 = rule.implicitFactors().get(0).copy();
        Matrix z0 = rule.implicitFactors().get(1).copy();
        // P = U + N·Y at init
        Matrix s = Matrix.onHeap(4, 2);
        ImplicitFeedbackRule.userSums(p, w[0], y0, s);
        Matrix expectedP = u0.copy();
        expectedP.addScaled(1.0, s);
        assertArrayEquals(expectedP.toArray(), model.factors().get(0).toArray(), 1e-14);
        // gradient of the loss w.r.t. P and Q at this point
        double[] pred = new double[p.size()];
        double[] g = new double[p.size()];
        model.predict(p, pred);
        loss.valueAndGradient(pred, g);
        List<Matrix> grads = model.newGradientBuffers();
        model.backward(p, g, grads);
        Matrix dY = Matrix.onHeap(3, 2);
        ImplicitFeedbackRule.userGradient(p, w[0], grads.get(0), dY);
        rule.evaluate(model, loss);
        rule.update(model, loss); // inner learning rate ~0: only Y and Z move
        Matrix y1 = y0.copy();
        y1.addScaled(-lrY, dY);
        assertArrayEquals(y1.toArray(), rule.implicitFactors().get(0).toArray(), 1e-12);
        Matrix s1 = Matrix.onHeap(4, 2);
        ImplicitFeedbackRule.userSums(p, w[0], y1, s1);
        Matrix p1 = u0.copy();
        p1.addScaled(1.0, s1);
        assertArrayEquals(p1.toArray(), model.factors().get(0).toArray(), 1e-12);
        assertTrue(!java.util.Arrays.equals(z0.toArray(), rule.implicitFactors().get(1).toArray()), "Z moved");
        Matrix t1 = Matrix.onHeap(3, 2);
        ImplicitFeedbackRule.itemSums(p, w[1], rule.implicitFactors().get(1), t1);
        Matrix q1 = v0.copy();
        q1.addScaled(1.0, t1);
        assertArrayEquals(q1.toArray(), model.factors().get(1).toArray(), 1e-12);
    }

    @Test
    void sameSeedSameFitAndDepthOneIsRejected() {
        EntryPattern p = pattern();
        double[] targets = {1, -1, 0.5, 2, -0.5, 1, 0, 1.5};
        double[][] out = new double[2][];
        for (int run = 0; run < 2; run++) {
            FactoredProduct model = FactoredProduct.initialize(4, 3, 3, 4, 0.1, BiasTerms.NONE, 0.0,
                    new SplittableRandom(5));
            Trainer.builder().maxIterations(5).tolerance(0).logEvery(1).build().fit(model, new EntryLoss(p, targets),
                    new ImplicitFeedbackRule(new MiniBatchEntryStep(new Adam(1e-2), 3, 5), new Adam(5e-3), 0.1, 9));
            out[run] = model.factors().get(0).toArray();
        }
        assertArrayEquals(out[0], out[1], 0.0);
        FactoredProduct shallow = FactoredProduct.initialize(4, 3, 1, 4, 0.1, BiasTerms.NONE, 0.0,
                new SplittableRandom(5));
        ImplicitFeedbackRule rule = new ImplicitFeedbackRule(new MiniBatchEntryStep(new Adam(1e-2), 3, 5),
                new Adam(5e-3), 0.1, 9);
        assertThrows(IllegalArgumentException.class, () -> rule.init(shallow, new EntryLoss(p, targets)));
    }

    @Test
    void shapeMismatchIsNamedAndLeavesTheModelUntouched() {
        // was a kernel's "OUT is 5x4, expected 4x4", which names neither the objective nor the model
        EntryPattern p = pattern();
        double[] targets = {1, -1, 0.5, 2, -0.5, 1, 0, 1.5};
        FactoredProduct model = FactoredProduct.initialize(5, 3, 2, 4, 0.1, BiasTerms.NONE, 0.0,
                new SplittableRandom(5));
        double[] before = model.factors().get(0).toArray();
        ImplicitFeedbackRule rule = new ImplicitFeedbackRule(new EntryGradientStep(new Adam(1e-2)), new Adam(5e-3),
                0.1, 9);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> rule.init(model, new EntryLoss(p, targets)));
        assertTrue(e.getMessage().contains("objective is 4x3 but the model is 5x3"), e.getMessage());
        assertArrayEquals(before, model.factors().get(0).toArray(), 0.0);
    }
}
