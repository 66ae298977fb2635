package dev.tacit.model.nmf;

import dev.tacit.fit.FitResult;
import dev.tacit.fit.Trainer;
import dev.tacit.fit.UpdateRule;
import dev.tacit.linalg.Backends;
import dev.tacit.linalg.LinearOperand;
import dev.tacit.linalg.Matrix;
import dev.tacit.linalg.SparseMatrix;
import dev.tacit.linalg.Transpose;
import dev.tacit.model.Parameterization;
import java.util.ArrayList;
import java.util.List;

/**
 * Nonnegative matrix factorization X ≈ W·H with W (n×k) ≥ 0 and H (k×m) ≥ 0 (Lee &amp; Seung, Nature
 * 1999; scikit-learn's {@code NMF}: W = {@code fit_transform(X)}, H = {@code components_}).
 *
 * <p>As a {@link Parameterization}: the end-to-end matrix is W·H; the chain rule for a dense gradient
 * G = ∂ℓ/∂(WH) is ∂ℓ/∂W = G·Hᵀ, ∂ℓ/∂H = Wᵀ·G; {@link #afterUpdate()} projects onto the constraint set
 * (negative entries → 0), which the multiplicative and coordinate-descent rules never need but a plain
 * gradient step does. W and H live on the JVM's backend (native OpenBLAS when available), like the
 * data in {@link NmfObjective}, so every product runs natively without copies.
 *
 * <p>{@link #fit(Matrix, int, NmfSettings)} is the scikit-learn-like entry point.
 */
public final class Nmf implements Parameterization {

    private final Matrix w;
    private final Matrix h;
    private final List<Matrix> factors;
    private Matrix product; // W·H, allocated on first use (never for sparse X under the multiplicative updates)
    private boolean fresh;
    private double lastViolation = Double.NaN;

    private Nmf(Matrix w, Matrix h) {
        if (w.cols() != h.rows()) {
            throw new IllegalArgumentException("W is " + w.rows() + "x" + w.cols() + " but H is " + h.rows() + "x"
                    + h.cols() + ": the inner dimensions must agree");
        }
        this.w = w;
        this.h = h;
        this.factors = List.of(w, h);
    }

    /**
     * @param w W (n×k, copied), entries ≥ 0
     * @param h H (k×m, copied), entries ≥ 0
     * @return the factorization, stored on the JVM's backend
     */
    public static Nmf of(Matrix w, Matrix h) {
        Matrix wc = Matrix.zeros(Backends.get(), w.rows(), w.cols());
        wc.copyFrom(w);
        Matrix hc = Matrix.zeros(Backends.get(), h.rows(), h.cols());
        hc.copyFrom(h);
        requireNonNegative(wc, "W");
        requireNonNegative(hc, "H");
        return new Nmf(wc, hc);
    }

    private static void requireNonNegative(Matrix m, String name) {
        for (int i = 0; i < m.rows(); i++) {
            for (int j = 0; j < m.cols(); j++) {
                double v = m.get(i, j);
                if (!(v >= 0) || Double.isInfinite(v)) {
                    throw new IllegalArgumentException(name + " must be finite and nonnegative: " + name + "[" + i
                            + "][" + j + "] = " + v);
                }
            }
        }
    }

