package dev.farcall.examples.analysis;

/** Last link: reading System.out is harmless, calling println on it is I/O. */
public final class Sink {
  private Sink() {}

  static void emit(String line) {
    System.out.println(line);
  }
}
