package dev.tacit.fit;

import dev.tacit.diagnostics.Diagnostic;
import dev.tacit.model.Parameterization;
import dev.tacit.objective.Objective;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs an {@link UpdateRule} until a stopping rule fires. Immutable configuration: one trainer can fit
 * many problems, and the same inputs always give the same {@link History}.
 *
 * <p>Iteration t evaluates ℓ(θ_t), then checks, in order: divergence (ℓ not finite →
 * {@link StopReason#DIVERGED} at step t), tolerance (ℓ ≤ tol with tol &gt; 0 → {@link StopReason#TOLERANCE}),
 * the budget (t = maxIterations → {@link StopReason#MAX_ITERATIONS}); logs a record when t is a multiple
 * of {@code logEvery} and at the final iteration (listeners may then stop the run), and otherwise
 * applies the update. Defaults: {@link #DEFAULT_MAX_ITERATIONS}, {@link #DEFAULT_TOLERANCE},
 * {@link #DEFAULT_LOG_EVERY} (those of Arora et al.'s code).
 */
public final class Trainer {

    /** The official code's {@code n_iters}. */
    public static final long DEFAULT_MAX_ITERATIONS = 1_000_000L;
    /** The official code's {@code train_thres}. */
    public static final double DEFAULT_TOLERANCE = 1e-6;
    /** The official code's {@code n_dev_iters}. */
    public static final int DEFAULT_LOG_EVERY = 1000;

    private final long maxIterations;
    private final double tolerance;
    private final int logEvery;
    private final List<Diagnostic> diagnostics;
    private final List<TrainingListener> listeners;

    private Trainer(Builder b) {
        this.maxIterations = b.maxIterations;
        this.tolerance = b.tolerance;
        this.logEvery = b.logEvery;
        this.diagnostics = List.copyOf(b.diagnostics);
        this.listeners = List.copyOf(b.listeners);
    }

    /** @return a builder with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the iteration budget */
    public long maxIterations() {
        return maxIterations;
    }

    /** @return the loss tolerance (0 = never stop on the loss) */
    public double tolerance() {
        return tolerance;
    }

    /** @return the logging interval */
    public int logEvery() {
        return logEvery;
    }

    /**
     * Trains {@code parameterization} in place.
     *
     * @param parameterization initial parameters (modified)
     * @param objective the loss
     * @param rule the update rule (copied; the argument is not modified)
     * @return the result, with history and stop reason
     */
    public FitResult fit(Parameterization parameterization, Objective objective, UpdateRule rule) {
        UpdateRule r = rule.copy();
        r.init(parameterization, objective);
        List<String> columns = new ArrayList<>(List.of("iteration", "train_loss", "step_size"));
        for (Diagnostic d : diagnostics) {
            columns.addAll(d.columns());
        }
        History history = new History(columns);
        long start = System.nanoTime();
        long t = 0;
        double loss;
        StopReason reason;
        while (true) {
            loss = r.evaluate(parameterization, objective);
            double step = t == 0 ? 0.0 : r.lastStepSize();
            StopReason stop = null;
            if (!Double.isFinite(loss)) {
                stop = StopReason.DIVERGED;
            } else if (tolerance > 0 && loss <= tolerance) {
                stop = StopReason.TOLERANCE;
            } else if (t >= maxIterations) {
                stop = StopReason.MAX_ITERATIONS;
            }
            if (stop != null || t % logEvery == 0) {
                TrainingState state = new TrainingState(t, loss, step, parameterization);
                history.add(record(state, columns.size(), stop == StopReason.DIVERGED));
                for (TrainingListener l : listeners) {
                    if (l.onLog(state, history) == Decision.STOP && stop == null) {
                        stop = StopReason.LISTENER;
                    }
                }
            }
            if (stop != null) {
                reason = stop;
                break;
            }
            r.update(parameterization, objective);
            t++;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new FitResult(parameterization, history, reason, t, loss, seconds);
    }

    private double[] record(TrainingState state, int width, boolean diverged) {
        double[] row = new double[width];
        row[0] = state.iteration();
        row[1] = state.trainLoss();
        row[2] = state.stepSize();
        int c = 3;
        for (Diagnostic d : diagnostics) {
            int k = d.columns().size();
            if (diverged) {
                java.util.Arrays.fill(row, c, c + k, Double.NaN);
            } else {
                double[] values = d.measure(state);
                System.arraycopy(values, 0, row, c, k);
            }
            c += k;
        }
        return row;
    }

    /** Builder for {@link Trainer}; every setter validates its argument. */
    public static final class Builder {
        private long maxIterations = DEFAULT_MAX_ITERATIONS;
        private double tolerance = DEFAULT_TOLERANCE;
        private int logEvery = DEFAULT_LOG_EVERY;
        private final List<Diagnostic> diagnostics = new ArrayList<>();
        private final List<TrainingListener> listeners = new ArrayList<>();

        private Builder() {
        }

        /** @param n iteration budget ≥ 0 @return this */
        public Builder maxIterations(long n) {
            if (n < 0) {
                throw new IllegalArgumentException("max iterations must be non-negative, got " + n);
            }
            this.maxIterations = n;
            return this;
        }

        /** @param tol stop when the training loss ≤ tol; 0 = never @return this */
        public Builder tolerance(double tol) {
            if (!(tol >= 0) || !Double.isFinite(tol)) {
                throw new IllegalArgumentException("tolerance must be non-negative and finite, got " + tol);
            }
            this.tolerance = tol;
            return this;
        }

        /** @param k log every k iterations, k ≥ 1 @return this */
        public Builder logEvery(int k) {
            if (k < 1) {
                throw new IllegalArgumentException("log interval must be at least 1, got " + k);
            }
            this.logEvery = k;
            return this;
        }

        /** @param d a diagnostic evaluated at each logged iteration @return this */
        public Builder diagnostic(Diagnostic d) {
            diagnostics.add(d);
            return this;
        }

        /** @param l a listener called at each logged iteration @return this */
        public Builder listener(TrainingListener l) {
            listeners.add(l);
            return this;
        }

        /** @return the trainer */
        public Trainer build() {
            return new Trainer(this);
        }
    }
}
