package dev.tacit.fit;

import dev.tacit.linalg.Matrix;
import dev.tacit.model.Parameterization;
import java.util.ArrayList;
import java.util.List;

/**
 * A reusable copy of a parameterization's factors, for listeners that keep the best iterate of a run
 * ({@link EarlyStopping}, {@link RankOracleStopping}): {@link #save} overwrites the copy in place after
 * the first call, {@link #restore} writes it back and re-applies the model's constraints.
 */
final class FactorSnapshot {

    private List<Matrix> copy;

    /** @param model the model whose current factors to keep */
    void save(Parameterization model) {
        List<Matrix> f = model.factors();
        if (copy == null) {
            copy = new ArrayList<>();
            for (Matrix m : f) {
                copy.add(m.copy());
            }
        } else {
            for (int j = 0; j < f.size(); j++) {
                copy.get(j).copyFrom(f.get(j));
            }
        }
    }

    /** @param model the model to overwrite with the saved factors (no-op if nothing was saved) */
    void restore(Parameterization model) {
        if (copy == null) {
            return;
        }
        List<Matrix> f = model.factors();
        for (int j = 0; j < f.size(); j++) {
            f.get(j).copyFrom(copy.get(j));
        }
        model.afterUpdate();
    }
}
