package dev.farcall.worker.kafka;

import java.util.Collection;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * The calls waiting for a slot, and the back-pressure they put on fetching: while {@code
 * queueLimit} calls wait the poll thread pauses its partitions (and keeps polling so it stays in
 * the group) until the slots worked the queue down to half. The queue is shared with the slot
 * threads; the pause is the poll thread's.
 */
final class CallQueue {

  private final ConcurrentLinkedQueue<PendingCall> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queued = new AtomicInteger();
  private final int queueLimit;
  private final int resumeAt;
  private final PollSignals signals;

  // Touched by the poll thread only (rebalance callbacks run on it too).
  private boolean pausedAll;

  CallQueue(int queueLimit, PollSignals signals) {
    this.queueLimit = Math.max(1, queueLimit);
    this.resumeAt = this.queueLimit / 2;
    this.signals = signals;
  }

  void add(PendingCall call) {
    queued.incrementAndGet();
    queue.add(call);
  }

  /** How many calls wait for a slot. */
  int queued() {
    return queued.get();
  }

  /** On a slot thread: takes the next call, or null when none waits. */
  PendingCall take() {
    PendingCall call = queue.poll();
    if (call != null && queued.decrementAndGet() == resumeAt) {
      signals.wake(); // fetching may resume
    }
    return call;
  }

  /** Drops every waiting call. */
  void clear() {
    while (queue.poll() != null) {
      queued.decrementAndGet();
    }
  }

  /** Drops the waiting calls of records of these partitions. */
  void drop(Collection<TopicPartition> gone) {
    queue.removeIf(
        p -> {
          boolean drop = gone.contains(p.progress().partition());
          if (drop) {
            queued.decrementAndGet();
          }
          return drop;
        });
  }

  /** Pauses every partition while the queue is full or the worker stops; resumes at half. */
  void pauseOrResume(Consumer<String, byte[]> consumer) {
    applyPause(consumer, queued.get() >= queueLimit);
  }

  /** Pauses every partition, for good (on stop). */
  void pauseAll(Consumer<String, byte[]> consumer) {
    applyPause(consumer, true);
  }

  /** Whether every partition is paused. */
  boolean pausedAll() {
    return pausedAll;
  }

  private void applyPause(Consumer<String, byte[]> consumer, boolean full) {
    // Pause and resume only on a change: both copy the assignment.
    boolean pause = full || signals.stopping();
    if (pause && !pausedAll) {
      consumer.pause(consumer.assignment());
      pausedAll = true;
    } else if (!pause && pausedAll && queued.get() <= resumeAt) {
      consumer.resume(consumer.paused());
      pausedAll = false;
    }
  }
}
