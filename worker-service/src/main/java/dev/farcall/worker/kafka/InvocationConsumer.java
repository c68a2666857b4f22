package dev.farcall.worker.kafka;

import dev.farcall.model.wire.WorkerState;
import dev.farcall.worker.heartbeat.HeartbeatPublisher;
import dev.farcall.worker.heartbeat.WorkerStatus;
import dev.farcall.worker.invoke.CallExecutor;
import dev.farcall.worker.invoke.ExecutionSlots;
import dev.farcall.worker.invoke.WorkerMetrics;
import dev.farcall.worker.objects.ObjectTable;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
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
 *
 * <p>This class owns the lifecycle and the poll loop's pacing and draining; the pieces it drives
 * are {@link RecordIntake} (records to calls), {@link CallQueue} (waiting calls, back-pressure),
 * {@link SlotRunner} (running them), {@link ReplySender} (replies), {@link OffsetCommits} (commits)
 * and {@link Rebalance} (partitions coming and going).
 */
public class InvocationConsumer implements SmartLifecycle {

  /** Starts after and stops before the heartbeat publisher. */
  public static final int PHASE = HeartbeatPublisher.PHASE + 1000;

  private static final Logger log = LoggerFactory.getLogger(InvocationConsumer.class);

  /**
   * Where the calls come from and their replies go.
   *
   * @param clients makes the consumer
   * @param producer sends the replies
   * @param topic the invocations topic
   */
  public record Kafka(
      KafkaClients clients,
      Producer<String, byte[]> producer,
      String topic,
      ReplyTopics replyTopics) {}

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
  private final String topic;
  private final String workerId;
  private final WorkerStatus status;
  private final Duration pollTimeout;
  private final Duration drainTimeout;

  // Touched by the poll thread only (commit callbacks run on it too).
  private final OffsetTracker offsets = new OffsetTracker();

  // Shared with slot and producer threads.
  private final PollSignals signals = new PollSignals();

  private final OffsetCommits commits;
  private final CallQueue calls;
  private final ReplySender replies;
  private final SlotRunner slotRunner;
  private final RecordIntake intake;

  private volatile boolean running;
  private Thread pollThread;

  public InvocationConsumer(
      Kafka kafka,
      String workerId,
      Execution execution,
      WorkerStatus status,
      WorkerMetrics metrics,
      Tuning tuning) {
    this.clients = kafka.clients();
    this.topic = kafka.topic();
    this.workerId = workerId;
    this.status = status;
    this.pollTimeout = tuning.pollTimeout();
    this.drainTimeout = tuning.drainTimeout();
    this.commits = new OffsetCommits(offsets, tuning.commitInterval(), metrics);
    this.calls = new CallQueue(tuning.queueLimit(), signals);
    this.replies = new ReplySender(kafka.producer(), kafka.replyTopics(), commits, signals);
    this.slotRunner =
        new SlotRunner(execution.slots(), execution.executor(), calls, replies, signals);
    this.intake = new RecordIntake(offsets, commits, calls, replies, execution.objects());
  }

  @Override
  public synchronized void start() {
    signals.setStopping(false);
    running = true;
    pollThread = new Thread(this::run, "farcall-poll-" + workerId);
    pollThread.start();
  }

  @Override
  public synchronized void stop() {
    if (!running) {
      return;
    }
    signals.setStopping(true);
    status.setState(WorkerState.DRAINING);
    signals.wake();
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
      consumer.subscribe(
          List.of(topic), new Rebalance(consumer, offsets, commits, calls, status, workerId));
      status.setState(WorkerState.RUNNING);
      while (!signals.stopping()) {
        try {
          pollOnce(consumer);
        } catch (KafkaException e) {
          log.warn("poll loop of worker {} continues after: {}", workerId, e.toString());
          signals.await(pollTimeout);
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
    commits.applyDone();
    commits.commitIfDue(consumer);
    slotRunner.startSlots();
    calls.pauseOrResume(consumer);
    ConsumerRecords<String, byte[]> records;
    if (calls.pausedAll()) {
      // Paused: this poll only keeps the group membership and callbacks going.
      records = consumer.poll(Duration.ZERO);
      if (records.isEmpty()) {
        signals.await(nextWait());
      }
    } else {
      records = consumer.poll(nextWait());
    }
    intake.accept(consumer, records);
    slotRunner.startSlots();
  }

  /**
   * The poll timeout, shortened so that answered offsets wait about one commit interval for their
   * commit: until the next commit is due when something is committable, one interval while calls
   * are still running or a commit is in flight.
   */
  private Duration nextWait() {
    long wait = pollTimeout.toMillis();
    if (commits.commitWaiting()) {
      wait = Math.min(wait, Math.max(1, commits.millisUntilDue()));
    } else if (replies.unsettled() > 0 || calls.queued() > 0 || commits.inFlight()) {
      wait = Math.min(wait, commits.intervalMillis());
    }
    return Duration.ofMillis(wait);
  }

  private void drain(Consumer<String, byte[]> consumer) {
    // Calls not started yet stay uncommitted; another worker will take them.
    calls.clear();
    calls.pauseAll(consumer);
    long deadline = System.nanoTime() + drainTimeout.toNanos();
    while (replies.unsettled() > 0 && System.nanoTime() < deadline) {
      consumer.poll(Duration.ZERO);
      commits.applyDone();
      commits.commitIfDue(consumer);
      signals.await(pollTimeout);
    }
    commits.applyDone();
    commits.commitSync(consumer);
    if (replies.unsettled() > 0) {
      log.warn(
          "worker {} stops with {} calls unanswered; their records stay uncommitted",
          workerId,
          replies.unsettled());
    }
  }
}
