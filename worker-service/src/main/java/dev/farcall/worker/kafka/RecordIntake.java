package dev.farcall.worker.kafka;

import dev.farcall.model.wire.Call;
import dev.farcall.model.wire.InvocationRequest;
import dev.farcall.model.wire.WireFormat;
import dev.farcall.worker.objects.ObjectTable;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns polled records into calls, on the poll thread: it decodes each request (skipping malformed
 * and empty records, and at-most-once records a previous owner started), hands an object's calls to
 * the {@link ObjectTable} and queues the others for the slots, at-most-once ones only after a
 * commit.
 */
final class RecordIntake {

  // Logs as InvocationConsumer, whose lines these were: log settings and searches keep matching.
  private static final Logger log = LoggerFactory.getLogger(InvocationConsumer.class);

  private final OffsetTracker offsets;
  private final OffsetCommits commits;
  private final CallQueue calls;
  private final ReplySender replies;
  private final ObjectTable objects;

  RecordIntake(
      OffsetTracker offsets,
      OffsetCommits commits,
      CallQueue calls,
      ReplySender replies,
      ObjectTable objects) {
    this.offsets = offsets;
    this.commits = commits;
    this.calls = calls;
    this.replies = replies;
    this.objects = objects;
  }

  void accept(Consumer<String, byte[]> consumer, ConsumerRecords<String, byte[]> records) {
    List<PendingCall> atMostOnce = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      TopicPartition tp = new TopicPartition(record.topic(), record.partition());
      offsets.received(tp, record.offset());
      InvocationRequest request;
      try {
        request = WireFormat.REQUESTS.decode(record.value());
      } catch (RuntimeException e) {
        log.warn(
            "skipping malformed invocation record {}@{}: {}", tp, record.offset(), e.toString());
        offsets.completed(tp, record.offset());
        continue;
      }
      replies.expectRepliesTo(request.getReplyTopic());
      List<Call> requestCalls = request.getCalls();
      if (requestCalls.isEmpty()) {
        offsets.completed(tp, record.offset());
        continue;
      }
      if (request.getAtMostOnce() && offsets.alreadyStarted(tp, record.offset())) {
        // Its previous owner took it and may have run it: running it again could repeat effects.
        log.warn(
            "skipping at-most-once record {}@{}: a previous owner of the partition started it",
            tp,
            record.offset());
        offsets.completed(tp, record.offset());
        continue;
      }
      RecordProgress progress = new RecordProgress(tp, record.offset(), requestCalls.size());
      if (request.getObject() != null) {
        acceptObjectCalls(request, progress);
        continue;
      }
      for (Call call : requestCalls) {
        PendingCall pending = new PendingCall(request, call, progress);
        if (request.getAtMostOnce()) {
          atMostOnce.add(pending);
        } else {
          calls.add(pending);
        }
      }
      if (request.getAtMostOnce()) {
        offsets.startedAtMostOnce(tp, record.offset());
      }
    }
    if (!atMostOnce.isEmpty()) {
      startAtMostOnce(consumer, atMostOnce);
    }
  }

  /**
   * Commits before running calls with effects, so that no later owner of their partitions runs them
   * again (at most once). If the commit fails they are not run: the caller hears that the outcome
   * is unknown rather than risking a second run.
   */
  private void startAtMostOnce(Consumer<String, byte[]> consumer, List<PendingCall> atMostOnce) {
    if (!commits.commitBeforeAtMostOnce(consumer, atMostOnce.size())) {
      return;
    }
    for (PendingCall call : atMostOnce) {
      calls.add(call);
    }
  }

  /** Hands an object request's calls to the object table, in arrival order. */
  private void acceptObjectCalls(InvocationRequest request, RecordProgress progress) {
    for (Call call : request.getCalls()) {
      PendingCall pending = new PendingCall(request, call, progress);
      replies.expectReply(); // settled by the reply, as a slot's call is
      try {
        objects.accept(request, call, result -> replies.reply(pending, result));
      } catch (RuntimeException e) {
        replies.undelivered(pending, e);
      }
    }
  }
}
