package dev.tacit.experiments.report;

/** Scale of a plot axis. */
public enum Axis {
  /** Linear scale. */
  LINEAR,
  /** Base-10 logarithmic scale; non-positive values cannot be shown and are dropped. */
  LOG
}
