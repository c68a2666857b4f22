package dev.farcall.examples.invoke;

/** Methods that only compute: a tunable amount of CPU work and a call that does nothing. */
public final class Work {

  private Work() {}

  /**
   * Runs {@code iterations} rounds of a 64-bit mixing function and returns the final state; the
   * same input always gives the same output, so callers can check results against a local call.
   */
  public static long spin(int iterations) {
    long state = 0x9E3779B97F4A7C15L;
    for (int i = 0; i < iterations; i++) {
      state ^= state >>> 33;
      state *= 0xFF51AFD7ED558CCDL;
      state ^= state >>> 33;
      state += i;
    }
    return state;
  }

  /**
   * {@link #spin(int)} plus a caller's tag: the same amount of work for every caller, yet a
   * different answer for each tag, so a caller can tell its own result from anyone else's.
   */
  public static long spinTagged(int iterations, long tag) {
    return spin(iterations) + tag;
  }

  /** Does nothing: the smallest possible invocation, for measuring the round trip. */
  public static void noop() {}

  /** Returns its argument: for measuring the round trip with a payload. */
  public static String echo(String value) {
    return value;
  }

  /** A string of {@code length} copies of {@code x}: a result of any size, for size limits. */
  public static String filler(int length) {
    return "x".repeat(length);
  }
}
