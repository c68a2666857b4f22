package dev.farcall.worker.invoke;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed number of slots in which calls execute. {@link #tryRun(Runnable)} refuses work when every
 * slot is taken, so the caller (the poll thread) applies back-pressure instead of queueing.
 */
public class ExecutionSlots implements AutoCloseable {

  private final int capacity;
  private final AtomicInteger busy = new AtomicInteger();
  private final ExecutorService pool;
  private final WorkerMetrics metrics;
  private volatile Runnable onFree = () -> {};

  public ExecutionSlots(int capacity, WorkerMetrics metrics) {
    this.capacity = capacity;
    this.metrics = metrics;
    AtomicInteger threadNumber = new AtomicInteger();
    this.pool =
        new ThreadPoolExecutor(
            capacity,
            capacity,
            0,
            TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "farcall-slot-" + threadNumber.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /** Sets what to do each time a slot frees up (called on the slot's thread). */
  public void onSlotFreed(Runnable listener) {
    this.onFree = listener;
  }

  /** How many calls may run at once. */
  public int capacity() {
    return capacity;
  }

  /** How many slots are taken. */
  public int busy() {
    return busy.get();
  }

  /**
   * Runs {@code work} in a free slot.
   *
   * @return false, without running it, when every slot is taken
   */
  public boolean tryRun(Runnable work) {
    int current;
    do {
      current = busy.get();
      if (current >= capacity) {
        return false;
      }
    } while (!busy.compareAndSet(current, current + 1));
    metrics.started();
    try {
      pool.execute(
          () -> {
            try {
              work.run();
            } finally {
              release();
            }
          });
    } catch (RuntimeException e) {
      release();
      throw e;
    }
    return true;
  }

  private void release() {
    metrics.finished();
    busy.decrementAndGet();
    onFree.run();
  }

  /** Stops the slot threads, interrupting calls still running. */
  @Override
  public void close() {
    pool.shutdownNow();
  }
}
