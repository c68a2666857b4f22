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
import dev.farcall.worker.invoke.WorkerMetrics;
import dev.farcall.worker.objects.ObjectTable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
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
 * Consumer}: it decodes requests (skipping malformed records) into a queue of calls and starts
 * {@link ExecutionSlots slots}; a slot runs queued calls one after another until the queue is
 * empty, so a busy worker hands no call from thread to thread. While a full poll's worth of calls
 * waits, the poll thread pauses its partitions (and keeps polling so it stays in the group) until
 * the slots worked the queue down to half. Offsets are committed every {@code commitInterval}, each
 * only once the replies of every record before it have been acknowledged by the broker. On stop it
 * takes no new records, lets running calls finish and reply, commits, and leaves the group.
 */
public class InvocationConsumer implements SmartLifecycle {

  /** Starts after and stops before the heartbeat publisher. */
  public static final int PHASE = HeartbeatPublisher.PHASE + 1000;

  private static final Logger log = LoggerFactory.getLogger(InvocationConsumer.class);

  /**
   * How the poll loop paces itself.
   *
   * @param pollTimeout longest wait of one poll
   * @param commitInterval how often answered offsets are committed
   * @param queueLimit calls waiting for a slot at which fetching pauses (resumes at half)
   * @param drainTimeout how long stop waits for running calls
   */
  public record Tuning(
      Duration pollTimeout, Duration commitInterval, int queueLimit, Duration drainTimeout) {}

  /**
   * What runs the calls.
   *
   * @param slots the threads of stateless calls
   * @param executor runs one call
   * @param objects the remote objects held here; their calls bypass the slots' shared queue, so
   *     that each object's calls run one at a time in arrival order
   */
  public record Execution(ExecutionSlots slots, CallExecutor executor, ObjectTable objects) {}

  private final KafkaClients clients;
  private final Producer<String, byte[]> producer;
  private final String topic;
  private final String workerId;
  private final ExecutionSlots slots;
  private final CallExecutor executor;
  private final ObjectTable objects;
  private final WorkerStatus status;
  private final WorkerMetrics metrics;
  private final Duration pollTimeout;
  private final long commitIntervalNanos;
  private final int queueLimit;
  private final int resumeAt;
  private final Duration drainTimeout;

  // Touched by the poll thread only (commit callbacks run on it too).
  private final OffsetTracker offsets = new OffsetTracker();
  private boolean pausedAll;
  private boolean commitInFlight;
  private long nextCommitNanos;

