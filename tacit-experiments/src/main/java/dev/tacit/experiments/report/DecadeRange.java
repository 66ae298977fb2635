package dev.tacit.experiments.report;

/** Running min/max of positive values, rounded outwards to powers of ten. */
final class DecadeRange {

  private double min = Double.POSITIVE_INFINITY;
  private double max = Double.NEGATIVE_INFINITY;

  /** Includes the finite positive values of {@code values}; others are ignored. */
  void include(double[] values) {
    for (double v : values) {
      if (v > 0 && Double.isFinite(v)) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
  }

  /** Largest power of ten {@code <=} the minimum (1 if nothing was included); always positive. */
  double lower() {
    if (min > max) {
      return 1;
    }
    double low = Math.pow(10, Math.floor(Math.log10(min)));
    // rounding in log10/pow, or underflow to 0 for subnormal minima: fall back to the data
    return low > 0 && low <= min ? low : min;
  }

  /** Smallest power of ten {@code >=} the maximum and above {@link #lower()}; always finite. */
  double upper() {
    if (min > max) {
      return 10;
    }
    double up = Math.pow(10, Math.ceil(Math.log10(max)));
    if (!(up >= max) || Double.isInfinite(up)) {
      up = max;
    }
    double low = lower();
    if (up > low) {
      return up;
    }
    return low * 10 < Double.POSITIVE_INFINITY ? low * 10 : Double.MAX_VALUE;
  }
}
