package dev.farcall.worker.heartbeat;

import dev.farcall.model.wire.WireFormat;
import dev.farcall.model.wire.WorkerHeartbeat;
import dev.farcall.model.wire.WorkerState;
import dev.farcall.worker.invoke.WorkerMetrics;
import dev.farcall.worker.jar.JarCache;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Sends a {@link WorkerHeartbeat} on the heartbeats topic, keyed by worker id, every interval and
 * at once whenever the state or the assigned partitions change. It starts before the invocations
 * consumer and stops after it, so its last heartbeat (state STOPPED) follows the drain.
 */
public class HeartbeatPublisher implements SmartLifecycle {

  /** Starts before and stops after the invocations consumer. */
  public static final int PHASE = Integer.MAX_VALUE - 2000;

  private static final Logger log = LoggerFactory.getLogger(HeartbeatPublisher.class);
  private static final Duration FINAL_SEND_TIMEOUT = Duration.ofSeconds(10);

  private final Producer<String, byte[]> producer;
  private final String topic;
  private final Identity identity;
  private final WorkerStatus status;
  private final WorkerMetrics metrics;
  private final JarCache jars;
  private final Clock clock;
  private final OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
  private ScheduledExecutorService scheduler;
  private volatile boolean running;

  /**
   * @param workerId the worker's id, also the record key
   * @param host the host name reported
   * @param slots how many calls the worker runs at once
   * @param interval how often to send
   * @param version the worker's version
   */
  public record Identity(
      String workerId, String host, int slots, Duration interval, String version) {}

  public HeartbeatPublisher(
      Producer<String, byte[]> producer,
      String topic,
      Identity identity,
      WorkerStatus status,
      WorkerMetrics metrics,
      JarCache jars,
      Clock clock) {
    this.producer = producer;
    this.topic = topic;
    this.identity = identity;
    this.status = status;
    this.metrics = metrics;
    this.jars = jars;
    this.clock = clock;
  }

  @Override
  public synchronized void start() {
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "farcall-heartbeat");
              t.setDaemon(true);
              return t;
            });
    running = true;
    status.onChange(this::sendSoon);
    long period = identity.interval().toMillis();
    scheduler.scheduleAtFixedRate(this::sendQuietly, 0, period, TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void stop() {
    if (!running) {
      return;
    }
    running = false;
    status.onChange(() -> {});
    scheduler.shutdownNow();
    try {
      // a beat under way was built with the old state: sent after STOPPED, it would be the last
      if (!scheduler.awaitTermination(FINAL_SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("a heartbeat of worker {} was still being sent", identity.workerId());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    status.setState(WorkerState.STOPPED);
    try {
      producer.send(record(heartbeat())).get(FINAL_SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      log.info("worker {} stopped", identity.workerId());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      log.warn("final heartbeat of worker {} not delivered: {}", identity.workerId(), e.toString());
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }

  /** The heartbeat describing the worker right now. */
  public WorkerHeartbeat heartbeat() {
    return WorkerHeartbeat.newBuilder()
        .setWorkerId(identity.workerId())
        .setHost(identity.host())
        .setState(status.state())
        .setSlots(identity.slots())
        .setInFlight(metrics.inFlight())
        .setCompleted(metrics.completed())
        .setMeanExecuteMicros(metrics.meanExecuteMicros())
        .setLoad(load())
        .setCachedPrograms(jars.cachedShas())
        .setAssignedPartitions(status.assignedPartitions())
        .setVersion(identity.version())
        .setSentEpochMillis(clock.millis())
        .setIntervalMillis(identity.interval().toMillis())
        .build();
  }

  private double load() {
    double average = os.getSystemLoadAverage();
    return average < 0 ? -1 : average / os.getAvailableProcessors();
  }

  private void sendSoon() {
    ScheduledExecutorService s = scheduler;
    if (running && s != null) {
      try {
        s.execute(this::sendQuietly);
      } catch (RuntimeException rejectedWhileStopping) {
        // stop() sends the last heartbeat itself
      }
    }
  }

  private void sendQuietly() {
    try {
      producer.send(
          record(heartbeat()),
          (metadata, e) -> {
            if (e != null) {
              log.warn(
                  "heartbeat of worker {} not delivered: {}", identity.workerId(), e.toString());
            }
          });
    } catch (RuntimeException e) {
      // The schedule must survive a broker hiccup; the next beat tries again.
      log.warn("cannot send heartbeat of worker {}: {}", identity.workerId(), e.toString());
    }
  }

  private ProducerRecord<String, byte[]> record(WorkerHeartbeat heartbeat) {
    return new ProducerRecord<>(
        topic, identity.workerId(), WireFormat.HEARTBEATS.encode(heartbeat));
  }
}
