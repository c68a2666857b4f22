package dev.farcall.worker.objects;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One remote object and its mailbox: tasks (its constructor, its calls, its close) run one after
 * another on the object threads, in the order they were accepted, which is the order their records
 * arrived on the owner's partition.
 */
final class HeldObject {

  final String id;
  final int incarnation;
  final String runId;
  final String replyTopic;
  final boolean survivesRun;
  final AtomicLong calls = new AtomicLong();
  volatile Object instance;
  volatile long estimatedBytes;

  private final Executor threads;
  // Guarded by this.
  private final ArrayDeque<Runnable> mailbox = new ArrayDeque<>();
  private boolean running;

  HeldObject(
      String id,
      int incarnation,
      String runId,
      String replyTopic,
      boolean survivesRun,
      Executor threads) {
    this.id = id;
    this.incarnation = incarnation;
    this.runId = runId;
    this.replyTopic = replyTopic;
    this.survivesRun = survivesRun;
    this.threads = threads;
  }

  /** Queues a task behind every task accepted before it. */
  void enqueue(Runnable task) {
    boolean start;
    synchronized (this) {
      mailbox.add(task);
      start = !running;
      running = true;
    }
    if (start) {
      threads.execute(this::drain);
    }
  }

  private void drain() {
    while (true) {
      Runnable next;
      synchronized (this) {
        next = mailbox.poll();
        if (next == null) {
          running = false;
          return;
        }
      }
      next.run();
    }
  }
}
