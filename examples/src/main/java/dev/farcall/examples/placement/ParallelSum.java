package dev.farcall.examples.placement;

import java.util.stream.IntStream;

/**
 * Sums a heavy pure computation over a parallel stream, squares a number with a tiny helper and
 * prints a report. Placement's known answers: {@link #countSolutions(int)} REMOTE (heavy, pure,
 * called concurrently), {@link #square(int)} LOCAL (tiny), {@link #report(long, int)} and {@code
 * main} PINNED (I/O).
 */
public final class ParallelSum {
  private ParallelSum() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 12;
    long total = IntStream.range(1, n + 1).parallel().mapToLong(i -> countSolutions(i)).sum();
    report(total, square(n));
  }

  /**
   * Heavy and pure: counts the 5-tuples in {@code [0, m)^5} whose sum of squares is divisible by
   * {@code m} (a five-deep loop nest, {@code m^5} iterations).
   */
  public static long countSolutions(int m) {
    long count = 0;
    for (int a = 0; a < m; a++) {
      for (int b = 0; b < m; b++) {
        for (int c = 0; c < m; c++) {
          for (int d = 0; d < m; d++) {
            for (int e = 0; e < m; e++) {
              long sum = (long) a * a + (long) b * b + (long) c * c + (long) d * d + (long) e * e;
              if (sum % m == 0) {
                count += weight(a, e);
              }
            }
          }
        }
      }
    }
    return count;
  }

  /** Tiny and pure. */
  public static int square(int x) {
    return x * x;
  }

  /** I/O: prints. */
  public static void report(long total, int squared) {
    System.out.println("total " + total + ", n squared " + squared);
  }

  private static int weight(int x, int y) {
    return x == y ? 2 : 1;
  }
}
