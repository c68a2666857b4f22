package dev.farcall.examples.analysis;

import java.util.List;

/** Static state that is constant (movable) and that is not (GLOBAL_READ / GLOBAL_WRITE). */
public final class Constants {
  static final List<String> NAMES = List.of("ada", "grace", "barbara");
  static final int[] PRIMES = {2, 3, 5, 7, 11};
  static final int[] SCRATCH = new int[16];

  /** Differs on every machine: its initialiser reads the clock. */
  static final long SEED = System.nanoTime();

  private Constants() {}

  /** Reads a static final constant: movable. */
  public static String name(int i) {
    return NAMES.get(i % NAMES.size());
  }

  /** Reads a static array nobody writes: movable. */
  public static int prime(int i) {
    return PRIMES[i % PRIMES.length];
  }

  /** Writes an element of a static final array: GLOBAL_WRITE. */
  public static void poke(int i, int value) {
    SCRATCH[i % SCRATCH.length] = value;
  }

  /** Reads an element of a static array that poke writes: GLOBAL_READ. */
  public static int peek(int i) {
    return SCRATCH[i % SCRATCH.length];
  }

  /** Reads a static final whose initial value comes from the clock: GLOBAL_READ. */
  public static long seeded(long x) {
    return x ^ SEED;
  }
}
