package dev.tacit.data.table;

import dev.tacit.linalg.Matrix;
import java.nio.file.Path;

/**
 * Examples for supervised learning: n feature rows and one target per row.
 *
 * @param features X, n×p (one example per row)
 * @param targets y, n values: class indices 0..classes−1 (as doubles) for classification, real values for
 *     regression
 * @param classes number of classes, or 0 for a regression table
 * @param source the file the features were read from (for messages)
 */
public record SupervisedTable(Matrix features, double[] targets, int classes, Path source) {

    /** Checks the shapes. */
    public SupervisedTable {
        if (targets.length != features.rows()) {
            throw new IllegalArgumentException(features.rows() + " feature rows but " + targets.length + " targets");
        }
        if (classes < 0 || classes == 1) {
            throw new IllegalArgumentException("classes must be 0 (regression) or at least 2, got " + classes);
        }
    }

    /** @return the number of examples */
    public int size() {
        return features.rows();
    }

    /** @return whether the targets are class indices */
    public boolean isClassification() {
        return classes > 0;
    }

    /**
     * @param i example index
     * @return its class index (classification only)
     */
    public int label(int i) {
        return (int) targets[i];
    }

    /** @return a copy of the targets */
    @Override
    public double[] targets() {
        return targets.clone();
    }
}
