package dev.farcall.benchmarks.e2e;

import java.util.Arrays;

/**
 * Round-trip times of one measurement, in nanoseconds, with the figures we report. Grows beyond its
 * initial capacity, so a measurement bounded in time keeps every call.
 */
final class Latencies {

  private long[] nanos;
  private int count;

  Latencies(int capacity) {
    this.nanos = new long[Math.max(1, capacity)];
  }

  synchronized void add(long value) {
    if (count == nanos.length) {
      nanos = Arrays.copyOf(nanos, nanos.length * 2);
    }
    nanos[count++] = value;
  }

  /** Adds every time {@code other} holds (the callers of one measurement, merged). */
  synchronized void addAll(Latencies other) {
    long[] values;
    synchronized (other) {
      values = Arrays.copyOf(other.nanos, other.count);
    }
    for (long v : values) {
      add(v);
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
