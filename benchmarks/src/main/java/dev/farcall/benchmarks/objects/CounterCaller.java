package dev.farcall.benchmarks.objects;

import dev.farcall.benchmarks.e2e.Measure;

/**
 * A caller of one counter: amounts 1..7 in turn, every returned value checked against the sum of
 * what it added.
 */
final class CounterCaller implements Measure.Call {

  /** One {@code add} of the counter, returning the new value. */
  interface Add {
    long add(int amount) throws Exception;
  }

  private final String what;
  private final Add add;
  private long expected;
  private long calls;

  CounterCaller(String what, long start, Add add) {
    this.what = what;
    this.add = add;
    this.expected = start;
  }

  @Override
  public void call() throws Exception {
    int amount = (int) (calls % 7) + 1;
    long value = add.add(amount);
    expected += amount;
    calls++;
    if (value != expected) {
      throw new IllegalStateException(
          what + ": add(" + amount + ") returned " + value + ", expected " + expected);
    }
  }

  /** Fails unless the counter's own value is the sum of everything added to it. */
  long check(long finalValue) {
    if (finalValue != expected) {
      throw new IllegalStateException(
          what + ": value() is " + finalValue + " after " + calls + " calls, expected " + expected);
    }
    return calls;
  }
}
