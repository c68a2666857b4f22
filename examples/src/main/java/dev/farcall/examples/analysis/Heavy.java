package dev.farcall.examples.analysis;

import java.util.stream.IntStream;

/** A heavy pure method called from a parallel stream (a concurrent context). */
public final class Heavy {
  private Heavy() {}

  /** Movable; its call site in the parallel lambda is concurrent. */
  public static long parallelSum(int n) {
    return IntStream.range(0, n).parallel().mapToLong(i -> Declared.crunch(i)).sum();
  }

  /** Movable: a tiny pure method. */
  public static int twice(int x) {
    return x * 2;
  }
}
