package dev.farcall.benchmarks.e2e;

import java.util.Arrays;

/** Round-trip times of one measurement, in nanoseconds, with the figures we report. */
final class Latencies {

  private final long[] nanos;
  private int count;

  Latencies(int capacity) {
    this.nanos = new long[capacity];
  }

  synchronized void add(long value) {
    if (count < nanos.length) {
      nanos[count++] = value;
    }
  }

  synchronized long percentileMicros(double p) {
    if (count == 0) {
      return -1;
    }
    long[] sorted = Arrays.copyOf(nanos, count);
    Arrays.sort(sorted);
    int index = (int) Math.min(count - 1, Math.max(0, Math.ceil(p / 100.0 * count) - 1));
    return sorted[index] / 1_000;
  }

  synchronized int count() {
    return count;
  }
}
