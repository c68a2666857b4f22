package dev.farcall.examples.analysis;

/** Second link of the hidden I/O chain. */
public final class Audit {
  private Audit() {}

  static void note(String message) {
    Sink.emit("audit: " + message);
  }
}
