package dev.farcall.examples.analysis;

/** Thread creation. */
public final class Threads {
  private Threads() {}

  /** THREADS. */
  public static void spawn(int n) throws InterruptedException {
    Thread t = new Thread(() -> Math.abs(n));
    t.start();
    t.join();
  }
}
