package dev.tacit.experiments.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotsTest {

  @TempDir
  Path dir;

  private static double[] range(int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = i;
    }
    return v;
  }

  private static double[] decay(int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = Math.exp(-0.1 * i);
    }
    return v;
  }

  private BufferedImage writeAndRead(PlotSpec spec, String name) throws IOException {
    Path png = dir.resolve(name);
    Plots.writePng(spec, png);
    assertTrue(Files.isRegularFile(png));
    BufferedImage img = ImageIO.read(png.toFile());
    assertNotNull(img, "ImageIO could not decode " + png);
    return img;
  }

  @Test
  void linearPlotIsValidPngOfRequestedSize() throws IOException {
    PlotSpec spec = PlotSpec.builder("Linear")
        .xLabel("iteration")
        .yLabel("loss")
        .size(640, 480)
        .add("long", range(200), decay(200))
        .add("short", range(10), decay(10))
        .add(new Series("with NaN", new double[] {0, 1, 2, 3},
            new double[] {1, Double.NaN, Double.POSITIVE_INFINITY, -2}))
        .build();
    BufferedImage img = writeAndRead(spec, "linear.png");
    assertEquals(640, img.getWidth());
    assertEquals(480, img.getHeight());
  }

  @Test
  void logAxesDropZerosNegativesAndNonFinite() throws IOException {
    PlotSpec spec = PlotSpec.builder("Log-log")
        .xAxis(Axis.LOG)
        .yAxis(Axis.LOG)
        .add("mixed", new double[] {0, 1, 2, 3, 4, -1, 5},
            new double[] {1, 0, -3, 0.5, Double.NaN, 2, 0.1})
        .add("fine", new double[] {1, 10, 100}, new double[] {1e-3, 1e-2, 1e-1})
        .add("all bad", new double[] {0, -1}, new double[] {-1, 0})
        .add("empty", new double[0], new double[0])
        .build();
    BufferedImage img = writeAndRead(spec, "loglog.png");
    assertEquals(PlotSpec.DEFAULT_WIDTH, img.getWidth());
    assertEquals(PlotSpec.DEFAULT_HEIGHT, img.getHeight());
  }

  @Test
  void logYWithLinearX() throws IOException {
    PlotSpec spec = PlotSpec.builder("semilog")
        .yAxis(Axis.LOG)
        .add("errors", range(100), decay(100))
        .add("errors", new double[] {0, 1, 2}, new double[] {0, 0.5, 0.25}) // duplicate name
        .build();
    BufferedImage img = writeAndRead(spec, "semilog.png");
    assertEquals(800, img.getWidth());
  }

  @Test
  void plotWithNothingDrawableStillWritesAnImage() throws IOException {
    PlotSpec spec = PlotSpec.builder("nothing")
        .xAxis(Axis.LOG)
        .yAxis(Axis.LOG)
        .size(300, 200)
        .add("negative", new double[] {-1, -2}, new double[] {-1, -2})
        .add("nan", new double[] {Double.NaN}, new double[] {1})
        .build();
    BufferedImage img = writeAndRead(spec, "nothing.png");
    assertEquals(300, img.getWidth());
    assertEquals(200, img.getHeight());

    BufferedImage none = writeAndRead(PlotSpec.of("no series", "x", "y", List.of()), "none.png");
    assertEquals(800, none.getWidth());
  }

  @Test
  void constantAndSinglePointSeries() throws IOException {
    PlotSpec spec = PlotSpec.builder("constant")
        .yAxis(Axis.LOG)
        .add("flat", new double[] {1, 2, 3}, new double[] {5, 5, 5})
        .add("one", new double[] {2}, new double[] {5})
        .build();
    writeAndRead(spec, "constant.png");
  }

  @Test
  void extremeMagnitudesOnLogAxes() throws IOException {
    PlotSpec spec = PlotSpec.builder("extreme")
        .xAxis(Axis.LOG)
        .yAxis(Axis.LOG)
        .add("tiny-huge", new double[] {1e-30, 1, 1e30},
            new double[] {1e30, 1, 1e-30})
        .build();
    writeAndRead(spec, "extreme.png");
  }

  @Test
  void replacesExistingFileAndLeavesNoTemporaries() throws IOException {
    Path png = dir.resolve("sub/dir/plot.png");
    PlotSpec spec = PlotSpec.of("t", "x", "y", List.of(new Series("s", range(5), decay(5))));
    Plots.writePng(spec, png);
    Plots.writePng(spec, png);
    assertNotNull(ImageIO.read(png.toFile()));
    try (Stream<Path> files = Files.list(png.getParent())) {
      assertEquals(List.of(png), files.toList());
    }
  }

  @Test
  void plottableDropsOnlyUndrawablePoints() {
    Series s = new Series("s", new double[] {-1, 0, 1, 2, Double.NaN},
        new double[] {1, 2, Double.NEGATIVE_INFINITY, 4, 5});
    Series linear = PlotPoints.plottable(s, Axis.LINEAR, Axis.LINEAR);
    assertArrayEquals(new double[] {-1, 0, 2}, linear.x());
    assertArrayEquals(new double[] {1, 2, 4}, linear.y());
    Series logX = PlotPoints.plottable(s, Axis.LOG, Axis.LINEAR);
    assertArrayEquals(new double[] {2}, logX.x());
    assertArrayEquals(new double[] {4}, logX.y());
  }
}
