package dev.tacit.experiments.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTest {

  @TempDir
  Path dir;

  @Test
  void roundTripWithCommasQuotesAndNewlines() throws IOException {
    List<String> header = List.of("name", "value, with comma", "note");
    List<List<String>> rows = List.of(
        List.of("plain", "1.5e-3", ""),
        List.of("a,b", "say \"hi\"", "two\nlines"),
        List.of("\"", ",", "crlf\r\nhere"),
        List.of("", "", "trailing"));
    Path csv = dir.resolve("out/table.csv");
    Csv.writeCsv(csv, header, rows);

    Table read = Csv.readSimple(csv);
    assertEquals(header, read.header());
    assertEquals(rows, read.rows());
  }

  @Test
  void writesRfc4180Quoting() throws IOException {
    Path csv = dir.resolve("q.csv");
    Csv.writeCsv(csv, List.of("a", "b"), List.of(List.of("x,y", "He said \"no\"")));
    assertEquals("a,b\n\"x,y\",\"He said \"\"no\"\"\"\n",
        Files.readString(csv, StandardCharsets.UTF_8));
  }

  @Test
  void singleEmptyColumnSurvivesRoundTrip() throws IOException {
    Path csv = dir.resolve("single.csv");
    Csv.writeCsv(csv, List.of("only"), List.of(List.of(""), List.of("x")));
    Table read = Csv.readSimple(csv);
    assertEquals(List.of(List.of(""), List.of("x")), read.rows());
  }

  @Test
  void readsCrlfBomAndSkipsBlankLines() throws IOException {
    Path csv = dir.resolve("in.csv");
    Files.writeString(csv, "\uFEFFk,v\r\n\r\na,1\r\nb,2", StandardCharsets.UTF_8);
    Table read = Csv.readSimple(csv);
    assertEquals(List.of("k", "v"), read.header());
    assertEquals(List.of(List.of("a", "1"), List.of("b", "2")), read.rows());
  }

  @Test
  void emptyFileGivesEmptyTable() throws IOException {
    Path csv = dir.resolve("empty.csv");
    Files.writeString(csv, "");
    Table read = Csv.readSimple(csv);
    assertEquals(List.of(), read.header());
    assertEquals(List.of(), read.rows());
  }

  @Test
  void unterminatedQuoteIsAnError() throws IOException {
    Path csv = dir.resolve("bad.csv");
    Files.writeString(csv, "a,b\n\"open,1\n");
    assertThrows(IOException.class, () -> Csv.readSimple(csv));
  }
}
