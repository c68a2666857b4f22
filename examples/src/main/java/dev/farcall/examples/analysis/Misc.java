package dev.farcall.examples.analysis;

import java.beans.Introspector;
import java.util.function.Supplier;

/** Exceptions, string building and a JDK method the knowledge base does not cover. */
public final class Misc {
  private Misc() {}

  /** Movable: throwing builds an exception (fillInStackTrace) and concatenates a string. */
  public static int checked(int x) {
    if (x < 0) {
      throw new IllegalArgumentException("negative: " + x);
    }
    return x;
  }

  /** Movable: a fresh StringBuilder. */
  public static String greet(String name) {
    return new StringBuilder("hello, ").append(name).append('!').toString();
  }

  /** UNKNOWN: java.beans is not in the knowledge base. */
  public static String decapitalize(String name) {
    return Introspector.decapitalize(name);
  }

  /** Effect-free, but a supplier cannot travel by value: not movable under the real codec. */
  public static int lengthOf(Supplier<String> text) {
    return text.get().length();
  }

  /** IO: reads the process environment. */
  public static String home() {
    return System.getenv("HOME");
  }
}
