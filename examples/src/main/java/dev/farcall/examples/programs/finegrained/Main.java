package dev.farcall.examples.programs.finegrained;

/**
 * Fine-grained: millions of calls of a tiny pure static method from one loop. Placement must keep
 * {@link #mix(int)} LOCAL (each call is far cheaper than any remote round trip), so a run under
 * Farcall should take about as long as a plain run. Prints one deterministic line. Arguments: the
 * number of calls per round (default 20,000,000) and the number of rounds (default 1).
 */
public class Main {

  /** Tiny and pure: a few integer operations. */
  static int mix(int x) {
    int h = x * 0x9E3779B1;
    return h ^ (h >>> 15);
  }

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    long sum = 0;
    for (int r = 0; r < rounds; r++) {
      for (int i = 0; i < n; i++) {
        sum += mix(i + r);
      }
    }
    System.out.println("calls " + (long) n * rounds + ", sum " + sum);
  }
}
