package dev.farcall.examples.analysis;

/** Ending the JVM. */
public final class Exits {
  private Exits() {}

  /** EXIT. */
  public static void quit(int status) {
    System.exit(status);
  }

  /** EXIT through a call. */
  public static void checkOrQuit(int value) {
    if (value < 0) {
      quit(2);
    }
  }
}
