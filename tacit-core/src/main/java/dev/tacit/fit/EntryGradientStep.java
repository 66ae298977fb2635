package dev.tacit.fit;

import dev.tacit.linalg.Matrix;
import dev.tacit.model.EntryParameterization;
import dev.tacit.model.Parameterization;
import dev.tacit.objective.EntryObjective;
import dev.tacit.objective.Objective;
import dev.tacit.optim.Optimizer;
import java.util.List;

/**
 * A full-batch first-order step that never forms the end-to-end matrix: predictions ŷ on Ω from an
 * {@link EntryParameterization}, ∂ℓ/∂ŷ from an {@link EntryObjective}, ∂ℓ/∂θ by the model's entry
 * chain rule, then the optimizer's update. Same contract as {@link GradientStep}.
 */
public final class EntryGradientStep implements UpdateRule {

    private final Optimizer optimizer;
    private double[] predictions;
    private double[] dPredictions;
    private List<Matrix> gradients;

    /** @param optimizer the optimizer (settings; state is created per run) */
    public EntryGradientStep(Optimizer optimizer) {
        this.optimizer = optimizer.copy();
    }

    static EntryParameterization entryModel(Parameterization p) {
        if (!(p instanceof EntryParameterization ep)) {
            throw new IllegalArgumentException(p + " cannot predict entries; use GradientStep");
        }
        return ep;
    }

    static EntryObjective entryObjective(Objective o) {
        if (!(o instanceof EntryObjective eo)) {
            throw new IllegalArgumentException(o + " is not an entry objective; use GradientStep");
        }
        return eo;
    }

    @Override
    public void init(Parameterization parameterization, Objective objective) {
        EntryParameterization model = entryModel(parameterization);
        EntryObjective loss = entryObjective(objective);
        if (loss.rows() != model.rows() || loss.cols() != model.cols()) {
            throw new IllegalArgumentException("objective is " + loss.rows() + "x" + loss.cols() + " but the model is "
                    + model.rows() + "x" + model.cols());
        }
        predictions = new double[loss.pattern().size()];
        dPredictions = new double[predictions.length];
        gradients = model.newGradientBuffers();
        optimizer.init(model.factors());
    }

    @Override
    public double evaluate(Parameterization parameterization, Objective objective) {
        EntryParameterization model = (EntryParameterization) parameterization;
        EntryObjective loss = (EntryObjective) objective;
        model.predict(loss.pattern(), predictions);
        double value = loss.valueAndGradient(predictions, dPredictions);
        if (Double.isFinite(value)) {
            model.backward(loss.pattern(), dPredictions, gradients);
        }
        return value;
    }

    @Override
    public void update(Parameterization parameterization, Objective objective) {
        optimizer.step(parameterization.factors(), gradients);
        parameterization.afterUpdate();
    }

    @Override
    public double lastStepSize() {
        return optimizer.lastStepSize();
    }

    @Override
    public EntryGradientStep copy() {
        return new EntryGradientStep(optimizer);
    }

    @Override
    public String toString() {
        return "EntryGradientStep(" + optimizer + ")";
    }
}
