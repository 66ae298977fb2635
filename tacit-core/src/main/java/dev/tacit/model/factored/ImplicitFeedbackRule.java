package dev.tacit.model.factored;

import dev.tacit.fit.UpdateRule;
import dev.tacit.linalg.EntryKernels;
import dev.tacit.linalg.EntryPattern;
import dev.tacit.linalg.LinearOperand;
import dev.tacit.linalg.Matrix;
import dev.tacit.model.EntryParameterization;
import dev.tacit.model.Parameterization;
import dev.tacit.objective.EntryObjective;
import dev.tacit.objective.Objective;
import dev.tacit.optim.Optimizer;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Two-sided implicit feedback for a {@link FactoredProduct} of depth ≥ 2 (SVD++, Koren, "Factorization meets
 * the neighborhood: a multifaceted collaborative filtering model", KDD 2008, eq. 15, applied to both sides),
 * refreshed once per epoch around an inner rule (e.g. mini-batch Adam) that trains the product:
 *
 * <pre>
 *   P = U + N·Y,   N_uj = |N(u)|^{−1/2} for the items j rated by u        (users×k, Y: items×k)
 *   Q = V + R·Z,   R_iv = |R(i)|^{−1/2} for the users v who rated i        (items×k, Z: users×k)
 *   ŷ_ui = (P·H_1···H_{N−2}·Qᵀ)_ui       (plus the offsets of the product)
 * </pre>
 *
 * with N(u), R(i) read from the objective's entries (the ratings being fitted, nothing else). The product's
 * outer factors hold P and Q themselves: within an epoch S = N·Y and T = R·Z are fixed, so a step of the inner
 * rule on P with ∂ℓ/∂P is the same step on U. Over the epoch's B gradient evaluations the rule sums
 * A_U = Σ ∂ℓ/∂P and A_V = Σ ∂ℓ/∂Q; at the epoch's end it takes one step of its own optimizer on (Y, Z) with
 *
 * <pre>
 *   ∂ℓ/∂Y ≈ Nᵀ·A_U / B,   ∂ℓ/∂Z ≈ Rᵀ·A_V / B
 * </pre>
 *
 * (the chain rule through S and T, lagged by up to one epoch), and moves P by N·ΔY and Q by R·ΔZ. The model
 * is therefore an ordinary product at every moment (validation, snapshots, saving and averaging see P and
 * Q). Y and Z start Gaussian with the given standard deviation, drawn from the seed. All products are sparse
 * (m·k each, m = rated entries); the users×items matrix is never formed. Same seed, same result.
 */
public final class ImplicitFeedbackRule implements UpdateRule {

    private final UpdateRule inner;
    private final Optimizer optimizer;
    private final double initStd;
    private final long seed;
    private EntryPattern pattern;
    private double[] userWeights; // |N(u)|^{−1/2} per entry
    private double[] itemWeights; // |R(i)|^{−1/2} per entry
    private List<Matrix> implicitFactors; // Y (items×k), Z (users×k)
    private List<Matrix> implicitGradients;
    private Matrix sumP;
    private Matrix sumQ;
    private Matrix userShift;
    private Matrix itemShift;
    private int evaluations;
    private Recorder recorder;

    /**
     * @param inner the rule that trains the product (copied)
     * @param optimizer the optimizer of Y and Z (settings; one step per epoch)
     * @param initStd standard deviation of the initial entries of Y and Z, &gt; 0
     * @param seed seed of that init
     */
    public ImplicitFeedbackRule(UpdateRule inner, Optimizer optimizer, double initStd, long seed) {
        if (!(initStd > 0) || !Double.isFinite(initStd)) {
            throw new IllegalArgumentException("init std must be positive and finite, got " + initStd);
        }
        this.inner = inner.copy();
        this.optimizer = optimizer.copy();
        this.initStd = initStd;
        this.seed = seed;
    }

    /**
     * The entry weights of N (by user) and R (by item): w_e = |N(row(e))|^{−1/2} and |R(col(e))|^{−1/2}.
     *
     * @param pattern the rated entries
     * @return {userWeights, itemWeights}, each of length m
     */
    static double[][] weights(EntryPattern pattern) {
        double[] byUser = new double[pattern.size()];
        double[] byItem = new double[pattern.size()];
        for (int e = 0; e < pattern.size(); e++) {
            byUser[e] = 1.0 / Math.sqrt(pattern.rowCount(pattern.row(e)));
            byItem[e] = 1.0 / Math.sqrt(pattern.colCount(pattern.col(e)));
        }
        return new double[][] {byUser, byItem};
    }

    /**
     * S = N·Y (users×k).
     *
     * @param pattern the rated entries
     * @param userWeights from {@link #weights}
     * @param y items×k
     * @param out users×k (overwritten)
     */
    static void userSums(EntryPattern pattern, double[] userWeights, Matrix y, Matrix out) {
        EntryKernels.rowScatter(pattern, userWeights, y, out);
    }

    /**
     * T = R·Z (items×k).
     *
     * @param pattern the rated entries
     * @param itemWeights from {@link #weights}
     * @param z users×k
     * @param out items×k (overwritten)
     */
    static void itemSums(EntryPattern pattern, double[] itemWeights, Matrix z, Matrix out) {
        EntryKernels.colScatter(pattern, itemWeights, z, out);
    }

    /**
     * ∂ℓ/∂Y = Nᵀ·∂ℓ/∂P (items×k), the chain rule through P = U + N·Y.
     *
     * @param pattern the rated entries
     * @param userWeights from {@link #weights}
     * @param dP ∂ℓ/∂P, users×k
     * @param out items×k (overwritten)
     */
    static void userGradient(EntryPattern pattern, double[] userWeights, Matrix dP, Matrix out) {
        EntryKernels.colScatter(pattern, userWeights, dP, out);
    }

    /**
     * ∂ℓ/∂Z = Rᵀ·∂ℓ/∂Q (users×k), the chain rule through Q = V + R·Z.
     *
     * @param pattern the rated entries
     * @param itemWeights from {@link #weights}
     * @param dQ ∂ℓ/∂Q, items×k
     * @param out users×k (overwritten)
     */
    static void itemGradient(EntryPattern pattern, double[] itemWeights, Matrix dQ, Matrix out) {
        EntryKernels.rowScatter(pattern, itemWeights, dQ, out);
    }

    @Override
    public void init(Parameterization parameterization, Objective objective) {
        FactoredProduct model = product(parameterization);
        if (!(objective instanceof EntryObjective loss)) {
            throw new IllegalArgumentException("implicit feedback needs an entry objective, got " + objective);
        }
        if (loss.rows() != model.rows() || loss.cols() != model.cols()) { // checked before the factors are shifted
            throw new IllegalArgumentException("objective is " + loss.rows() + "x" + loss.cols() + " but the model is "
                    + model.rows() + "x" + model.cols());
        }
        pattern = loss.pattern();
        double[][] w = weights(pattern);
        userWeights = w[0];
        itemWeights = w[1];
        int k = model.width();
        SplittableRandom rng = new SplittableRandom(seed);
        Matrix y = Matrix.onHeap(model.cols(), k);
        Matrix z = Matrix.onHeap(model.rows(), k);
        for (Matrix m : List.of(y, z)) {
            for (int t = 0; t < m.size(); t++) {
                m.setFlat(t, initStd * rng.nextGaussian());
            }
        }
        implicitFactors = List.of(y, z);
        implicitGradients = List.of(Matrix.onHeap(model.cols(), k), Matrix.onHeap(model.rows(), k));
        optimizer.init(implicitFactors);
        sumP = Matrix.onHeap(model.rows(), k);
        sumQ = Matrix.onHeap(model.cols(), k);
        userShift = Matrix.onHeap(model.rows(), k);
        itemShift = Matrix.onHeap(model.cols(), k);
        userSums(pattern, userWeights, y, userShift);
        itemSums(pattern, itemWeights, z, itemShift);
        List<Matrix> f = model.factors();
        f.get(0).addScaled(1.0, userShift);
        f.get(model.depth() - 1).addScaled(1.0, itemShift);
        model.afterUpdate();
        evaluations = 0;
        recorder = new Recorder(model);
        inner.init(recorder, objective);
    }

    private static FactoredProduct product(Parameterization p) {
        if (!(p instanceof FactoredProduct fp) || fp.depth() < 2) {
            throw new IllegalArgumentException("implicit feedback needs a factored product of depth >= 2, got " + p);
        }
        return fp;
    }

    @Override
    public double evaluate(Parameterization parameterization, Objective objective) {
        return inner.evaluate(recorder, objective);
    }

    @Override
    public void update(Parameterization parameterization, Objective objective) {
        inner.update(recorder, objective);
        if (evaluations == 0) {
            return;
        }
        FactoredProduct model = recorder.model;
        Matrix y = implicitFactors.get(0);
        Matrix z = implicitFactors.get(1);
        userGradient(pattern, userWeights, sumP, implicitGradients.get(0));
        itemGradient(pattern, itemWeights, sumQ, implicitGradients.get(1));
        for (Matrix g : implicitGradients) {
            g.scale(1.0 / evaluations);
        }
        optimizer.step(implicitFactors, implicitGradients);
        Matrix p = model.factors().get(0);
        Matrix q = model.factors().get(model.depth() - 1);
        p.addScaled(-1.0, userShift);
        q.addScaled(-1.0, itemShift);
        userSums(pattern, userWeights, y, userShift);
        itemSums(pattern, itemWeights, z, itemShift);
        p.addScaled(1.0, userShift);
        q.addScaled(1.0, itemShift);
        model.afterUpdate();
        sumP.fill(0.0);
        sumQ.fill(0.0);
        evaluations = 0;
    }

    /** @return Y (items×k) and Z (users×k), live */
    List<Matrix> implicitFactors() {
        return implicitFactors;
    }

    @Override
    public double lastStepSize() {
        return inner.lastStepSize();
    }

    @Override
    public ImplicitFeedbackRule copy() {
        return new ImplicitFeedbackRule(inner, optimizer, initStd, seed);
    }

    @Override
    public String toString() {
        return "ImplicitFeedbackRule(" + inner + ", " + optimizer + ")";
    }

    /** The product as the inner rule sees it, summing the gradients of the outer factors it computes. */
    private final class Recorder implements EntryParameterization {
        private final FactoredProduct model;
        private final int[] userStamp;
        private final int[] itemStamp;
        private int stamp;

        Recorder(FactoredProduct model) {
            this.model = model;
            this.userStamp = new int[model.rows()];
            this.itemStamp = new int[model.cols()];
        }

        @Override
        public void predict(EntryPattern p, double[] out) {
            model.predict(p, out);
        }

        @Override
        public void backward(EntryPattern p, double[] dLdPrediction, List<Matrix> gradients) {
            model.backward(p, dLdPrediction, gradients);
            // only the rows of the batch's users and items are nonzero (any depth: ∂ℓ/∂P = (S·Q)·(H···)ᵀ);
            // each is added once, found in O(batch) with a stamp per row
            Matrix gp = gradients.get(0);
            Matrix gq = gradients.get(model.depth() - 1);
            evaluations++;
            stamp++; // never reset: a stamp from an earlier batch must not match
            for (int e = 0; e < p.size(); e++) {
                int u = p.row(e);
                int i = p.col(e);
                if (userStamp[u] != stamp) {
                    userStamp[u] = stamp;
                    sumP.addRowScaled(u, 1.0, gp);
                }
                if (itemStamp[i] != stamp) {
                    itemStamp[i] = stamp;
                    sumQ.addRowScaled(i, 1.0, gq);
                }
            }
        }

        @Override
        public void backward(LinearOperand dLdW, List<Matrix> gradients) {
            model.backward(dLdW, gradients);
            record(gradients);
        }

        private void record(List<Matrix> gradients) {
            sumP.addScaled(1.0, gradients.get(0));
            sumQ.addScaled(1.0, gradients.get(model.depth() - 1));
            evaluations++;
        }

        @Override
        public int rows() {
            return model.rows();
        }

        @Override
        public int cols() {
            return model.cols();
        }

        @Override
        public Matrix endToEnd() {
            return model.endToEnd();
        }

        @Override
        public List<Matrix> factors() {
            return model.factors();
        }

        @Override
        public List<Matrix> newGradientBuffers() {
            return model.newGradientBuffers();
        }

        @Override
        public void afterUpdate() {
            model.afterUpdate();
        }

        @Override
        public Parameterization copy() {
            return model.copy();
        }

        @Override
        public String toString() {
            return model.toString();
        }
    }
}
