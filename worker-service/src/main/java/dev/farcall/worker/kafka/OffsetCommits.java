package dev.farcall.worker.kafka;

import dev.farcall.worker.invoke.WorkerMetrics;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The commits of answered offsets: takes over the records whose every reply the broker
 * acknowledged, marks them done in the {@link OffsetTracker}, and commits what is committable every
 * commit interval, one commit at a time, or at once and waiting where a commit must land first
 * (before at-most-once calls run, before partitions are revoked, on stop). Except {@link #done},
 * only the poll thread calls it (commit callbacks run on it too).
 */
final class OffsetCommits {

  // Logs as InvocationConsumer, whose lines these were: log settings and searches keep matching.
  private static final Logger log = LoggerFactory.getLogger(InvocationConsumer.class);

  private final OffsetTracker offsets;
  private final WorkerMetrics metrics;
  private final long commitIntervalNanos;

  // Shared with producer threads.
  private final ConcurrentLinkedQueue<RecordProgress> done = new ConcurrentLinkedQueue<>();

  // Touched by the poll thread only.
  private boolean commitInFlight;
  private long nextCommitNanos;

  OffsetCommits(OffsetTracker offsets, Duration commitInterval, WorkerMetrics metrics) {
    this.offsets = offsets;
    this.metrics = metrics;
    this.commitIntervalNanos = Math.max(0, commitInterval.toNanos());
  }

  /** On any thread: every reply of this record was acknowledged. */
  void done(RecordProgress progress) {
    done.add(progress);
  }

  /** Marks the records that were {@link #done} as done in the tracker. */
  void applyDone() {
    RecordProgress progress;
    while ((progress = done.poll()) != null) {
      offsets.completed(progress.partition(), progress.offset());
    }
  }

  /** Whether answered offsets wait for a commit, and none is in flight. */
  boolean commitWaiting() {
    return !commitInFlight && (!done.isEmpty() || offsets.hasCommittable());
  }

  /** Milliseconds until the next commit is due; not positive once it is. */
  long millisUntilDue() {
    return (nextCommitNanos - System.nanoTime()) / 1_000_000;
  }

  boolean inFlight() {
    return commitInFlight;
  }

  /** The commit interval in milliseconds, at least one. */
  long intervalMillis() {
    return Math.max(1, commitIntervalNanos / 1_000_000);
  }

  /** Commits what is committable, at most once per interval and one commit at a time. */
  void commitIfDue(Consumer<String, byte[]> consumer) {
    long now = System.nanoTime();
    if (commitInFlight || now - nextCommitNanos < 0) {
      return;
    }
    Map<TopicPartition, OffsetAndMetadata> commits = offsets.toCommit();
    if (commits.isEmpty()) {
      return;
    }
    nextCommitNanos = now + commitIntervalNanos;
    commitInFlight = true;
    offsets.committed(commits);
    metrics.offsetsCommitted();
    consumer.commitAsync(
        commits,
        (committed, e) -> {
          commitInFlight = false;
          if (e != null) {
            log.warn("commit of {} failed, will retry: {}", commits, e.toString());
            offsets.commitFailed(commits);
          }
        });
  }

  /**
   * Applies what is done and commits everything committable, waiting for the broker, before {@code
   * calls} at-most-once calls may run.
   *
   * @return false, logged and with the offsets left to commit again, when the commit failed: the
   *     calls must not run then
   */
  boolean commitBeforeAtMostOnce(Consumer<String, byte[]> consumer, int calls) {
    applyDone();
    Map<TopicPartition, OffsetAndMetadata> commits = offsets.toCommit();
    try {
      commitAndWait(consumer, commits);
    } catch (KafkaException e) {
      log.warn("not running {} at-most-once call(s): commit failed: {}", calls, e.toString());
      offsets.commitFailed(commits);
      return false;
    }
    return true;
  }

  /** Commits what is committable of every partition, waiting for the broker. */
  void commitSync(Consumer<String, byte[]> consumer) {
    commitSync(consumer, offsets.toCommit());
  }

  /** Commits what is committable of these partitions, waiting for the broker. */
  void commitSync(Consumer<String, byte[]> consumer, Collection<TopicPartition> partitions) {
    commitSync(consumer, offsets.toCommit(partitions));
  }

  private void commitSync(
      Consumer<String, byte[]> consumer, Map<TopicPartition, OffsetAndMetadata> commits) {
    if (commits.isEmpty()) {
      return;
    }
    try {
      commitAndWait(consumer, commits);
    } catch (KafkaException e) {
      log.warn("commit of {} failed: {}", commits, e.toString());
    }
  }

  private void commitAndWait(
      Consumer<String, byte[]> consumer, Map<TopicPartition, OffsetAndMetadata> commits) {
    metrics.offsetsCommitted();
    consumer.commitSync(commits);
    offsets.committed(commits);
  }
}
