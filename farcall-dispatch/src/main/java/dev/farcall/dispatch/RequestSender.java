package dev.farcall.dispatch;

import dev.farcall.model.wire.Call;
import dev.farcall.model.wire.InvocationRequest;
import dev.farcall.model.wire.WireFormat;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends calls of one method (of one program and run) as one {@link InvocationRequest} record to one
 * partition; a refused send fails its calls at once rather than at their deadline.
 */
final class RequestSender {

  private static final Logger log = LoggerFactory.getLogger(RequestSender.class);

  private final DispatchChannels channels;
  private final PendingTable pending;
  private final Clock clock;
  // Every reply goes to one partition, so a worker's replies batch into one record batch.
  private volatile int replyPartition = -1;

  RequestSender(DispatchChannels channels, PendingTable pending, Clock clock) {
    this.channels = channels;
    this.pending = pending;
    this.clock = clock;
  }

  /** The reply partition requests name, once the reply listener knows it. */
  void replyPartition(int partition) {
    this.replyPartition = partition;
  }

  void send(List<Pending> calls, Target target, int attempt) {
    send(calls, target, attempt, () -> {});
  }

  /** Sends the calls; {@code acknowledged} runs once Kafka acknowledged or refused the request. */
  void send(List<Pending> calls, Target target, int attempt, Runnable acknowledged) {
    RemoteCall r = calls.get(0).call;
    // Calls sent together may come from dispatches with different deadlines: the worker refuses a
    // call only after the last of them; each call's own deadline is enforced by the sweeper.
    long deadline = 0;
    for (Pending p : calls) {
      deadline = Math.max(deadline, p.deadlineEpochMillis());
    }
    List<Call> wireCalls = new ArrayList<>(calls.size());
    // One call with effects makes the whole record at-most-once on the worker: committed before it
    // runs, never run again by the partition's next owner. Its effect-free companions lose nothing:
    // the sweeper resends them in a record of their own.
    boolean atMostOnce = false;
    for (Pending p : calls) {
      atMostOnce |= p.call.delivery() == RemoteCall.Delivery.AT_MOST_ONCE;
      wireCalls.add(
          Call.newBuilder()
              .setInvocationId(p.invocationId)
              .setArguments(ByteBuffer.wrap(p.arguments))
              .build());
    }
    InvocationRequest request =
        InvocationRequest.newBuilder()
            .setRunId(r.runId().orElse(null))
            .setProgramId(r.programId())
            .setJarSha256(r.jarSha256())
            .setMethod(r.method())
            .setSchemaFingerprint(r.schemaFingerprint())
            .setAttempt(attempt)
            .setAtMostOnce(atMostOnce)
            .setDeadlineEpochMillis(deadline)
            .setReplyTopic(channels.replies().topic())
            .setReplyPartition(replyPartition)
            .setSentEpochMillis(clock.millis())
            .setTraceContext(Map.of())
            .setObject(calls.get(0).object)
            .setCalls(wireCalls)
            .build();
    String key = calls.get(0).invocationId;
    try {
      channels
          .producer()
          .send(
              new ProducerRecord<>(
                  channels.invocationsTopic(),
                  target.partition(),
                  key,
                  WireFormat.REQUESTS.encode(request)),
              (metadata, error) -> {
                if (error != null) {
                  failSend(calls, key, error);
                }
                acknowledged.run();
              });
    } catch (RuntimeException e) {
      // e.g. no metadata within max.block.ms: without this the calls would wait for the deadline
      failSend(calls, key, e);
      acknowledged.run();
    }
  }

  private void failSend(List<Pending> calls, String key, Exception error) {
    log.warn("Could not send invocation {}: {}", key, error.toString());
    for (Pending p : calls) {
      pending.fail(
          p,
          new DispatchUnavailableException(
              p.invocationId, "could not send the invocation to Kafka: " + error, error));
    }
  }
}
