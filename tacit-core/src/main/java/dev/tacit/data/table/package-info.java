/**
 * Labelled numeric tables: a CSV (comma, tab or semicolon) read by
 * {@link dev.tacit.data.table.LabeledMatrixReader} into a {@link dev.tacit.data.table.LabeledMatrix}, a
 * dense matrix with the names of its rows and columns, for the factorization models that take a whole
 * data matrix (NMF and relatives) rather than sparse ratings; and supervised-learning tables (features plus a
 * class label or a regression target) read by {@link dev.tacit.data.table.SupervisedTableReader} into a
 * {@link dev.tacit.data.table.SupervisedTable}, for the network experiments.
 *
 * <p>Every malformed input is reported by a {@link dev.tacit.data.table.TableFormatException} naming the
 * file, the 1-based line and, where it applies, the column.
 */
package dev.tacit.data.table;
