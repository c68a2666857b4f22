package dev.farcall.examples.analysis;

import dev.farcall.api.Pinned;
import dev.farcall.api.Remote;

/** Declarations that decide. */
public final class Declared {
  private Declared() {}

  /** Not movable although pure: pinned. */
  @Pinned("talks to licensed hardware")
  public static int licensed(int x) {
    return x + 1;
  }

  /** Not movable: reaches a pinned method. */
  public static int usesLicensed(int x) {
    return licensed(x) * 2;
  }

  /** Movable and hinted remote. */
  @Remote
  public static long crunch(long n) {
    long acc = 0;
    for (long i = 0; i < n; i++) {
      for (int j = 0; j < 64; j++) {
        acc += (i * 31 + j) % 7;
      }
    }
    return acc;
  }
}
