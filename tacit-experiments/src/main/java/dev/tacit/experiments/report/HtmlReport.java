package dev.tacit.experiments.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Builds a single self-contained HTML page: a title followed by headings, paragraphs, tables,
 * images and preformatted blocks, in the order they were added.
 *
 * <p>All text is HTML-escaped. Images are embedded as base64 {@code data:} URIs and the style
 * sheet is inline, so the page has no external references and no scripts. Files passed to
 * {@link #addCsvTable} and {@link #addImage} are read when added. The output is deterministic
 * (no timestamps), so identical inputs give identical files.
 *
 * <pre>{@code
 * new HtmlReport("Matrix completion, rank 5")
 *     .addParagraph("Reproduces Figure 2.")
 *     .addCsvTable("Final errors", dir.resolve("errors.csv"))
 *     .addImage("Test error vs. iteration", dir.resolve("error.png"))
 *     .addPreformatted("Provenance", provenanceJson)
 *     .write(dir.resolve("report.html"));
 * }</pre>
 */
public final class HtmlReport {

  private static final Pattern NUMBER = Pattern.compile(
      "[-+]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][-+]?\\d+)?%?|[-+]?(?:NaN|Infinity|Inf|inf|nan)");

  private static final String CSS = """
      body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;\
      color:#222;background:#fff;margin:0;line-height:1.5}
      main{max-width:1000px;margin:0 auto;padding:24px}
      h1{font-size:1.6em;margin:0 0 .6em;border-bottom:2px solid #ddd;padding-bottom:.3em}
      h2{font-size:1.25em;margin:1.6em 0 .5em}
      p{margin:.6em 0}
      .table-wrap{overflow-x:auto;margin:1em 0}
      table{border-collapse:collapse;font-size:.92em}
      caption{caption-side:top;text-align:left;font-weight:600;padding:.3em 0}
      th,td{border:1px solid #ddd;padding:4px 10px;text-align:left;vertical-align:top}
      th{background:#f0f2f5}
      tbody tr:nth-child(even){background:#f8f9fb}
      td.num{text-align:right;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;\
      font-variant-numeric:tabular-nums;white-space:nowrap}
      figure{margin:1.2em 0}
      figure img{max-width:100%;height:auto;border:1px solid #eee}
      figcaption{font-size:.92em;color:#555;margin-top:.3em}
      pre{background:#f6f8fa;border:1px solid #e1e4e8;padding:10px;overflow-x:auto;\
      font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.85em}
      """;

  private final String title;
  private final List<String> blocks = new ArrayList<>();

  /**
   * Starts a report.
   *
   * @param title page title, shown in the browser tab and as the top heading
   */
  public HtmlReport(String title) {
    this.title = Objects.requireNonNull(title, "title");
  }

  /**
   * Adds a section heading.
   *
   * @param text heading text
   * @return this report
   */
  public HtmlReport addHeading(String text) {
    blocks.add("<h2>" + Html.escape(text) + "</h2>");
    return this;
  }

  /**
   * Adds a paragraph of plain text (escaped; line breaks are kept).
   *
   * @param text paragraph text
   * @return this report
   */
  public HtmlReport addParagraph(String text) {
    blocks.add("<p>" + Html.escape(text).replace("\n", "<br>\n") + "</p>");
    return this;
  }

  /**
   * Adds a table. Short rows are padded with empty cells; cells that look like numbers are
   * right-aligned in a monospace font.
   *
   * @param caption table caption, or null for none
   * @param header column names
   * @param rows data rows
   * @return this report
   */
  public HtmlReport addTable(String caption, List<String> header, List<List<String>> rows) {
    return addTable(caption, new Table(header, rows));
  }

  /**
   * Adds a table; see {@link #addTable(String, List, List)}.
   *
   * @param caption table caption, or null for none
   * @param table header and rows
   * @return this report
   */
  public HtmlReport addTable(String caption, Table table) {
    int columns = table.header().size();
    for (List<String> row : table.rows()) {
      columns = Math.max(columns, row.size());
    }
    StringBuilder sb = new StringBuilder("<div class=\"table-wrap\"><table>\n");
    if (caption != null && !caption.isEmpty()) {
      sb.append("<caption>").append(Html.escape(caption)).append("</caption>\n");
    }
    if (!table.header().isEmpty()) {
      sb.append("<thead><tr>");
      for (int c = 0; c < columns; c++) {
        String name = c < table.header().size() ? table.header().get(c) : "";
        sb.append("<th>").append(Html.escape(name)).append("</th>");
      }
      sb.append("</tr></thead>\n");
    }
    sb.append("<tbody>\n");
    for (List<String> row : table.rows()) {
      sb.append("<tr>");
      for (int c = 0; c < columns; c++) {
        String cell = c < row.size() ? row.get(c) : "";
        sb.append(NUMBER.matcher(cell.strip()).matches() ? "<td class=\"num\">" : "<td>")
            .append(Html.escape(cell)).append("</td>");
      }
      sb.append("</tr>\n");
    }
    sb.append("</tbody></table></div>");
    blocks.add(sb.toString());
    return this;
  }

  /**
   * Reads a CSV file (first record is the header; see {@link Csv#readSimple(Path)}) and adds it
   * as a table.
   *
   * @param caption table caption, or null for none
   * @param csv CSV file, read now
   * @return this report
   * @throws IOException if the file cannot be read
   */
  public HtmlReport addCsvTable(String caption, Path csv) throws IOException {
    return addTable(caption, Csv.readSimple(csv));
  }

  /**
   * Embeds a PNG image as a base64 data URI, with the caption below it and as alt text.
   *
   * @param caption image caption, or null for none
   * @param png PNG file, read now
   * @return this report
   * @throws IOException if the file cannot be read
   */
  public HtmlReport addImage(String caption, Path png) throws IOException {
    String data = Base64.getEncoder().encodeToString(Files.readAllBytes(png));
    String alt = caption == null ? "" : caption;
    StringBuilder sb = new StringBuilder("<figure><img src=\"data:image/png;base64,")
        .append(data).append("\" alt=\"").append(Html.escape(alt)).append("\">");
    if (!alt.isEmpty()) {
      sb.append("<figcaption>").append(Html.escape(alt)).append("</figcaption>");
    }
    blocks.add(sb.append("</figure>").toString());
    return this;
  }

  /**
   * Adds a captioned block of preformatted text, for example the provenance JSON. Text that is
   * compact single-line JSON (starts with <code>{</code> or <code>[</code>) is indented for
   * reading; anything else is shown as given.
   *
   * @param caption heading above the block, or null for none
   * @param text the text (escaped)
   * @return this report
   */
  public HtmlReport addPreformatted(String caption, String text) {
    StringBuilder sb = new StringBuilder("<section>");
    if (caption != null && !caption.isEmpty()) {
      sb.append("<h2>").append(Html.escape(caption)).append("</h2>");
    }
    String body = JsonIndent.prettyIfCompact(text == null ? "" : text);
    sb.append("<pre>").append(Html.escape(body)).append("</pre></section>");
    blocks.add(sb.toString());
    return this;
  }

  /**
   * Returns the complete HTML document.
   *
   * @return the page source
   */
  public String render() {
    StringBuilder sb = new StringBuilder(1024);
    sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>").append(Html.escape(title)).append("</title>\n")
        .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n<main>\n")
        .append("<h1>").append(Html.escape(title)).append("</h1>\n");
    for (String block : blocks) {
      sb.append(block).append('\n');
    }
    return sb.append("</main>\n</body>\n</html>\n").toString();
  }

  /**
   * Writes the page (UTF-8) to a temporary sibling of {@code html} and moves it into place;
   * missing parent directories are created and an existing file is replaced.
   *
   * @param html target file, conventionally {@code report.html}
   * @throws IOException if the file cannot be written
   */
  public void write(Path html) throws IOException {
    byte[] bytes = render().getBytes(StandardCharsets.UTF_8);
    AtomicFiles.write(html, out -> out.write(bytes));
  }
}
