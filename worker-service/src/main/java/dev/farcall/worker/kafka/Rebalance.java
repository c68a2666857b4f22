package dev.farcall.worker.kafka;

import dev.farcall.worker.heartbeat.WorkerStatus;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The poll thread's handling of partitions coming and going: commits what is answered of revoked
 * partitions, forgets the offsets and waiting calls of partitions gone, inherits the at-most-once
 * records a previous owner started, keeps new partitions paused while fetching is, and publishes
 * the assignment in the worker's status.
 */
final class Rebalance implements ConsumerRebalanceListener {

  // Logs as InvocationConsumer, whose lines these were: log settings and searches keep matching.
  private static final Logger log = LoggerFactory.getLogger(InvocationConsumer.class);

  private final Consumer<String, byte[]> consumer;
  private final OffsetTracker offsets;
  private final OffsetCommits commits;
  private final CallQueue calls;
  private final WorkerStatus status;
  private final String workerId;

  Rebalance(
      Consumer<String, byte[]> consumer,
      OffsetTracker offsets,
      OffsetCommits commits,
      CallQueue calls,
      WorkerStatus status,
      String workerId) {
    this.consumer = consumer;
    this.offsets = offsets;
    this.commits = commits;
    this.calls = calls;
    this.status = status;
    this.workerId = workerId;
  }

  @Override
  public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
    commits.applyDone();
    commits.commitSync(consumer, revoked);
    forget(revoked);
  }

  @Override
  public void onPartitionsLost(Collection<TopicPartition> lost) {
    forget(lost);
  }

  @Override
  public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
    if (!assigned.isEmpty()) {
      try {
        consumer
            .committed(new HashSet<>(assigned))
            .forEach((tp, committed) -> offsets.inheritAtMostOnce(tp, committed));
      } catch (KafkaException e) {
        log.warn("could not read the committed offsets of {}: {}", assigned, e.toString());
      }
    }
    if (calls.pausedAll()) {
      consumer.pause(assigned);
    }
    publishAssignment();
    log.info("worker {} assigned {}", workerId, assigned);
  }

  private void forget(Collection<TopicPartition> gone) {
    offsets.remove(gone);
    // Calls of these records will be served by the partitions' next owner.
    calls.drop(gone);
    Set<TopicPartition> kept = new HashSet<>(consumer.assignment());
    kept.removeAll(gone);
    publish(kept);
  }

  private void publishAssignment() {
    publish(consumer.assignment());
  }

  private void publish(Set<TopicPartition> partitions) {
    status.setAssignedPartitions(
        partitions.stream().map(TopicPartition::partition).collect(Collectors.toSet()));
  }
}
