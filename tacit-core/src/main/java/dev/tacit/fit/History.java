package dev.tacit.fit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A columnar record of a run: one row per logged iteration, columns {@code iteration},
 * {@code train_loss}, {@code step_size}, then one column per diagnostic value. Immutable once the
 * run has returned it.
 */
public final class History {

    private final List<String> columns;
    private final List<double[]> rows = new ArrayList<>();

    History(List<String> columns) {
        this.columns = List.copyOf(columns);
    }

    /**
     * @param columns column names
     * @return a history with no records (e.g. of a model loaded from a file)
     */
    public static History empty(List<String> columns) {
        return new History(columns);
    }

    void add(double[] row) {
        if (row.length != columns.size()) {
            throw new IllegalStateException("row has " + row.length + " values for " + columns.size() + " columns");
        }
        rows.add(row.clone());
    }

    /** @return the column names */
    public List<String> columns() {
        return columns;
    }

    /** @return number of logged rows */
    public int size() {
        return rows.size();
    }

    /** @param i row index @return a copy of row i */
    public double[] row(int i) {
        return rows.get(i).clone();
    }

    /** @return all rows (unmodifiable, rows are copies) */
    public List<double[]> rows() {
        List<double[]> out = new ArrayList<>();
        for (double[] r : rows) {
            out.add(r.clone());
        }
        return Collections.unmodifiableList(out);
    }

    /** @param name column name @return its index */
    public int indexOf(String name) {
        int i = columns.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no column '" + name + "' in " + columns);
        }
        return i;
    }

    /** @param name column name @return whether the column exists */
    public boolean has(String name) {
        return columns.contains(name);
    }

    /** @param name column name @return the column's values over the logged rows */
    public double[] column(String name) {
        int c = indexOf(name);
        double[] out = new double[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = rows.get(i)[c];
        }
        return out;
    }

    /** @param name column name @return the value in the last row, NaN if empty */
    public double last(String name) {
        return rows.isEmpty() ? Double.NaN : rows.get(rows.size() - 1)[indexOf(name)];
    }
}
