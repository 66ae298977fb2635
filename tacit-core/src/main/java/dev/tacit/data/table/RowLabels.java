package dev.tacit.data.table;

/** Whether the first column of a table holds row labels (see {@link LabeledMatrixReader}). */
public enum RowLabels {
    /** When any of its cells below the header is not a number. */
    AUTO,
    /** Always: the first column is read as labels even when its cells are numbers. */
    FIRST_COLUMN,
    /** Never: the first column is data, rows are named r1..rn. */
    NONE
}
