package dev.tacit.experiments.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A table of strings: a header row and data rows, as read from or written to a CSV file.
 *
 * <p>Immutable; null cells are stored as empty strings. Rows may have a different number of
 * cells than the header (renderers pad or extend as needed).
 *
 * @param header column names (not null)
 * @param rows data rows (not null)
 */
public record Table(List<String> header, List<List<String>> rows) {

  /**
   * Validates and copies the arguments.
   *
   * @param header column names
   * @param rows data rows
   */
  public Table {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(rows, "rows");
    header = copyRow(header);
    List<List<String>> copy = new ArrayList<>(rows.size());
    for (List<String> row : rows) {
      copy.add(copyRow(Objects.requireNonNull(row, "row")));
    }
    rows = Collections.unmodifiableList(copy);
  }

  private static List<String> copyRow(List<String> row) {
    List<String> copy = new ArrayList<>(row.size());
    for (String cell : row) {
      copy.add(cell == null ? "" : cell);
    }
    return Collections.unmodifiableList(copy);
  }
}