  // Shared with slot and producer threads.
  private final ConcurrentLinkedQueue<PendingCall> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queued = new AtomicInteger();
  private final ConcurrentLinkedQueue<RecordProgress> done = new ConcurrentLinkedQueue<>();
  // Calls a slot took from the queue whose replies are not yet acknowledged (or given up).
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
      Execution execution,
      WorkerStatus status,
      WorkerMetrics metrics,
      Tuning tuning) {
    this.clients = clients;
    this.producer = producer;
    this.topic = topic;
    this.workerId = workerId;
    this.slots = execution.slots();
    this.executor = execution.executor();
    this.objects = execution.objects();
    this.status = status;
    this.metrics = metrics;
    this.pollTimeout = tuning.pollTimeout();
    this.commitIntervalNanos = Math.max(0, tuning.commitInterval().toNanos());
    this.queueLimit = Math.max(1, tuning.queueLimit());
    this.resumeAt = queueLimit / 2;
    this.drainTimeout = tuning.drainTimeout();
    this.slots.onSlotFreed(this::slotFreed);
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
    commitIfDue(consumer);
    startSlots();
    applyPause(consumer, queued.get() >= queueLimit);
    ConsumerRecords<String, byte[]> records;
    if (pausedAll) {
      // Paused: this poll only keeps the group membership and callbacks going.
      records = consumer.poll(Duration.ZERO);
      if (records.isEmpty()) {
        awaitWake(nextWait());
      }
    } else {
      records = consumer.poll(nextWait());
    }
    accept(consumer, records);
    startSlots();
  }

  /**
   * The poll timeout, shortened so that answered offsets wait about one commit interval for their
   * commit: until the next commit is due when something is committable, one interval while calls
   * are still running or a commit is in flight.
   */
  private Duration nextWait() {
    long wait = pollTimeout.toMillis();
    long interval = Math.max(1, commitIntervalNanos / 1_000_000);
    if (!commitInFlight && (!done.isEmpty() || offsets.hasCommittable())) {
      long untilCommit = (nextCommitNanos - System.nanoTime()) / 1_000_000;
      wait = Math.min(wait, Math.max(1, untilCommit));
    } else if (unsettledReplies.get() > 0 || queued.get() > 0 || commitInFlight) {
      wait = Math.min(wait, interval);
    }
    return Duration.ofMillis(wait);
  }

  private void accept(Consumer<String, byte[]> consumer, ConsumerRecords<String, byte[]> records) {
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
      List<Call> calls = request.getCalls();
      if (calls.isEmpty()) {
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
      RecordProgress progress = new RecordProgress(tp, record.offset(), calls.size());
      if (request.getObject() != null) {
        acceptObjectCalls(request, progress);
        continue;
      }
      for (Call call : calls) {
        PendingCall pending = new PendingCall(request, call, progress);
        if (request.getAtMostOnce()) {
          atMostOnce.add(pending);
        } else {
          queued.incrementAndGet();
          queue.add(pending);
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
  private void startAtMostOnce(Consumer<String, byte[]> consumer, List<PendingCall> calls) {
    applyDone();
    Map<TopicPartition, OffsetAndMetadata> commits = offsets.toCommit();
    try {
      metrics.offsetsCommitted();
      consumer.commitSync(commits);
      offsets.committed(commits);
    } catch (KafkaException e) {
      log.warn(
          "not running {} at-most-once call(s): commit failed: {}", calls.size(), e.toString());
      offsets.commitFailed(commits);
      return;
    }
    for (PendingCall call : calls) {
      queued.incrementAndGet();
      queue.add(call);
    }
  }

  /** Hands an object request's calls to the object table, in arrival order. */
  private void acceptObjectCalls(InvocationRequest request, RecordProgress progress) {
    for (Call call : request.getCalls()) {
      PendingCall pending = new PendingCall(request, call, progress);
      unsettledReplies.incrementAndGet(); // settled by the reply, as a slot's call is
      try {
        objects.accept(request, call, result -> reply(pending, result));
      } catch (RuntimeException e) {
        undelivered(pending, e);
      }
    }
  }

  /**
   * Starts a slot per queued call while slots are free; each serves the queue until it is empty.
   */
  private void startSlots() {
    int idle = slots.capacity() - slots.busy();
    for (int i = Math.min(idle, queued.get()); i > 0 && !stopping; i--) {
      if (!slots.tryRun(this::serveQueue)) {
        return;
      }
    }
  }

  /**
   * On a slot thread, after its slot was released: a call queued while the slot was leaving would
   * otherwise wait for the poll thread's next turn.
   */
  private void slotFreed() {
    if (queued.get() > 0) {
      startSlots();
    }
    wake.release();
  }

  /** On a slot thread: runs queued calls until none is left (or the worker stops). */
  private void serveQueue() {
    while (!stopping) {
      // Counted before taking, so that draining never sees a taken call as settled.
      unsettledReplies.incrementAndGet();
      PendingCall call = queue.poll();
      if (call == null) {
        unsettledReplies.decrementAndGet();
        return;
      }
      if (queued.decrementAndGet() == resumeAt) {
        wake.release(); // fetching may resume
      }
      runAndReply(call);
    }
  }

  /** Executes one call, then sends the reply; the record is done once it is acknowledged. */
  private void runAndReply(PendingCall call) {
    InvocationResult result;
    try {
      result = executor.execute(call.request(), call.call());
    } catch (RuntimeException | Error e) {
      // Whatever happened, the slot's accounting must settle, or draining would wait forever.
      undelivered(call, e);
      return;
    }
    reply(call, result);
  }

  /** Sends a call's reply; the record is done once every reply of it is acknowledged. */
  private void reply(PendingCall call, InvocationResult result) {
    try {
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
    if (stopping) {
      // Only draining waits for each reply; otherwise the next commit picks it up.
      wake.release();
    }
  }

  private void applyDone() {
    RecordProgress progress;
    while ((progress = done.poll()) != null) {
      offsets.completed(progress.partition(), progress.offset());
    }
  }

  /** Commits what is committable, at most once per interval and one commit at a time. */
  private void commitIfDue(Consumer<String, byte[]> consumer) {
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

  private void commitSync(
      Consumer<String, byte[]> consumer, Map<TopicPartition, OffsetAndMetadata> commits) {
    if (commits.isEmpty()) {
      return;
    }
    try {
      metrics.offsetsCommitted();
      consumer.commitSync(commits);
      offsets.committed(commits);
    } catch (KafkaException e) {
      log.warn("commit of {} failed: {}", commits, e.toString());
    }
  }

  private void applyPause(Consumer<String, byte[]> consumer, boolean full) {
    // Pause and resume only on a change: both copy the assignment.
    boolean pause = full || stopping;
    if (pause && !pausedAll) {
      consumer.pause(consumer.assignment());
      pausedAll = true;
    } else if (!pause && pausedAll && queued.get() <= resumeAt) {
      consumer.resume(consumer.paused());
      pausedAll = false;
    }
  }

  private void drain(Consumer<String, byte[]> consumer) {
    // Calls not started yet stay uncommitted; another worker will take them.
    while (queue.poll() != null) {
      queued.decrementAndGet();
    }
    applyPause(consumer, true);
    long deadline = System.nanoTime() + drainTimeout.toNanos();
    while (unsettledReplies.get() > 0 && System.nanoTime() < deadline) {
      consumer.poll(Duration.ZERO);
      applyDone();
      commitIfDue(consumer);
      awaitWake(pollTimeout);
    }
    applyDone();
    commitSync(consumer, offsets.toCommit());
    if (unsettledReplies.get() > 0) {
      log.warn(
          "worker {} stops with {} calls unanswered; their records stay uncommitted",
          workerId,
          unsettledReplies.get());
    }
  }

  private void awaitWake(Duration timeout) {
    try {
      if (wake.tryAcquire(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS)) {
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
      commitSync(consumer, offsets.toCommit(revoked));
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
      if (pausedAll) {
        consumer.pause(assigned);
      }
      publishAssignment();
      log.info("worker {} assigned {}", workerId, assigned);
    }

    private void forget(Collection<TopicPartition> gone) {
      offsets.remove(gone);
      // Calls of these records will be served by the partitions' next owner.
      queue.removeIf(
          p -> {
            boolean drop = gone.contains(p.progress().partition());
            if (drop) {
              queued.decrementAndGet();
            }
            return drop;
          });
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
