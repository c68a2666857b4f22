package dev.farcall.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * An at-most-once record a worker took is never run by the partition's next owner, even when an
 * earlier record still holds the committed position back: the commit lists it in its metadata and
 * the next owner skips it.
 */
class AtMostOnceOffsetsTests {

  private static final TopicPartition TP = new TopicPartition("invocations", 3);

  @Test
  void startedAtMostOnceRecordBeyondTheCommittedPositionIsSkippedByTheNextOwner() {
    OffsetTracker first = new OffsetTracker();
    first.received(TP, 10); // an effect-free call, still running
    first.received(TP, 11); // a call with effects
    first.startedAtMostOnce(TP, 11);

    Map<TopicPartition, OffsetAndMetadata> commit = first.toCommit();
    assertThat(commit.get(TP).offset()).as("held back by record 10").isEqualTo(10);

    OffsetTracker next = new OffsetTracker(); // the worker that gets the partition after a kill
    next.inheritAtMostOnce(TP, commit.get(TP));

    assertThat(next.alreadyStarted(TP, 11)).isTrue();
    assertThat(next.alreadyStarted(TP, 10)).as("resent, effect-free").isFalse();
  }

  @Test
  void atMostOnceOffsetsLeaveTheMetadataOnceTheCommittedPositionPassesThem() {
    OffsetTracker tracker = new OffsetTracker();
    tracker.received(TP, 10);
    tracker.received(TP, 11);
    tracker.startedAtMostOnce(TP, 11);
    tracker.committed(tracker.toCommit());

    tracker.completed(TP, 10);
    OffsetAndMetadata commit = tracker.toCommit().get(TP);

    assertThat(commit.offset()).isEqualTo(12);
    assertThat(commit.metadata()).isEmpty();
  }

  @Test
  void aCommitWithoutAtMostOnceMetadataMakesNothingSkipped() {
    OffsetTracker next = new OffsetTracker();

    next.inheritAtMostOnce(TP, new OffsetAndMetadata(5));
    next.inheritAtMostOnce(TP, null);

    assertThat(next.alreadyStarted(TP, 5)).isFalse();
  }
}
