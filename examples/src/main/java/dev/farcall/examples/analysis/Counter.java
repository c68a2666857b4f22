package dev.farcall.examples.analysis;

/** A static counter, a method that calls it, and a reader. */
public final class Counter {
  private static int count;

  private Counter() {}

  /** GLOBAL_WRITE (and GLOBAL_READ: it reads the counter it writes). */
  public static int increment() {
    return ++count;
  }

  /** GLOBAL_WRITE through a call. */
  public static int next(int step) {
    int last = 0;
    for (int i = 0; i < step; i++) {
      last = increment();
    }
    return last;
  }

  /** GLOBAL_READ only. */
  public static int current() {
    return count;
  }
}