    /**
     * Fits X ≈ W·H as scikit-learn's {@code NMF(n_components=k, init, solver, beta_loss, tol, max_iter,
     * alpha_W, alpha_H, l1_ratio).fit_transform(X)}: {@link NmfInit#initialize}, then a {@link Trainer}
     * run of {@link HalsRule} or {@link MultiplicativeUpdateRule} (one Trainer iteration = one sweep, W
     * then H) stopped by {@link NmfStopping} (sklearn's rules), at most {@code maxIterations} sweeps.
     * {@link NmfSolver#MIN_VOLUME} runs {@link MinVolumeRule} instead (rows of W on the simplex, the volume
     * term of {@link NmfSettings#minVolume()}; {@link NmfFit#objectiveHistory()} then includes it).
     *
     * @param data X (n×m, not modified), finite and ≥ 0
     * @param k the number of components, 1 ≤ k ≤ min(n, m)
     * @param settings solver, loss, init, stopping and penalties
     * @return W, H and the run's record
     * @throws IllegalArgumentException for negative or non-finite entries (named by row and column), an
     *     all-zero X, k out of range, solver {@link NmfSolver#COORDINATE_DESCENT}, {@link NmfSolver#MIN_VOLUME} or
     *     {@link NmfSolver#MAX_VOLUME} with a loss other than Frobenius, the volume solvers with an
     *     elastic-net penalty, or
     *     Itakura–Saito with zeros in X (sklearn refuses both)
     */
    public static NmfFit fit(Matrix data, int k, NmfSettings settings) {
        int n = data.rows();
        int m = data.cols();
        if (k < 1 || k > Math.min(n, m)) {
            throw new IllegalArgumentException("the number of components k must be in [1, min(n, m)] = [1, "
                    + Math.min(n, m) + "] for X of shape " + n + "x" + m + ", got k = " + k);
        }
        if (settings.solver() == NmfSolver.COORDINATE_DESCENT && settings.loss() != NmfLoss.FROBENIUS) {
            throw new IllegalArgumentException("solver COORDINATE_DESCENT (sklearn's 'cd') handles only the "
                    + "FROBENIUS loss, got " + settings.loss() + ": use MULTIPLICATIVE_UPDATE");
        }
        boolean volume = settings.solver() == NmfSolver.MIN_VOLUME || settings.solver() == NmfSolver.MAX_VOLUME;
        if (volume && settings.loss() != NmfLoss.FROBENIUS) {
            throw new IllegalArgumentException("solver " + settings.solver() + " handles only the FROBENIUS loss, got "
                    + settings.loss());
        }
        if (volume && !settings.penalty().equals(NmfPenalty.NONE)) {
            throw new IllegalArgumentException("solver " + settings.solver() + " takes no elastic-net penalty (its "
                    + "regularizer is the volume term), got " + settings.penalty());
        }
        return fit(NmfObjective.inPlace(data, settings.loss(), settings.penalty()), k, settings);
    }

    /**
     * Fits a sparse X (compressed sparse rows; stored entries only, X is never densified and WH is never
     * formed) with the multiplicative updates, scikit-learn's {@code NMF(solver="mu")} on a
     * {@code scipy.sparse} X: X·Hᵀ and Xᵀ·W are sparse products and, for KL, X/(WH) is evaluated at the
     * stored entries only ({@link MultiplicativeUpdateRule}). Same iterates as {@link #fit(Matrix, int,
     * NmfSettings)} on the dense copy of X, up to rounding. Inits: {@link NmfInit#RANDOM} (mean over all n·m
     * entries) or the NNDSVD variants (randomized SVD on the stored entries).
     *
     * @param data X (n×m, not modified), stored values finite and ≥ 0
     * @param k the number of components, 1 ≤ k ≤ min(n, m)
     * @param settings solver {@link NmfSolver#MULTIPLICATIVE_UPDATE}, loss FROBENIUS or KULLBACK_LEIBLER
     * @return W, H and the run's record
     * @throws IllegalArgumentException for another solver or loss, init {@link NmfInit#SPA}, negative or
     *     non-finite stored values, no nonzero stored value, or k out of range
     */
    public static NmfFit fit(SparseMatrix data, int k, NmfSettings settings) {
        if (data == null || settings == null) {
            throw new IllegalArgumentException("data and settings must not be null");
        }
        int n = data.rows();
        int m = data.cols();
        if (k < 1 || k > Math.min(n, m)) {
            throw new IllegalArgumentException("the number of components k must be in [1, min(n, m)] = [1, "
                    + Math.min(n, m) + "] for X of shape " + n + "x" + m + ", got k = " + k);
        }
        if (settings.solver() != NmfSolver.MULTIPLICATIVE_UPDATE) {
            throw new IllegalArgumentException("sparse X is fitted by solver MULTIPLICATIVE_UPDATE only, got "
                    + settings.solver());
        }
        if (settings.loss() == NmfLoss.ITAKURA_SAITO) {
            throw new IllegalArgumentException("sparse X has zeros, and the ITAKURA_SAITO loss with zeros may diverge "
                    + "(refused, as for dense X): use FROBENIUS or KULLBACK_LEIBLER");
        }
        return fit(NmfObjective.of(data, settings.loss(), settings.penalty()), k, settings);
    }

