package dev.farcall.coordinator.events;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One client's place in the stream: the events to replay first, then a bounded queue of live ones.
 * The hub offers events without ever waiting; when the queue is full the subscription is dropped.
 */
final class Subscription {

  private final EventFilter filter;
  private final List<StreamEvent> replay;
  private final ArrayBlockingQueue<StreamEvent> queue;
  private volatile boolean dropped;
  private volatile boolean closed;
  private volatile Thread writer;

  Subscription(EventFilter filter, List<StreamEvent> replay, int capacity) {
    this.filter = filter;
    this.replay = List.copyOf(replay);
    this.queue = new ArrayBlockingQueue<>(capacity);
  }

  /** The events the client missed, written before any live one. */
  List<StreamEvent> replay() {
    return replay;
  }

  /**
   * Queues the event if the client wants it; never waits.
   *
   * @return false when the queue is full: the subscription is dropped then
   */
  boolean offer(StreamEvent event) {
    if (closed || !filter.matches(event)) {
      return true;
    }
    if (queue.offer(event)) {
      return true;
    }
    dropped = true;
    close();
    return false;
  }

  /** The next live event, or empty after {@code wait} of silence or once closed. */
  Optional<StreamEvent> next(Duration wait) {
    if (closed) {
      return Optional.empty();
    }
    writer = Thread.currentThread();
    try {
      return Optional.ofNullable(queue.poll(wait.toMillis(), TimeUnit.MILLISECONDS));
    } catch (InterruptedException e) {
      // close() wakes the writer this way; the flag says why
      return Optional.empty();
    }
  }

  /** Whether it fell too far behind and was dropped. */
  boolean dropped() {
    return dropped;
  }

  /** Whether the stream is over (dropped, or the client went away). */
  boolean closed() {
    return closed;
  }

  /** Ends the subscription and wakes its writer. */
  void close() {
    closed = true;
    Thread t = writer;
    if (t != null) {
      t.interrupt();
    }
  }
}
