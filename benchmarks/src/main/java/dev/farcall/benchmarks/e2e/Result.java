package dev.farcall.benchmarks.e2e;

/**
 * One line of a benchmark report.
 *
 * @param name what was measured
 * @param p50Micros median round trip
 * @param p99Micros 99th percentile round trip
 * @param perSecond completed operations per second
 */
public record Result(String name, long p50Micros, long p99Micros, double perSecond) {

  @Override
  public String toString() {
    return String.format(
        "%-48s p50 %7d µs   p99 %7d µs   %,10.0f /s", name, p50Micros, p99Micros, perSecond);
  }
}
