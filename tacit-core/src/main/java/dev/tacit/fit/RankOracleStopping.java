package dev.tacit.fit;

import dev.tacit.diagnostics.Diagnostic;
import dev.tacit.linalg.Matrix;
import dev.tacit.linalg.Svd;
import dev.tacit.linalg.SvdMode;
import dev.tacit.model.Parameterization;
import java.util.List;

/**
 * Early stopping when the rank r is known (an oracle rule): at every logged iteration, the relative distance of
 * the end-to-end matrix to a rank-r target X_r (typically the best rank-r approximation of the data),
 *
 * <pre>
 *   d_r(θ_t) = ‖W(θ_t) − X_r‖_F / ‖X_r‖_F,
 * </pre>
 *
 * and a snapshot of the factors whenever it improves. After the fit, {@link #restoreBest(Parameterization)} puts
 * back the iterate closest to X_r. This is the stopping time of Jiang, Chen, Ding (SIMODS 2023, arXiv 2203.02839):
 * GD on ½‖UVᵀ − X‖²_F from a small random init learns the singular components one at a time, and stopped at the
 * right time UVᵀ ≈ X_r whenever σ_r &gt; σ_{r+1}. Without the oracle (r or X unknown), use the validation rule
 * {@link EarlyStopping}.
 *
 * <p>With {@code patience} = 0 the rule never stops the run (it only records the closest iterate: useful to
 * measure the whole trajectory); with patience p ≥ 1 it stops after p consecutive logged iterations without
 * improvement. Registered also as a {@link Diagnostic}, it adds one column (its name is a constructor argument)
 * to the history. Stateful: use one instance per fit.
 */
public final class RankOracleStopping implements TrainingListener, Diagnostic {

    private final Matrix target;
    private final double targetNorm;
    private final int patience;
    private final String column;
    private double best = Double.POSITIVE_INFINITY;
    private long bestIteration = -1;
    private int sinceBest;
    private final FactorSnapshot snapshot = new FactorSnapshot();
    private long measuredAt = -1;
    private double last = Double.NaN;

    /**
     * @param target X_r (copied), nonzero
     * @param patience logged iterations without improvement before stopping, ≥ 0 (0 = never stop)
     * @param column the history column name when registered as a diagnostic
     */
    public RankOracleStopping(Matrix target, int patience, String column) {
        if (patience < 0) {
            throw new IllegalArgumentException("patience must be non-negative, got " + patience);
        }
        this.target = target.copy();
        this.targetNorm = target.frobeniusNorm();
        if (!(targetNorm > 0) || !Double.isFinite(targetNorm)) {
            throw new IllegalArgumentException("target must be nonzero and finite, ‖X_r‖_F = " + targetNorm);
        }
        this.patience = patience;
        this.column = column;
    }

    /**
     * The rule for the best rank-r approximation of {@code x}.
     *
     * @param x the data X
     * @param rank r, in [1, min(n₁, n₂)]
     * @param patience see {@link #RankOracleStopping(Matrix, int, String)}
     * @return the rule, with history column {@code dist_r<r>}
     */
    public static RankOracleStopping forRank(Matrix x, int rank, int patience) {
        return new RankOracleStopping(bestRankApproximation(x, rank), patience, "dist_r" + rank);
    }

    /**
     * X_r = Σ_{i ≤ r} σ_i u_i v_iᵀ (Eckart–Young).
     *
     * @param x the matrix (not modified)
     * @param rank r, in [1, min(n₁, n₂)]
     * @return its best rank-r approximation in Frobenius norm
     */
    public static Matrix bestRankApproximation(Matrix x, int rank) {
        int m = Math.min(x.rows(), x.cols());
        if (rank < 1 || rank > m) {
            throw new IllegalArgumentException("rank must be in [1, " + m + "], got " + rank);
        }
        Svd svd = x.svd(SvdMode.THIN);
        Matrix out = Matrix.zeros(x.rows(), x.cols());
        for (int i = 0; i < rank; i++) {
            double s = svd.value(i);
            for (int a = 0; a < x.rows(); a++) {
                double ua = s * svd.u().get(a, i);
                if (ua == 0) {
                    continue;
                }
                for (int b = 0; b < x.cols(); b++) {
                    out.set(a, b, out.get(a, b) + ua * svd.vt().get(i, b));
                }
            }
        }
        return out;
    }

    /**
     * @param w a matrix shaped like the target (not modified)
     * @return ‖W − X_r‖_F / ‖X_r‖_F (summed entrywise, without cancellation)
     */
    public double distance(Matrix w) {
        if (w.rows() != target.rows() || w.cols() != target.cols()) {
            throw new IllegalArgumentException("matrix is " + w.rows() + "x" + w.cols() + " but the target is "
                    + target.rows() + "x" + target.cols());
        }
        double s = 0;
        for (int k = 0; k < target.size(); k++) {
            double d = w.getFlat(k) - target.getFlat(k);
            s += d * d;
        }
        return Math.sqrt(s) / targetNorm;
    }

    @Override
    public List<String> columns() {
        return List.of(column);
    }

    @Override
    public double[] measure(TrainingState state) {
        return new double[] {observe(state)};
    }

    private double observe(TrainingState state) {
        if (measuredAt != state.iteration()) {
            last = distance(state.parameterization().endToEnd());
            measuredAt = state.iteration();
        }
        return last;
    }

    @Override
    public Decision onLog(TrainingState state, History history) {
        double d = observe(state);
        if (d < best) {
            best = d;
            bestIteration = state.iteration();
            sinceBest = 0;
            snapshot.save(state.parameterization());
            return Decision.CONTINUE;
        }
        sinceBest++;
        return patience > 0 && sinceBest >= patience ? Decision.STOP : Decision.CONTINUE;
    }

    /**
     * Copies the factors of the iterate closest to X_r into the model (no-op if nothing was logged).
     *
     * @param model the model that was trained
     */
    public void restoreBest(Parameterization model) {
        snapshot.restore(model);
    }

    /** @return the smallest relative distance seen (∞ before the first log) */
    public double bestDistance() {
        return best;
    }

    /** @return the iteration of the smallest distance (−1 before the first log) */
    public long bestIteration() {
        return bestIteration;
    }

    /** @return the relative distance at the last logged iteration */
    public double lastDistance() {
        return last;
    }

    /** @return X_r (read only) */
    public Matrix target() {
        return target;
    }
}
