package dev.farcall.worker.kafka;

import dev.farcall.model.wire.InvocationRequest;
import dev.farcall.model.wire.InvocationResult;
import dev.farcall.model.wire.WireFormat;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the calls' replies and settles each call once its reply is acknowledged or given up: it
 * counts the calls whose replies are unsettled (draining waits for them), and hands a record whose
 * every reply was acknowledged to the {@link OffsetCommits}. Slot threads, the threads of remote
 * objects and producer callbacks call it.
 */
final class ReplySender {

  // Logs as InvocationConsumer, whose lines these were: log settings and searches keep matching.
  private static final Logger log = LoggerFactory.getLogger(InvocationConsumer.class);

  private final Producer<String, byte[]> producer;
  private final ReplyTopics topics;
  private final OffsetCommits commits;
  private final PollSignals signals;

  // Calls a slot took from the queue whose replies are not yet acknowledged (or given up).
  private final AtomicInteger unsettledReplies = new AtomicInteger();

  ReplySender(
      Producer<String, byte[]> producer,
      ReplyTopics topics,
      OffsetCommits commits,
      PollSignals signals) {
    this.producer = producer;
    this.topics = topics;
    this.commits = commits;
    this.signals = signals;
  }

  /** A polled request sends its replies to {@code topic}, which therefore exists. */
  void expectRepliesTo(String topic) {
    topics.track(topic);
  }

  /** One more call whose reply is to be settled. */
  void expectReply() {
    unsettledReplies.incrementAndGet();
  }

  /** Takes back an {@link #expectReply()} for a call that did not come after all. */
  void dropExpectedReply() {
    unsettledReplies.decrementAndGet();
  }

  /** How many calls' replies are not yet settled. */
  int unsettled() {
    return unsettledReplies.get();
  }

  /**
   * True when nobody waits for the call's reply any more (its run ended and its reply topic is
   * gone): the call need not run, and its record is done as if the reply had been acknowledged.
   */
  boolean nobodyWaits(PendingCall call) {
    if (!topics.isGone(call.request().getReplyTopic())) {
      return false;
    }
    settled(call.progress(), true);
    return true;
  }

  /** Sends a call's reply; the record is done once every reply of it is acknowledged. */
  void reply(PendingCall call, InvocationResult result) {
    if (nobodyWaits(call)) {
      return;
    }
    InvocationRequest request = call.request();
    try {
      ProducerRecord<String, byte[]> reply =
          new ProducerRecord<>(
              request.getReplyTopic(),
              request.getReplyPartition() >= 0 ? request.getReplyPartition() : null,
              result.getInvocationId(),
              WireFormat.RESULTS.encode(result));
      producer.send(
          reply,
          (metadata, e) -> {
            if (e != null) {
              notSent(call, e);
            } else {
              settled(call.progress(), true);
            }
          });
    } catch (RuntimeException | Error e) {
      // Whatever happened, the slot's accounting must settle, or draining would wait forever.
      undelivered(call, e);
    }
  }

  /**
   * A reply the producer gave up on: if its topic turns out to be gone, its run ended and nobody
   * will read it, so the record is done; otherwise it stays uncommitted.
   */
  private void notSent(PendingCall call, Exception e) {
    if (!(e instanceof TimeoutException || e instanceof UnknownTopicOrPartitionException)) {
      undelivered(call, e);
      return;
    }
    topics
        .confirmGone(call.request().getReplyTopic())
        .thenAccept(
            gone -> {
              if (gone) {
                log.debug(
                    "reply {} dropped: its run ended and its topic {} is gone",
                    call.call().getInvocationId(),
                    call.request().getReplyTopic());
                settled(call.progress(), true);
              } else {
                undelivered(call, e);
              }
            });
  }

  void undelivered(PendingCall call, Throwable e) {
    // The producer already retried up to its delivery timeout. Leave the record uncommitted so the
    // call runs again after the next rebalance; the coordinator also resends on its deadline.
    log.error(
        "reply {} to {} not delivered; its record stays uncommitted: {}",
        call.call().getInvocationId(),
        call.request().getReplyTopic(),
        e.toString());
    settled(call.progress(), false);
  }

  private void settled(RecordProgress progress, boolean delivered) {
    if (delivered && progress.callDone()) {
      commits.done(progress);
    }
    unsettledReplies.decrementAndGet();
    if (signals.stopping()) {
      // Only draining waits for each reply; otherwise the next commit picks it up.
      signals.wake();
    }
  }
}
