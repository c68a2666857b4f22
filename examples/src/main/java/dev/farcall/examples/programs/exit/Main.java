package dev.farcall.examples.programs.exit;

/** Ends with {@code System.exit(3)}; nothing after it may appear, even past a catch-all. */
public class Main {

  /** Pure. */
  static int triple(int x) {
    return 3 * x;
  }

  public static void main(String[] args) {
    System.out.println("before exit: " + triple(7));
    try {
      System.exit(triple(1));
    } catch (Throwable swallowed) {
      System.out.println("must not be printed");
    }
    System.out.println("must not be printed either");
  }
}
