package dev.tacit.fit;

import dev.tacit.diagnostics.Diagnostic;
import dev.tacit.linalg.EntryPattern;
import dev.tacit.model.EntryParameterization;
import dev.tacit.model.Parameterization;
import java.util.List;

/**
 * Early stopping on a validation set: at every logged iteration, the root-mean-square error of the
 * model's predictions on held-out entries (clipped to [lo, hi], as the final predictions are), and a
 * snapshot of the factors whenever it improves; the run stops when it has not improved for
 * {@code patience} consecutive logged iterations. After the fit, {@link #restoreBest(Parameterization)}
 * puts the best snapshot back.
 *
 * <pre>
 *   RMSE_val(θ) = √( (1/|V|) Σ_{e∈V} (clip(ŷ_e(θ) + o_e) − y_e)² )
 * </pre>
 *
 * This is the implicit-regularization reading of early stopping: the trajectory from small
 * initialization passes through low-rank solutions, and the validation set picks the step at which
 * to stop (Jiang, Chen, Ding 2023 study it for overparameterized MF). The offsets o_e (0 by default) let
 * a model that fits residuals of a baseline be judged on the original scale. Registered also as a
 * {@link Diagnostic}, it adds the column {@value #COLUMN} to the history (computed once per log).
 * Stateful: use one instance per fit.
 */
public final class EarlyStopping implements TrainingListener, Diagnostic {

    /** The history column this adds when registered as a diagnostic. */
    public static final String COLUMN = "val_rmse";

    private final EntryPattern pattern;
    private final double[] targets;
    private final double[] offsets;
    private long measuredAt = -1;
    private final int patience;
    private final double lo;
    private final double hi;
    private final double[] predictions;
    private double best = Double.POSITIVE_INFINITY;
    private long bestIteration = -1;
    private int sinceBest;
    private final FactorSnapshot snapshot = new FactorSnapshot();
    private double last = Double.NaN;

    /**
     * @param pattern validation entries
     * @param targets their values
     * @param patience logged iterations without improvement before stopping, ≥ 1
     * @param lo lower clip of predictions
     * @param hi upper clip of predictions (≥ lo)
     */
    public EarlyStopping(EntryPattern pattern, double[] targets, int patience, double lo, double hi) {
        this(pattern, targets, null, patience, lo, hi);
    }

    /**
     * @param pattern validation entries
     * @param targets their values
     * @param offsets o_e added to the model's predictions before clipping (null = 0)
     * @param patience logged iterations without improvement before stopping, ≥ 1
     * @param lo lower clip of predictions
     * @param hi upper clip of predictions (≥ lo)
     */
    public EarlyStopping(EntryPattern pattern, double[] targets, double[] offsets, int patience, double lo,
                         double hi) {
        if (offsets != null && offsets.length != targets.length) {
            throw new IllegalArgumentException(offsets.length + " offsets for " + targets.length + " targets");
        }
        this.offsets = offsets == null ? new double[targets.length] : offsets.clone();
        if (targets.length != pattern.size() || targets.length == 0) {
            throw new IllegalArgumentException("validation set needs one target per entry and at least one entry, got "
                    + targets.length + " targets for " + pattern.size() + " entries");
        }
        if (patience < 1) {
            throw new IllegalArgumentException("patience must be at least 1, got " + patience);
        }
        if (!(lo <= hi)) {
            throw new IllegalArgumentException("clip range is empty: [" + lo + ", " + hi + "]");
        }
        this.pattern = pattern;
        this.targets = targets.clone();
        this.patience = patience;
        this.lo = lo;
        this.hi = hi;
        this.predictions = new double[targets.length];
    }

    @Override
    public List<String> columns() {
        return List.of(COLUMN);
    }

    @Override
    public double[] measure(TrainingState state) {
        return new double[] {observe(state)};
    }

    private double observe(TrainingState state) {
        if (measuredAt != state.iteration()) {
            last = rmse((EntryParameterization) state.parameterization());
            measuredAt = state.iteration();
        }
        return last;
    }

    @Override
    public Decision onLog(TrainingState state, History history) {
        double rmse = observe(state);
        if (rmse < best) {
            best = rmse;
            bestIteration = state.iteration();
            sinceBest = 0;
            snapshot.save(state.parameterization());
            return Decision.CONTINUE;
        }
        sinceBest++;
        return sinceBest >= patience ? Decision.STOP : Decision.CONTINUE;
    }

    /**
     * @param model a model over the validation pattern's matrix
     * @return its validation RMSE (clipped predictions)
     */
    public double rmse(EntryParameterization model) {
        model.predict(pattern, predictions);
        double s = 0;
        for (int e = 0; e < targets.length; e++) {
            double p = Math.min(hi, Math.max(lo, predictions[e] + offsets[e]));
            double r = p - targets[e];
            s += r * r;
        }
        return Math.sqrt(s / targets.length);
    }

    /**
     * Copies the best snapshot into the model's factors (no-op if nothing was logged).
     *
     * @param model the model that was trained
     */
    public void restoreBest(Parameterization model) {
        snapshot.restore(model);
    }

    /** @return the best validation RMSE seen (∞ before the first log) */
    public double bestRmse() {
        return best;
    }

    /** @return the iteration of the best validation RMSE (−1 before the first log) */
    public long bestIteration() {
        return bestIteration;
    }

    /** @return the validation RMSE at the last logged iteration */
    public double lastRmse() {
        return last;
    }
}
