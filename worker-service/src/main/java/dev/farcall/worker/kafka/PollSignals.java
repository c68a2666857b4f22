package dev.farcall.worker.kafka;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * What the poll thread shares with the slot and producer threads that serve it: whether the worker
 * is stopping, and the semaphore with which they wake the poll thread before its wait is over.
 */
final class PollSignals {

  private final Semaphore wake = new Semaphore(0);
  private volatile boolean stopping;

  boolean stopping() {
    return stopping;
  }

  void setStopping(boolean stopping) {
    this.stopping = stopping;
  }

  /** Ends the poll thread's current (or next) wait. */
  void wake() {
    wake.release();
  }

  /** On the poll thread: waits until woken or the timeout passed; an interrupt stops the worker. */
  void await(Duration timeout) {
    try {
      if (wake.tryAcquire(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS)) {
        wake.drainPermits();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopping = true;
    }
  }
}
