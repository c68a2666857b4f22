package dev.farcall.examples.analysis;

/** Recursion, direct and through an interface. */
public final class Recursion {
  private Recursion() {}

  /** Movable: plain recursion. */
  public static long factorial(int n) {
    return n <= 1 ? 1 : n * factorial(n - 1);
  }

  /** Movable: recursion filling a fresh array (the callee mutates its parameter). */
  public static int[] prefixSums(int[] values) {
    int[] out = new int[values.length];
    fill(values, out, 0, 0);
    return out;
  }

  private static void fill(int[] values, int[] out, int i, int sum) {
    if (i < values.length) {
      out[i] = sum + values[i];
      fill(values, out, i + 1, out[i]);
    }
  }

  /** Mutual recursion through an interface; both parities are pure. */
  public interface Parity {
    boolean test(int n);
  }

  /** Even delegates to Odd through {@link Parity}. */
  public static final class Even implements Parity {
    @Override
    public boolean test(int n) {
      return n == 0 || new Odd().test(n - 1);
    }
  }

  /** Odd delegates to Even through {@link Parity}. */
  public static final class Odd implements Parity {
    @Override
    public boolean test(int n) {
      Parity next = new Even();
      return n != 0 && next.test(n - 1);
    }
  }

  /** Movable: mutual recursion through the interface. */
  public static boolean isEven(int n) {
    Parity p = new Even();
    return p.test(n);
  }

  /** Mutual recursion through an interface where one side prints. */
  public interface Countdown {
    int step(int n);
  }

  /** Pure side. */
  public static final class Quiet implements Countdown {
    @Override
    public int step(int n) {
      Countdown next = new Loud();
      return n <= 0 ? 0 : next.step(n - 1);
    }
  }

  /** Printing side. */
  public static final class Loud implements Countdown {
    @Override
    public int step(int n) {
      System.out.println(n);
      Countdown next = new Quiet();
      return n <= 0 ? 0 : next.step(n - 1);
    }
  }

  /** IO: reaches Loud.step through the recursion. */
  public static int countdown(int n) {
    Countdown c = new Quiet();
    return c.step(n);
  }
}
