package dev.farcall.examples.programs.spin;

/**
 * Runs until stopped: with no argument a CPU loop that never looks at its interrupt flag, with
 * {@code sleep} a thread that blocks. Used to test cancellation and deadlines.
 */
public class Main {

  /** Pure and endless unless {@code rounds} is small. */
  static long spin(long rounds) {
    long x = 1;
    for (long i = 0; i < rounds; i++) {
      x = x * 6364136223846793005L + 1442695040888963407L;
    }
    return x;
  }

  public static void main(String[] args) throws InterruptedException {
    System.out.println("spinning");
    if (args.length > 0 && args[0].equals("sleep")) {
      Thread.sleep(Long.MAX_VALUE);
    }
    long sink = 0;
    while (true) {
      sink += spin(1_000_000);
      if (sink == 42) {
        System.out.println(sink);
      }
    }
  }
}
