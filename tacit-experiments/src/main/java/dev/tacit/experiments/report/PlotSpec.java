package dev.tacit.experiments.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What to draw in a line plot: titles, axis scales, image size and the series.
 *
 * <p>Build one with {@link #builder(String)}, or with {@link #of(String, String, String, List)}
 * for linear axes at the default size.
 *
 * @param title chart title (null becomes empty)
 * @param xLabel x axis title (null becomes empty)
 * @param yLabel y axis title (null becomes empty)
 * @param xAxis x axis scale (not null)
 * @param yAxis y axis scale (not null)
 * @param width image width in pixels, positive
 * @param height image height in pixels, positive
 * @param series lines to draw, in legend order (copied; may be empty)
 */
public record PlotSpec(String title, String xLabel, String yLabel, Axis xAxis, Axis yAxis,
    int width, int height, List<Series> series) {

  /** Default image width in pixels. */
  public static final int DEFAULT_WIDTH = 800;
  /** Default image height in pixels. */
  public static final int DEFAULT_HEIGHT = 500;

  /**
   * Validates and copies the arguments.
   *
   * @param title chart title (null becomes empty)
   * @param xLabel x axis title (null becomes empty)
   * @param yLabel y axis title (null becomes empty)
   * @param xAxis x axis scale
   * @param yAxis y axis scale
   * @param width image width in pixels
   * @param height image height in pixels
   * @param series lines to draw
   * @throws NullPointerException if an axis, the series list or one of its elements is null
   * @throws IllegalArgumentException if width or height is not positive
   */
  public PlotSpec {
    title = title == null ? "" : title;
    xLabel = xLabel == null ? "" : xLabel;
    yLabel = yLabel == null ? "" : yLabel;
    Objects.requireNonNull(xAxis, "xAxis");
    Objects.requireNonNull(yAxis, "yAxis");
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("image size must be positive: " + width + "x" + height);
    }
    series = List.copyOf(series);
  }

  /**
   * Returns a spec with linear axes and the default size.
   *
   * @param title chart title
   * @param xLabel x axis title
   * @param yLabel y axis title
   * @param series lines to draw
   * @return the spec
   */
  public static PlotSpec of(String title, String xLabel, String yLabel, List<Series> series) {
    return new PlotSpec(title, xLabel, yLabel, Axis.LINEAR, Axis.LINEAR, DEFAULT_WIDTH,
        DEFAULT_HEIGHT, series);
  }

  /**
   * Starts a builder with the given title, linear axes, empty labels, the default size and no
   * series.
   *
   * @param title chart title
   * @return a new builder
   */
  public static Builder builder(String title) {
    return new Builder(title);
  }

  /** Mutable builder for {@link PlotSpec}; each setter returns {@code this}. */
  public static final class Builder {
    private final String title;
    private String xLabel = "";
    private String yLabel = "";
    private Axis xAxis = Axis.LINEAR;
    private Axis yAxis = Axis.LINEAR;
    private int width = DEFAULT_WIDTH;
    private int height = DEFAULT_HEIGHT;
    private final List<Series> series = new ArrayList<>();

    private Builder(String title) {
      this.title = title;
    }

    /**
     * Sets the x axis title.
     *
     * @param label the title
     * @return this builder
     */
    public Builder xLabel(String label) {
      this.xLabel = label;
      return this;
    }

    /**
     * Sets the y axis title.
     *
     * @param label the title
     * @return this builder
     */
    public Builder yLabel(String label) {
      this.yLabel = label;
      return this;
    }

    /**
     * Sets the x axis scale.
     *
     * @param axis the scale
     * @return this builder
     */
    public Builder xAxis(Axis axis) {
      this.xAxis = Objects.requireNonNull(axis, "axis");
      return this;
    }

    /**
     * Sets the y axis scale.
     *
     * @param axis the scale
     * @return this builder
     */
    public Builder yAxis(Axis axis) {
      this.yAxis = Objects.requireNonNull(axis, "axis");
      return this;
    }

    /**
     * Sets the image size in pixels.
     *
     * @param width width, positive
     * @param height height, positive
     * @return this builder
     */
    public Builder size(int width, int height) {
      this.width = width;
      this.height = height;
      return this;
    }

    /**
     * Appends a series.
     *
     * @param s the series
     * @return this builder
     */
    public Builder add(Series s) {
      series.add(Objects.requireNonNull(s, "series"));
      return this;
    }

    /**
     * Appends a series built from its parts.
     *
     * @param name legend label
     * @param x x coordinates
     * @param y y coordinates, same length as {@code x}
     * @return this builder
     */
    public Builder add(String name, double[] x, double[] y) {
      return add(new Series(name, x, y));
    }

    /**
     * Appends several series.
     *
     * @param all the series
     * @return this builder
     */
    public Builder addAll(List<Series> all) {
      all.forEach(this::add);
      return this;
    }

    /**
     * Builds the spec.
     *
     * @return the spec
     * @throws IllegalArgumentException if the size is not positive
     */
    public PlotSpec build() {
      return new PlotSpec(title, xLabel, yLabel, xAxis, yAxis, width, height, series);
    }
  }
}
