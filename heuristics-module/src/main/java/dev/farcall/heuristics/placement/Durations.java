package dev.farcall.heuristics.placement;

/**
 * Formats estimates for reasons people read (placement plans and the adaptive policy's decisions).
 * Hand-rolled rather than {@code String.format}, which dominated the time of a greedy placement of
 * 10,000 methods.
 */
public final class Durations {
  private Durations() {}

  /** E.g. {@code 80 ns}, {@code 350.0 µs}, {@code 12.0 ms}, {@code 2.5 s}. */
  public static String format(double nanos) {
    if (nanos < 1_000) {
      return Math.round(nanos) + " ns";
    }
    if (nanos < 1_000_000) {
      return oneDecimal(nanos / 1_000) + " µs";
    }
    if (nanos < 1_000_000_000) {
      return oneDecimal(nanos / 1_000_000) + " ms";
    }
    return oneDecimal(nanos / 1_000_000_000) + " s";
  }

  /** A factor without needless decimals: {@code 4}, {@code 0.5}. */
  public static String factor(double factor) {
    return factor == Math.rint(factor) && Math.abs(factor) < 1e15
        ? Long.toString((long) factor)
        : Double.toString(factor);
  }

  /** A count without decimals. */
  public static String count(double count) {
    return Long.toString(Math.round(count));
  }

  private static String oneDecimal(double value) {
    long tenths = Math.round(value * 10);
    return (tenths / 10) + "." + (tenths % 10);
  }
}
