package dev.farcall.worker.kafka;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.TopicPartition;

/** Counts down the calls of one record whose replies are still to be acknowledged. */
final class RecordProgress {
  private final TopicPartition partition;
  private final long offset;
  private final AtomicInteger remaining;

  RecordProgress(TopicPartition partition, long offset, int calls) {
    this.partition = partition;
    this.offset = offset;
    this.remaining = new AtomicInteger(calls);
  }

  TopicPartition partition() {
    return partition;
  }

  long offset() {
    return offset;
  }

  /** One more call acknowledged; true when it was the last. */
  boolean callDone() {
    return remaining.decrementAndGet() == 0;
  }
}
