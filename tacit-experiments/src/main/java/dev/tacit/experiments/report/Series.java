package dev.tacit.experiments.report;

import java.util.Arrays;
import java.util.Objects;

/**
 * One named line of a plot: paired {@code x} and {@code y} coordinates of equal length.
 *
 * <p>The arrays are copied on construction and on access, so a series is immutable. Values may
 * be NaN or infinite; {@link Plots} drops such points when drawing.
 *
 * @param name legend label (not null)
 * @param x x coordinates (not null)
 * @param y y coordinates (not null), same length as {@code x}
 */
public record Series(String name, double[] x, double[] y) {

  /**
   * Validates and copies the arguments.
   *
   * @param name legend label
   * @param x x coordinates
   * @param y y coordinates
   * @throws NullPointerException if any argument is null
   * @throws IllegalArgumentException if {@code x} and {@code y} differ in length
   */
  public Series {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(x, "x");
    Objects.requireNonNull(y, "y");
    if (x.length != y.length) {
      throw new IllegalArgumentException("series '" + name + "': x has " + x.length
          + " points but y has " + y.length);
    }
    x = x.clone();
    y = y.clone();
  }

  /**
   * Returns a copy of the x coordinates.
   *
   * @return the x coordinates
   */
  @Override
  public double[] x() {
    return x.clone();
  }

  /**
   * Returns a copy of the y coordinates.
   *
   * @return the y coordinates
   */
  @Override
  public double[] y() {
    return y.clone();
  }

  /**
   * Returns the number of points.
   *
   * @return the number of points
   */
  public int size() {
    return x.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Series s && name.equals(s.name) && Arrays.equals(x, s.x)
        && Arrays.equals(y, s.y);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, Arrays.hashCode(x), Arrays.hashCode(y));
  }

  @Override
  public String toString() {
    return "Series[name=" + name + ", points=" + x.length + "]";
  }
}
