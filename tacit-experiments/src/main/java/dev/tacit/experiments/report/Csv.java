package dev.tacit.experiments.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Reading and writing small CSV files (UTF-8, comma-separated, RFC-4180 quoting).
 *
 * <p>Writing quotes a value only if it contains a comma, a double quote, CR or LF; records end
 * with {@code \n}. Reading accepts any of LF, CRLF or CR line ends.
 */
public final class Csv {

  private Csv() {}

  /**
   * Writes a CSV file: the header line, then one line per row. The file is written to a
   * temporary sibling and moved into place; missing parent directories are created. Null cells
   * are written as empty fields.
   *
   * @param csv target file (replaced if it exists)
   * @param header column names
   * @param rows data rows
   * @throws IOException if the file cannot be written
   */
  public static void writeCsv(Path csv, List<String> header, List<List<String>> rows)
      throws IOException {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(rows, "rows");
    AtomicFiles.write(csv, out -> {
      Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
      writeRecord(w, header);
      for (List<String> row : rows) {
        writeRecord(w, Objects.requireNonNull(row, "row"));
      }
      w.flush();
    });
  }

  /**
   * Writes {@code table} as a CSV file; see {@link #writeCsv(Path, List, List)}.
   *
   * @param csv target file (replaced if it exists)
   * @param table header and rows
   * @throws IOException if the file cannot be written
   */
  public static void writeCsv(Path csv, Table table) throws IOException {
    writeCsv(csv, table.header(), table.rows());
  }

  /**
   * Reads a CSV file whose first record is the header. RFC-4180 quoted fields (with doubled
   * quotes and embedded commas or line breaks) are supported; empty lines are skipped. An empty
   * file gives an empty header and no rows.
   *
   * @param csv file to read (UTF-8)
   * @return header and data rows
   * @throws IOException if the file cannot be read or has an unterminated quoted field
   */
  public static Table readSimple(Path csv) throws IOException {
    String text = Files.readString(csv, StandardCharsets.UTF_8);
    List<List<String>> records;
    try {
      records = CsvParser.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IOException(csv + ": " + e.getMessage(), e);
    }
    if (records.isEmpty()) {
      return new Table(List.of(), List.of());
    }
    return new Table(records.get(0), records.subList(1, records.size()));
  }

  /**
   * Quotes {@code value} for a CSV field if it contains a comma, double quote, CR or LF.
   *
   * @param value a cell value; null is treated as empty
   * @return the field text as it appears in the file
   */
  public static String quote(String value) {
    if (value == null) {
      return "";
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == ',' || c == '"' || c == '\n' || c == '\r') {
        return '"' + value.replace("\"", "\"\"") + '"';
      }
    }
    return value;
  }

  private static void writeRecord(Writer w, List<String> cells) throws IOException {
    if (cells.size() == 1 && (cells.get(0) == null || cells.get(0).isEmpty())) {
      w.write("\"\"\n"); // a bare empty line would be skipped when read back
      return;
    }
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        w.write(',');
      }
      w.write(quote(cells.get(i)));
    }
    w.write('\n');
  }
}
