package dev.farcall.heuristics.adaptive;

/** Argument checks of the SPI's records (cheap: they run for every site of every round). */
final class Checks {
  private Checks() {}

  static double nonNegative(String name, double value) {
    if (!(value >= 0) || value == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException(name + " must be finite and >= 0, was " + value);
    }
    return value;
  }

  static long nonNegative(String name, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must be >= 0, was " + value);
    }
    return value;
  }

  static double share(String name, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(name + " must be within [0, 1], was " + value);
    }
    return value;
  }
}
