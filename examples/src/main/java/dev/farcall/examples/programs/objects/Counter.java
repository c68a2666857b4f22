package dev.farcall.examples.programs.objects;

/**
 * A plain counter: the smallest remote object with state, called by the remote-objects benchmark
 * (each {@link #add(int)} returns the new value, so a caller can check every call).
 */
public class Counter {

  private long value;

  public Counter(long start) {
    this.value = start;
  }

  /** Adds {@code amount}; returns the new value. */
  public long add(int amount) {
    value += amount;
    return value;
  }

  public long value() {
    return value;
  }
}
