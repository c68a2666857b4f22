package dev.farcall.heuristics.placement;

/**
 * Measured behaviour of a method, which replaces the static estimates when present (the adaptive
 * level feeds these from run profiles).
 *
 * @param meanWorkMicros mean inclusive work of one call, in microseconds
 * @param meanBytes mean encoded argument plus result size of one call, in bytes
 * @param callsPerSecond observed call rate; carried for the adaptive policy and reported, not used
 *     by the static heuristics
 */
public record MethodProfile(double meanWorkMicros, double meanBytes, double callsPerSecond) {

  /** Validates that every figure is finite and not negative. */
  public MethodProfile {
    requireNonNegative("meanWorkMicros", meanWorkMicros);
    requireNonNegative("meanBytes", meanBytes);
    requireNonNegative("callsPerSecond", callsPerSecond);
  }

  private static void requireNonNegative(String name, double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be finite and >= 0, was " + value);
    }
  }
}
