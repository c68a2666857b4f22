package dev.farcall.worker.kafka;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Which offsets of each assigned partition are done (their replies acknowledged, or skipped as
 * malformed), and so how far each partition may be committed: up to, not including, the lowest
 * offset that is not done. Only the poll thread touches it.
 */
final class OffsetTracker {

  private final Map<TopicPartition, Partition> partitions = new HashMap<>();

  /** A record was handed to the worker; it is not done yet. */
  void received(TopicPartition tp, long offset) {
    partitions.computeIfAbsent(tp, k -> new Partition()).received(offset);
  }

  /** A record is done. Ignored for partitions no longer tracked (revoked meanwhile). */
  void completed(TopicPartition tp, long offset) {
    Partition p = partitions.get(tp);
    if (p != null) {
      p.incomplete.remove(offset);
    }
  }

  /**
   * An at-most-once record was taken: it counts as done at once (it must never be delivered again)
   * and stays listed in the commit metadata until the committed position passes it, so that the
   * partition's next owner skips it even though an earlier record held the position back.
   */
  void startedAtMostOnce(TopicPartition tp, long offset) {
    Partition p = partitions.computeIfAbsent(tp, k -> new Partition());
    p.atMostOnce.add(offset);
    p.incomplete.remove(offset);
    p.metadataChanged = true;
  }

  /**
   * Offsets a previous owner listed as started at-most-once (from the committed metadata of a newly
   * assigned partition): they are skipped, and listed again in this worker's own commits.
   */
  void inheritAtMostOnce(TopicPartition tp, OffsetAndMetadata committed) {
    if (committed == null || committed.metadata() == null) {
      return;
    }
    Partition p = partitions.computeIfAbsent(tp, k -> new Partition());
    for (String offset : committed.metadata().split(",")) {
      if (offset.startsWith(AT_MOST_ONCE_PREFIX)) {
        try {
          p.atMostOnce.add(Long.parseLong(offset.substring(AT_MOST_ONCE_PREFIX.length())));
        } catch (NumberFormatException e) {
          // metadata of another format: nothing to inherit
        }
      }
    }
  }

  /** Whether a previous owner (or this worker) already started this at-most-once record. */
  boolean alreadyStarted(TopicPartition tp, long offset) {
    Partition p = partitions.get(tp);
    return p != null && p.atMostOnce.contains(offset);
  }

  /** The offsets to commit: partitions whose committable position moved since the last commit. */
  Map<TopicPartition, OffsetAndMetadata> toCommit() {
    return toCommit(partitions.keySet());
  }

  /** Like {@link #toCommit()}, restricted to some partitions. */
  Map<TopicPartition, OffsetAndMetadata> toCommit(Collection<TopicPartition> which) {
    Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
    for (TopicPartition tp : which) {
      Partition p = partitions.get(tp);
      if (p != null) {
        long position = p.committable();
        if (position > p.committed || p.metadataChanged) {
          p.atMostOnce.headSet(position).clear();
          p.metadataChanged = false;
          commits.put(tp, new OffsetAndMetadata(Math.max(position, 0), p.metadata()));
        }
      }
    }
    return commits;
  }

  /** These offsets were committed (or are being committed). */
  void committed(Map<TopicPartition, OffsetAndMetadata> commits) {
    commits.forEach(
        (tp, o) -> {
          Partition p = partitions.get(tp);
          if (p != null) {
            p.committed = Math.max(p.committed, o.offset());
          }
        });
  }

  /** A commit of these offsets failed: commit them again next time. */
  void commitFailed(Map<TopicPartition, OffsetAndMetadata> commits) {
    commits
        .keySet()
        .forEach(
            tp -> {
              Partition p = partitions.get(tp);
              if (p != null) {
                p.committed = -1;
              }
            });
  }

  /** Forgets partitions that were revoked or lost. */
  void remove(Collection<TopicPartition> tps) {
    tps.forEach(partitions::remove);
  }

  /** Whether some partition could be committed further than it was. */
  boolean hasCommittable() {
    for (Partition p : partitions.values()) {
      if (p.committable() > p.committed) {
        return true;
      }
    }
    return false;
  }

  /** Records received but not done, over all partitions. */
  int incompleteCount() {
    return partitions.values().stream().mapToInt(p -> p.incomplete.size()).sum();
  }

  /** Marks an at-most-once offset in the commit metadata: {@code amo:42,amo:57}. */
  private static final String AT_MOST_ONCE_PREFIX = "amo:";

  private static final class Partition {
    final TreeSet<Long> incomplete = new TreeSet<>();
    final TreeSet<Long> atMostOnce = new TreeSet<>();
    boolean metadataChanged;
    long next = -1;
    long committed = -1;

    String metadata() {
      StringBuilder text = new StringBuilder();
      for (long offset : atMostOnce) {
        if (!text.isEmpty()) {
          text.append(',');
        }
        text.append(AT_MOST_ONCE_PREFIX).append(offset);
      }
      return text.toString();
    }

    void received(long offset) {
      incomplete.add(offset);
      next = Math.max(next, offset + 1);
    }

    long committable() {
      return incomplete.isEmpty() ? next : incomplete.first();
    }
  }
}
