package dev.farcall.examples.analysis;

import dev.farcall.api.Pure;

/** Native methods: unknown native code versus a declared pure one. */
public final class Natives {
  private Natives() {}

  /** NATIVE. */
  public static native int rawHash(int x);

  /** Movable: the programmer declares the native code pure. */
  @Pure("a table lookup in C")
  public static native int fastHash(int x);

  /** Movable: a declaration file in the jar declares it pure. */
  public static native int declaredInFile(int x);

  /** NATIVE through a call. */
  public static int hashTwice(int x) {
    return rawHash(rawHash(x));
  }

  /** Movable: relies on the @Pure declaration. */
  public static int fastHashTwice(int x) {
    return fastHash(fastHash(x));
  }
}
