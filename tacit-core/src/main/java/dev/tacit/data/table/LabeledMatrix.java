package dev.tacit.data.table;

import dev.tacit.linalg.Matrix;
import java.nio.file.Path;
import java.util.List;

/**
 * A dense matrix with the names of its rows and columns, as read from a table file.
 *
 * @param values the numbers (n×m)
 * @param rowLabels n row names (the label column's cells, or r1..rn)
 * @param columnLabels m column names (the header's cells, or c1..cm)
 * @param source the file it was read from, or null
 */
public record LabeledMatrix(Matrix values, List<String> rowLabels, List<String> columnLabels, Path source) {

    /** Checks that the labels match the shape and copies the lists. */
    public LabeledMatrix {
        rowLabels = List.copyOf(rowLabels);
        columnLabels = List.copyOf(columnLabels);
        if (values.rows() != rowLabels.size() || values.cols() != columnLabels.size()) {
            throw new IllegalArgumentException("a " + values.rows() + "x" + values.cols() + " matrix needs "
                    + values.rows() + " row and " + values.cols() + " column labels, got " + rowLabels.size()
                    + " and " + columnLabels.size());
        }
    }

    /** @return the number of rows */
    public int rows() {
        return values.rows();
    }

    /** @return the number of columns */
    public int cols() {
        return values.cols();
    }
}
