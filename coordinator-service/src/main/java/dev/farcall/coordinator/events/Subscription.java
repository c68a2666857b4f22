package dev.farcall.coordinator.events;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One client's place in the stream: the events to replay first, then a bounded queue of live ones.
 * The hub offers events without ever waiting; when the queue is full the subscription is dropped.
 */
final class Subscription {

  private final EventFilter filter;
  private final List<StreamEvent> replay;
  private final ArrayBlockingQueue<StreamEvent> queue;
  private final long maxQueuedBytes;
  private final AtomicLong queuedBytes = new AtomicLong();

  /** The longest the writer waits before it looks again whether the stream was closed. */
  private static final long SLICE_MILLIS = 200;

  private volatile boolean dropped;
  private volatile boolean closed;

  Subscription(EventFilter filter, List<StreamEvent> replay, int capacity, long maxQueuedBytes) {
    this.filter = filter;
    this.replay = List.copyOf(replay);
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.maxQueuedBytes = maxQueuedBytes;
  }

  /** The events the client missed, written before any live one. */
  List<StreamEvent> replay() {
    return replay;
  }

  /**
   * Queues the event if the client wants it; never waits.
   *
   * @return false when the queue is full (by count or size): the subscription is dropped then
   */
  boolean offer(StreamEvent event) {
    if (closed || !filter.matches(event)) {
      return true;
    }
    // Only the hub's publish offers, one at a time: the check and the add need no lock together.
    // An event larger than the bound alone still goes to a client that has caught up.
    boolean fits = queue.isEmpty() || queuedBytes.get() + event.size() <= maxQueuedBytes;
    if (fits && queue.offer(event)) {
      queuedBytes.addAndGet(event.size());
      return true;
    }
    dropped = true;
    close();
    return false;
  }

  /**
   * The next live event, or empty after {@code wait} of silence or once closed. The writer is never
   * interrupted (an interrupt in the middle of a servlet write can leave half a frame behind): it
   * looks at the flag every {@value #SLICE_MILLIS} ms instead.
   */
  Optional<StreamEvent> next(Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    try {
      while (!closed) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
          return Optional.empty();
        }
        StreamEvent event = queue.poll(Math.min(left, SLICE_MILLIS), TimeUnit.MILLISECONDS);
        if (event != null) {
          queuedBytes.addAndGet(-event.size());
          return Optional.of(event);
        }
      }
      return Optional.empty();
    } catch (InterruptedException e) {
      // the coordinator is stopping (its writers' pool is shut down): end the stream
      Thread.currentThread().interrupt();
      close();
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

  /** Ends the subscription; its writer stops within a slice. */
  void close() {
    closed = true;
  }
}