    private static NmfFit fit(NmfObjective objective, int k, NmfSettings settings) {
        if (!(objective.dataNormSquared() > 0)) {
            // every W, H with WH = 0 fits exactly, and rel_error = ‖X − WH‖_F/‖X‖_F would be 0/0
            throw new IllegalArgumentException("X is all zero (" + objective.rows() + "x" + objective.cols()
                    + "): there is nothing to factorize");
        }
        if (settings.loss() == NmfLoss.ITAKURA_SAITO && objective.hasZeros()) {
            throw new IllegalArgumentException("the ITAKURA_SAITO loss with zeros in X may diverge (as sklearn, "
                    + "refused): add small values to X or use another loss");
        }
        long start = System.nanoTime();
        Nmf model = settings.init().initialize(objective, k, settings.seed());
        UpdateRule rule;
        NmfStopping stopping;
        double volumeWeight = Double.NaN;
        switch (settings.solver()) {
            case COORDINATE_DESCENT -> {
                rule = new HalsRule();
                stopping = NmfStopping.coordinateDescent(settings.tolerance());
            }
            case MULTIPLICATIVE_UPDATE -> {
                rule = new MultiplicativeUpdateRule();
                stopping = NmfStopping.multiplicative(objective, settings.tolerance());
            }
            case MIN_VOLUME -> {
                MinVolumeRule minVolume = MinVolumeRule.start(model, objective, settings.volume());
                volumeWeight = minVolume.volumeWeight();
                rule = minVolume;
                stopping = NmfStopping.volume(settings.tolerance());
            }
            default -> {
                MaxVolumeRule maxVolume = MaxVolumeRule.start(model, objective, settings.volume());
                volumeWeight = maxVolume.volumeWeight();
                rule = maxVolume;
                stopping = NmfStopping.volume(settings.tolerance());
            }
        }
        Trainer trainer = Trainer.builder()
                .maxIterations(settings.maxIterations())
                .tolerance(0.0)
                .logEvery(1)
                .listener(stopping)
                .build();
        FitResult result = trainer.fit(model, objective, rule);
        double seconds = (System.nanoTime() - start) / 1e9;
        // for the Frobenius loss the reconstruction error is ‖X − WH‖_F itself (one pass over X, WH not formed)
        boolean frobenius = objective.loss() == NmfLoss.FROBENIUS;
        double residual = objective.residualNorm(model);
        double error = frobenius ? residual : objective.reconstructionError(model);
        double relError = residual / Math.sqrt(objective.dataNormSquared());
        return new NmfFit(model.w().copy(), model.h().copy(), result.iterations(),
                result.history().column("train_loss"), NmfFit.isConverged(result), error, relError, seconds, result,
                volumeWeight);
    }

    /** @return W (n×k), live */
    public Matrix w() {
        return w;
    }

    /** @return H (k×m), live */
    public Matrix h() {
        return h;
    }

    /** @return k */
    public int components() {
        return w.cols();
    }

    /**
     * @return Σ|projected gradient| accumulated by the last coordinate-descent sweep of {@link HalsRule}
     *     (sklearn's {@code violation}), NaN when no such sweep has run
     */
    public double lastViolation() {
        return lastViolation;
    }

    void recordViolation(double violation) {
        this.lastViolation = violation;
    }

    @Override
    public int rows() {
        return w.rows();
    }

    @Override
    public int cols() {
        return h.cols();
    }

    @Override
    public Matrix endToEnd() {
        if (product == null) {
            product = Matrix.zeros(w.backend(), w.rows(), h.cols());
        }
        if (!fresh) {
            Matrix.multiply(Transpose.NO, w, Transpose.NO, h, product);
            fresh = true;
        }
        return product;
    }

    @Override
    public void backward(LinearOperand dLdW, List<Matrix> gradients) {
        dLdW.times(Transpose.YES, h, gradients.get(0));
        dLdW.timesLeft(Transpose.YES, w, gradients.get(1));
    }

    @Override
    public List<Matrix> factors() {
        return factors;
    }

    @Override
    public List<Matrix> newGradientBuffers() {
        List<Matrix> out = new ArrayList<>();
        for (Matrix f : factors) {
            out.add(Matrix.zeros(f.backend(), f.rows(), f.cols()));
        }
        return out;
    }

    /** Invalidates W·H and clips negative entries of W and H to 0 (projection onto the constraints). */
    @Override
    public void afterUpdate() {
        fresh = false;
        clip(w);
        clip(h);
    }

    private static void clip(Matrix m) {
        for (int e = 0; e < m.size(); e++) {
            if (m.getFlat(e) < 0) {
                m.setFlat(e, 0.0);
            }
        }
    }

    /** Marks W·H stale without projecting (for rules that keep W, H ≥ 0 by construction). */
    void invalidate() {
        fresh = false;
    }

    @Override
    public Nmf copy() {
        Nmf c = new Nmf(w.copy(), h.copy());
        c.lastViolation = lastViolation;
        return c;
    }

    @Override
    public String toString() {
        return "Nmf(" + rows() + "x" + cols() + ", k=" + components() + ")";
    }
}
