package dev.farcall.worker.kafka;

import dev.farcall.model.wire.Call;
import dev.farcall.model.wire.InvocationRequest;
import dev.farcall.model.wire.InvocationResult;
import dev.farcall.model.wire.WireFormat;
import dev.farcall.model.wire.WorkerState;
import dev.farcall.worker.heartbeat.HeartbeatPublisher;
import dev.farcall.worker.heartbeat.WorkerStatus;
import dev.farcall.worker.invoke.CallExecutor;
import dev.farcall.worker.invoke.ExecutionSlots;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The worker's member of the invocations consumer group. A dedicated poll thread owns the {@link
 * Consumer}: it decodes requests (skipping malformed records), hands each call to a free {@link
 * ExecutionSlots slot}, pauses its partitions while no slot is free (and keeps polling so it stays
 * in the group), and commits an offset only once the replies of every record before it have been
 * acknowledged by the broker. On stop it takes no new records, lets running calls finish and reply,
 * commits, and leaves the group.
 */
public class InvocationConsumer implements SmartLifecycle {

  /** Starts after and stops before the heartbeat publisher. */
  public static final int PHASE = HeartbeatPublisher.PHASE + 1000;

  private static final Logger log = LoggerFactory.getLogger(InvocationConsumer.class);

  private final KafkaClients clients;
  private final Producer<String, byte[]> producer;
  private final String topic;
  private final String workerId;
  private final ExecutionSlots slots;
  private final CallExecutor executor;
  private final WorkerStatus status;
  private final Duration pollTimeout;
  private final Duration drainTimeout;

  // Touched by the poll thread only.
  private final Deque<PendingCall> pending = new ArrayDeque<>();
  private final OffsetTracker offsets = new OffsetTracker();

  // Shared with slot and producer threads.
  private final ConcurrentLinkedQueue<RecordProgress> done = new ConcurrentLinkedQueue<>();
  private final AtomicInteger unsettledReplies = new AtomicInteger();
  private final Semaphore wake = new Semaphore(0);

  private volatile boolean stopping;
  private volatile boolean running;
  private Thread pollThread;

  public InvocationConsumer(
      KafkaClients clients,
      Producer<String, byte[]> producer,
      String topic,
      String workerId,
      ExecutionSlots slots,
      CallExecutor executor,
      WorkerStatus status,
      Duration pollTimeout,
      Duration drainTimeout) {
    this.clients = clients;
    this.producer = producer;
    this.topic = topic;
    this.workerId = workerId;
    this.slots = slots;
    this.executor = executor;
    this.status = status;
    this.pollTimeout = pollTimeout;
    this.drainTimeout = drainTimeout;
    slots.onSlotFreed(wake::release);
  }

  @Override
  public synchronized void start() {
    stopping = false;
    running = true;
    pollThread = new Thread(this::run, "farcall-poll-" + workerId);
    pollThread.start();
  }

