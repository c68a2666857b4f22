package dev.farcall.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetTrackerTests {

  private final TopicPartition p0 = new TopicPartition("invocations", 0);
  private final TopicPartition p1 = new TopicPartition("invocations", 1);
  private final OffsetTracker tracker = new OffsetTracker();

  @Test
  void nothingIsCommittedWhileTheFirstRecordIsUnfinished() {
    tracker.received(p0, 10);
    tracker.received(p0, 11);
    tracker.completed(p0, 11);

    assertThat(tracker.toCommit()).containsExactly(Map.entry(p0, new OffsetAndMetadata(10)));
  }

  @Test
  void commitAdvancesToTheFirstUnfinishedRecordThenPastTheLast() {
    tracker.received(p0, 10);
    tracker.received(p0, 11);
    tracker.received(p0, 12);
    tracker.completed(p0, 10);
    tracker.completed(p0, 12);
    assertThat(tracker.toCommit()).containsEntry(p0, new OffsetAndMetadata(11));
    tracker.committed(tracker.toCommit());

    tracker.completed(p0, 11);

    assertThat(tracker.toCommit()).containsExactly(Map.entry(p0, new OffsetAndMetadata(13)));
  }

  @Test
  void committedPositionIsNotCommittedAgainUnlessTheCommitFailed() {
    tracker.received(p0, 0);
    tracker.completed(p0, 0);
    Map<TopicPartition, OffsetAndMetadata> first = tracker.toCommit();
    tracker.committed(first);
    assertThat(tracker.toCommit()).isEmpty();

    tracker.commitFailed(first);

    assertThat(tracker.toCommit()).isEqualTo(first);
  }

  @Test
  void revokedPartitionIsForgottenAndLateCompletionsAreIgnored() {
    tracker.received(p0, 5);
    tracker.received(p1, 7);
    tracker.remove(List.of(p0));

    tracker.completed(p0, 5);
    tracker.completed(p1, 7);

    assertThat(tracker.toCommit()).containsOnlyKeys(p1);
    assertThat(tracker.toCommit(List.of(p0))).isEmpty();
    assertThat(tracker.incompleteCount()).isZero();
  }
}
