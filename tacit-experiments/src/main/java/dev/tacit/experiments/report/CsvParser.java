package dev.tacit.experiments.report;

import java.util.ArrayList;
import java.util.List;

/** Lexes RFC-4180 CSV text into records of fields. */
final class CsvParser {

  private CsvParser() {}

  /**
   * Splits {@code text} into records. Accepts LF, CRLF or CR line ends, quoted fields with
   * doubled quotes and embedded separators or line breaks, and a leading byte-order mark.
   * Empty lines are skipped. A quote inside an unquoted field, or text after a closing quote,
   * is kept literally.
   *
   * @throws IllegalArgumentException if a quoted field is not closed
   */
  static List<List<String>> parse(String text) {
    List<List<String>> records = new ArrayList<>();
    List<String> record = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean fieldStarted = false; // anything (even "") seen for the current record
    int i = text.startsWith("\uFEFF") ? 1 : 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < n && text.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          field.append(c);
        }
      } else if (c == '"' && field.length() == 0) {
        quoted = true;
        fieldStarted = true;
      } else if (c == ',') {
        record.add(field.toString());
        field.setLength(0);
        fieldStarted = true;
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
          i++;
        }
        if (fieldStarted || field.length() > 0) {
          record.add(field.toString());
          records.add(record);
        }
        record = new ArrayList<>();
        field.setLength(0);
        fieldStarted = false;
      } else {
        field.append(c);
        fieldStarted = true;
      }
      i++;
    }
    if (quoted) {
      throw new IllegalArgumentException("unterminated quoted field in record "
          + (records.size() + 1));
    }
    if (fieldStarted || field.length() > 0) {
      record.add(field.toString());
      records.add(record);
    }
    return records;
  }
}
