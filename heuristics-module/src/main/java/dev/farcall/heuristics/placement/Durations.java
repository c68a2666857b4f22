package dev.farcall.heuristics.placement;

import java.util.Locale;

/** Formats estimates for reasons people read. */
final class Durations {
  private Durations() {}

  /** E.g. {@code 80 ns}, {@code 350.0 µs}, {@code 12.0 ms}, {@code 2.5 s}. */
  static String format(double nanos) {
    if (nanos < 1_000) {
      return String.format(Locale.ROOT, "%.0f ns", nanos);
    }
    if (nanos < 1_000_000) {
      return String.format(Locale.ROOT, "%.1f µs", nanos / 1_000);
    }
    if (nanos < 1_000_000_000) {
      return String.format(Locale.ROOT, "%.1f ms", nanos / 1_000_000);
    }
    return String.format(Locale.ROOT, "%.1f s", nanos / 1_000_000_000);
  }

  /** A factor without needless decimals: {@code 4}, {@code 0.5}. */
  static String factor(double factor) {
    return factor == Math.rint(factor)
        ? String.format(Locale.ROOT, "%.0f", factor)
        : String.format(Locale.ROOT, "%s", factor);
  }
}
