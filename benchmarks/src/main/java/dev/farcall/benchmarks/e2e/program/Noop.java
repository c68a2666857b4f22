package dev.farcall.benchmarks.e2e.program;

/**
 * The program the end-to-end benchmark uploads: the benchmark writes a jar holding only this class
 * (it depends on the JDK alone), so the remote invocation measures transport, not work.
 */
public final class Noop {

  private Noop() {}

  /** Does nothing: the call is the whole cost. */
  public static void noop() {}
}
