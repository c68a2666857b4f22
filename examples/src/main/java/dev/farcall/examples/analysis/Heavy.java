package dev.farcall.examples.analysis;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/** A heavy pure method called from a parallel stream (a concurrent context). */
public final class Heavy {
  private Heavy() {}

  /** Movable; its call site in the parallel lambda is concurrent. */
  public static long parallelSum(int n) {
    return IntStream.range(0, n).parallel().mapToLong(i -> Declared.crunch(i)).sum();
  }

  /** THREADS (an executor); the crunch call inside the submitted lambda is concurrent. */
  public static long viaExecutor(ExecutorService pool, long n) throws Exception {
    Future<Long> result = pool.submit(() -> Declared.crunch(n));
    return result.get();
  }

  /** Movable: a tiny pure method. */
  public static int twice(int x) {
    return x * 2;
  }
}