  @Override
  public synchronized void stop() {
    if (!running) {
      return;
    }
    stopping = true;
    status.setState(WorkerState.DRAINING);
    wake.release();
    try {
      pollThread.join(drainTimeout.plusSeconds(15).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }

  private void run() {
    try (Consumer<String, byte[]> consumer = clients.newConsumer(workerId)) {
      consumer.subscribe(List.of(topic), new Rebalance(consumer));
      status.setState(WorkerState.RUNNING);
      while (!stopping) {
        try {
          pollOnce(consumer);
        } catch (KafkaException e) {
          log.warn("poll loop of worker {} continues after: {}", workerId, e.toString());
          awaitWake(pollTimeout);
        }
      }
      drain(consumer);
    } catch (RuntimeException e) {
      log.error("poll loop of worker {} died", workerId, e);
    } finally {
      status.setAssignedPartitions(Set.of());
      log.info("worker {} left the invocations group", workerId);
    }
  }

  private void pollOnce(Consumer<String, byte[]> consumer) {
    applyDone();
    commit(consumer, offsets.toCommit(), false);
    dispatch();
    boolean full = !pending.isEmpty();
    applyPause(consumer, full);
    ConsumerRecords<String, byte[]> records;
    if (full) {
      // Paused: this poll only keeps the group membership and callbacks going.
      records = consumer.poll(Duration.ZERO);
      if (records.isEmpty()) {
        awaitWake(pollTimeout);
      }
    } else {
      records = consumer.poll(pollTimeout);
    }
    accept(records);
    dispatch();
  }

  private void accept(ConsumerRecords<String, byte[]> records) {
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
      List<Call> calls = request.getCalls();
      if (calls.isEmpty()) {
        offsets.completed(tp, record.offset());
        continue;
      }
      RecordProgress progress = new RecordProgress(tp, record.offset(), calls.size());
      for (Call call : calls) {
        pending.add(new PendingCall(request, call, progress));
      }
    }
  }

  private void dispatch() {
    while (!pending.isEmpty()) {
      PendingCall next = pending.peek();
      unsettledReplies.incrementAndGet();
      if (!slots.tryRun(() -> runAndReply(next))) {
        unsettledReplies.decrementAndGet();
        return;
      }
      pending.poll();
    }
  }

  /** On a slot thread: execute, then send the reply; the record is done once it is acknowledged. */
  private void runAndReply(PendingCall call) {
    try {
      InvocationResult result = executor.execute(call.request(), call.call());
      InvocationRequest request = call.request();
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
              undelivered(call, e);
            } else {
              settled(call.progress(), true);
            }
          });
    } catch (RuntimeException | Error e) {
      // Whatever happened, the slot's accounting must settle, or draining would wait forever.
      undelivered(call, e);
    }
  }

  private void undelivered(PendingCall call, Throwable e) {
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
      done.add(progress);
    }
    unsettledReplies.decrementAndGet();
    wake.release();
  }

  private void applyDone() {
    RecordProgress progress;
    while ((progress = done.poll()) != null) {
      offsets.completed(progress.partition(), progress.offset());
    }
  }

  private void commit(
      Consumer<String, byte[]> consumer,
      Map<TopicPartition, OffsetAndMetadata> commits,
      boolean sync) {
    if (commits.isEmpty()) {
      return;
    }
    if (sync) {
      try {
        consumer.commitSync(commits);
        offsets.committed(commits);
      } catch (KafkaException e) {
        log.warn("commit of {} failed: {}", commits, e.toString());
      }
      return;
    }
    offsets.committed(commits);
    consumer.commitAsync(
        commits,
        (committed, e) -> {
          if (e != null) {
            log.warn("commit of {} failed, will retry: {}", commits, e.toString());
            offsets.commitFailed(commits);
          }
        });
  }

  private void applyPause(Consumer<String, byte[]> consumer, boolean full) {
    if (full || stopping) {
      Set<TopicPartition> toPause = new HashSet<>(consumer.assignment());
      toPause.removeAll(consumer.paused());
      if (!toPause.isEmpty()) {
        consumer.pause(toPause);
      }
    } else {
      Set<TopicPartition> paused = consumer.paused();
      if (!paused.isEmpty()) {
        consumer.resume(paused);
      }
    }
  }

  private void drain(Consumer<String, byte[]> consumer) {
    // Calls not started yet stay uncommitted; another worker will take them.
    pending.clear();
    applyPause(consumer, true);
    long deadline = System.nanoTime() + drainTimeout.toNanos();
    while (unsettledReplies.get() > 0 && System.nanoTime() < deadline) {
      consumer.poll(Duration.ZERO);
      applyDone();
      commit(consumer, offsets.toCommit(), false);
      awaitWake(pollTimeout);
    }
    applyDone();
    commit(consumer, offsets.toCommit(), true);
    if (unsettledReplies.get() > 0) {
      log.warn(
          "worker {} stops with {} calls unanswered; their records stay uncommitted",
          workerId,
          unsettledReplies.get());
    }
  }

  private void awaitWake(Duration timeout) {
    try {
      if (wake.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        wake.drainPermits();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopping = true;
    }
  }

  private final class Rebalance implements ConsumerRebalanceListener {

    private final Consumer<String, byte[]> consumer;

    Rebalance(Consumer<String, byte[]> consumer) {
      this.consumer = consumer;
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
      applyDone();
      commit(consumer, offsets.toCommit(revoked), true);
      forget(revoked);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> lost) {
      forget(lost);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
      if (!pending.isEmpty() || stopping) {
        consumer.pause(assigned);
      }
      publishAssignment();
      log.info("worker {} assigned {}", workerId, assigned);
    }

    private void forget(Collection<TopicPartition> gone) {
      offsets.remove(gone);
      pending.removeIf(p -> gone.contains(p.progress().partition()));
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

  /** One call of a polled request, waiting for or holding a slot. */
  private record PendingCall(InvocationRequest request, Call call, RecordProgress progress) {}

  /** Counts down the calls of one record whose replies are still to be acknowledged. */
  private static final class RecordProgress {
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
}
