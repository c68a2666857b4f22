package dev.farcall.examples.analysis;

import java.util.Random;

/** Clocks, randomness and identity hashes. */
public final class Nondeterminism {
  private Nondeterminism() {}

  /** NONDETERMINISTIC. */
  public static double coin() {
    return Math.random() < 0.5 ? 0 : 1;
  }

  /** NONDETERMINISTIC. */
  public static long stamp(long x) {
    return x + System.currentTimeMillis();
  }

  /** NONDETERMINISTIC: an unseeded Random. */
  public static int roll() {
    return new Random().nextInt(6) + 1;
  }

  /** Movable: a seeded Random is deterministic and fresh. */
  public static int seededRoll(long seed) {
    return new Random(seed).nextInt(6) + 1;
  }

  /** NONDETERMINISTIC: identity hash codes differ between JVMs. */
  public static int identity(String s) {
    return System.identityHashCode(s);
  }
}
