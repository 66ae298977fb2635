package dev.tacit.experiments.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Renders {@link PlotSpec}s to PNG files with XChart.
 *
 * <p>Points with a NaN or infinite coordinate are dropped, and so are points that a logarithmic
 * axis cannot show (coordinate {@code <= 0}); a series left with no points is left out. None of
 * this throws: a plot whose series are all empty is drawn as empty axes. Series with more than
 * {@value #MARKER_LIMIT} points are drawn as plain lines, shorter ones with markers. A logarithmic
 * axis spans whole decades around the data, since XChart labels only powers of ten there.
 *
 * <p>Rendering runs headless: {@code java.awt.headless} is set to {@code true} when this class
 * is initialised, unless the property was already set.
 */
public final class Plots {

  /** Series with more points than this are drawn without markers. */
  public static final int MARKER_LIMIT = 50;

  static {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  private Plots() {}

  /**
   * Draws {@code spec} as a line chart and writes it as a PNG image of the spec's size. The
   * image is written to a temporary sibling and moved into place; missing parent directories are
   * created and an existing file is replaced.
   *
   * @param spec what to draw
   * @param png target file (conventionally ending in {@code .png})
   * @throws IOException if the file cannot be written
   */
  public static void writePng(PlotSpec spec, Path png) throws IOException {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(png, "png");
    XYChart chart = chart(spec);
    AtomicFiles.write(png, out -> BitmapEncoder.saveBitmap(chart, out,
        BitmapEncoder.BitmapFormat.PNG));
  }

  /** Builds the XChart chart for {@code spec}, with unplottable points already removed. */
  static XYChart chart(PlotSpec spec) {
    XYChart chart = new XYChartBuilder()
        .width(spec.width())
        .height(spec.height())
        .title(spec.title())
        .xAxisTitle(spec.xLabel())
        .yAxisTitle(spec.yLabel())
        .build();
    style(chart.getStyler(), spec);

    Set<String> names = new HashSet<>();
    DecadeRange xRange = new DecadeRange();
    DecadeRange yRange = new DecadeRange();
    int added = 0;
    for (Series s : spec.series()) {
      Series kept = PlotPoints.plottable(s, spec.xAxis(), spec.yAxis());
      if (kept.size() == 0) {
        continue;
      }
      xRange.include(kept.x());
      yRange.include(kept.y());
      XYSeries xy = chart.addSeries(uniqueName(kept.name(), names), kept.x(), kept.y());
      xy.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
      if (kept.size() > MARKER_LIMIT) {
        xy.setMarker(SeriesMarkers.NONE);
      }
      added++;
    }
    if (added > 0) {
      // XChart labels only powers of ten on a log axis: widen it to whole decades so that at
      // least two labelled ticks are always visible.
      if (spec.xAxis() == Axis.LOG) {
        chart.getStyler().setXAxisMin(xRange.lower()).setXAxisMax(xRange.upper());
      }
      if (spec.yAxis() == Axis.LOG) {
        chart.getStyler().setYAxisMin(yRange.lower()).setYAxisMax(yRange.upper());
      }
    } else {
      // XChart cannot lay out axes without data: draw an invisible point and hide the legend.
      XYSeries placeholder = chart.addSeries(" ", new double[] {1}, new double[] {1});
      placeholder.setMarker(SeriesMarkers.NONE);
      placeholder.setLineColor(new Color(0, 0, 0, 0));
      placeholder.setShowInLegend(false);
      chart.getStyler().setLegendVisible(false);
    }
    return chart;
  }

  private static void style(XYStyler styler, PlotSpec spec) {
    styler.setXAxisLogarithmic(spec.xAxis() == Axis.LOG);
    styler.setYAxisLogarithmic(spec.yAxis() == Axis.LOG);
    styler.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setPlotBackgroundColor(Color.WHITE);
    styler.setPlotBorderColor(Color.LIGHT_GRAY);
    styler.setPlotGridLinesColor(new Color(0xE0, 0xE0, 0xE0));
    styler.setLegendBorderColor(Color.LIGHT_GRAY);
    styler.setMarkerSize(6);
    styler.setAntiAlias(true);
  }

  /** XChart rejects duplicate series names; suffix repeats with " (2)", " (3)", ... */
  private static String uniqueName(String name, Set<String> used) {
    String candidate = name;
    for (int k = 2; !used.add(candidate); k++) {
      candidate = name + " (" + k + ")";
    }
    return candidate;
  }
}
