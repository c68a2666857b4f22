package dev.farcall.examples.analysis;

/** synchronized on a fresh object versus on a parameter. */
public final class Locks {
  private int total;

  /** Movable: the lock is a fresh object nobody else can see. */
  public static int lockFresh(int x) {
    Object lock = new Object();
    synchronized (lock) {
      return x * 2;
    }
  }

  /** THREADS: locks the caller's object. */
  public static int lockParameter(Object shared, int x) {
    synchronized (shared) {
      return x * 2;
    }
  }

  /** THREADS: a synchronized method locks its receiver (and writes it). */
  public synchronized int add(int x) {
    total += x;
    return total;
  }
}
