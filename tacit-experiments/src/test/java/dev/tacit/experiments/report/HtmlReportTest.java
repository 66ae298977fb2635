package dev.tacit.experiments.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {

  @TempDir
  Path dir;

  @Test
  void reportIsSelfContainedAndEscaped() throws IOException {
    Path csv = dir.resolve("errors.csv");
    Csv.writeCsv(csv, List.of("method", "rmse"),
        List.of(List.of("gd <fast>", "0.125"), List.of("als & co", "1e-3")));
    Path png = dir.resolve("plot.png");
    Plots.writePng(PlotSpec.builder("p").size(200, 150)
        .add("s", new double[] {1, 2, 3}, new double[] {3, 1, 2}).build(), png);

    String title = "Results <script>alert('x')</script> & more";
    Path html = dir.resolve("report.html");
    new HtmlReport(title)
        .addHeading("Setup")
        .addParagraph("Paragraph with <b>tags</b> & \"quotes\"")
        .addCsvTable("Errors <1>", csv)
        .addTable("Inline", List.of("k", "v"), List.of(List.of("a", "1"), List.of("short")))
        .addImage("Loss <curve>", png)
        .addPreformatted("Provenance", "{\"seed\":42,\"note\":\"a<script>b\",\"dims\":[3,4]}")
        .write(html);

    String page = Files.readString(html, StandardCharsets.UTF_8);
    assertTrue(page.startsWith("<!DOCTYPE html>"));
    assertTrue(page.contains(
        "<h1>Results &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more</h1>"));
    assertTrue(page.contains("<title>Results &lt;script&gt;"));
    assertTrue(page.contains("Paragraph with &lt;b&gt;tags&lt;/b&gt; &amp; &quot;quotes&quot;"));
    assertTrue(page.contains("<caption>Errors &lt;1&gt;</caption>"));
    assertTrue(page.contains("<th>method</th><th>rmse</th>"));
    assertTrue(page.contains("<td>gd &lt;fast&gt;</td><td class=\"num\">0.125</td>"));
    assertTrue(page.contains("<td>als &amp; co</td><td class=\"num\">1e-3</td>"));
    assertTrue(page.contains("<td>short</td><td></td>"));
    assertTrue(page.contains("&quot;seed&quot;: 42"));
    assertTrue(page.contains("a&lt;script&gt;b"));
    assertFalse(page.toLowerCase(Locale.ROOT).contains("<script"));
    assertFalse(page.contains("src=\"http"));

    Matcher m = Pattern.compile("<img src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"")
        .matcher(page);
    assertTrue(m.find(), "embedded PNG");
    byte[] decoded = Base64.getDecoder().decode(m.group(1));
    assertNotNull(ImageIO.read(new ByteArrayInputStream(decoded)));
    assertTrue(page.contains("alt=\"Loss &lt;curve&gt;\""));

    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(3, files.count(), "no temporary files left behind");
    }
  }

  @Test
  void renderIsDeterministic() {
    HtmlReport r = new HtmlReport("t").addParagraph("p");
    assertEquals(r.render(), r.render());
  }

  @Test
  void compactJsonIsIndentedAndOtherTextKept() {
    assertEquals("{\n  \"a\": 1,\n  \"b\": [\n    \"x,y\",\n    {}\n  ]\n}",
        JsonIndent.prettyIfCompact("{\"a\":1,\"b\":[\"x,y\",{}]}"));
    assertEquals("already\n  formatted", JsonIndent.prettyIfCompact("already\n  formatted"));
    assertEquals("{\n  \"s\": \"q\\\"{[\"\n}", JsonIndent.prettyIfCompact("{\"s\":\"q\\\"{[\"}"));
  }
}
