package dev.tacit.experiments.report;

import java.util.Arrays;

/** Removes the points of a series that cannot be drawn on the given axes. */
final class PlotPoints {

  private PlotPoints() {}

  /**
   * Returns {@code s} without points that have a NaN or infinite coordinate, or a coordinate
   * {@code <= 0} on a {@link Axis#LOG} axis. Returns {@code s} itself if nothing is dropped.
   */
  static Series plottable(Series s, Axis xAxis, Axis yAxis) {
    double[] x = s.x();
    double[] y = s.y();
    int n = 0;
    for (int i = 0; i < x.length; i++) {
      if (drawable(x[i], xAxis) && drawable(y[i], yAxis)) {
        x[n] = x[i];
        y[n] = y[i];
        n++;
      }
    }
    return n == x.length ? s : new Series(s.name(), Arrays.copyOf(x, n), Arrays.copyOf(y, n));
  }

  static boolean drawable(double v, Axis axis) {
    return Double.isFinite(v) && (axis != Axis.LOG || v > 0);
  }
}
