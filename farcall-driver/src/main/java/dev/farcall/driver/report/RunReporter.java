package dev.farcall.driver.report;

import dev.farcall.model.wire.RemoteCalls;
import dev.farcall.model.wire.RunEvent;
import dev.farcall.model.wire.RunEventKind;
import dev.farcall.model.wire.RunEventsFile;
import dev.farcall.model.wire.RunStatistics;
import dev.farcall.model.wire.SiteDecision;
import dev.farcall.model.wire.WireFormat;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams the run's events to the coordinator on the run-events topic, keyed by run id: STARTED,
 * the stats every {@code interval} (when they changed, or with the remote calls completed since the
 * last report, for the run's timeline), how main ended and decisions. Every event carries a
 * sequence number, so the coordinator keeps the newest. Sends go through the driver's one producer;
 * until it is open, events wait on the reporter's own thread, never on the program's.
 *
 * <p>When the JVM shuts down, the events Kafka has not acknowledged and a last ENDING with the
 * final stats go to a file next to the driver's log ({@link RunEventsFile}), which the coordinator
 * reads once the process has exited: the JVM's end never waits for Kafka.
 */
public final class RunReporter implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RunReporter.class);

  private final String runId;
  private final String topic;
  private final long pid = ProcessHandle.current().pid();
  private final CompletableFuture<Producer<String, byte[]>> producer;
  private final Supplier<RunStatistics> stats;
  private final AtomicLong sequence = new AtomicLong();
  private final ScheduledExecutorService thread =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "farcall-driver-report");
            t.setDaemon(true);
            return t;
          });
  private final Path lastEvents;
  private volatile RunStatistics lastSent;
  private volatile RemoteCallLog calls;
  // Events sent but not yet acknowledged by Kafka (how main ended, decisions, stats that carry
  // remote calls), by sequence: at the end they go to the last-events file with ENDING. Other STATS
  // are not kept: ENDING supersedes them.
  private final ConcurrentSkipListMap<Long, RunEvent> unconfirmed = new ConcurrentSkipListMap<>();

  /**
   * @param topic the run-events topic
   * @param stats the run's stats now
   * @param lastEvents where the last events go at the end
   */
  public RunReporter(
      String runId,
      String topic,
      CompletableFuture<Producer<String, byte[]>> producer,
      Supplier<RunStatistics> stats,
      Path lastEvents) {
    this.runId = runId;
    this.topic = topic;
    this.producer = producer;
    this.stats = stats;
    this.lastEvents = lastEvents;
  }

  /** Where the remote calls for the run's timeline come from; each report carries the new ones. */
  public void reportCallsOf(RemoteCallLog log) {
    this.calls = log;
  }

  /** Reports STARTED, then the stats every {@code interval}. */
  public void start(Duration interval) {
    thread.execute(() -> send(event(RunEventKind.STARTED, null, null)));
    long millis = Math.max(10, interval.toMillis());
    thread.scheduleWithFixedDelay(this::reportStats, millis, millis, TimeUnit.MILLISECONDS);
  }

  private void reportStats() {
    RunStatistics now = stats.get();
    Optional<RemoteCalls> newCalls = newCalls();
    if (!now.equals(lastSent) || newCalls.isPresent()) {
      lastSent = now;
      RunEvent e = event(RunEventKind.STATS, null, now);
      if (newCalls.isPresent()) {
        e.setRemoteCalls(newCalls.get());
        keepUntilAcknowledged(e); // its calls are in no later event: the timeline needs them
      }
      send(e);
    }
  }

  private Optional<RemoteCalls> newCalls() {
    RemoteCallLog log = calls;
    return log == null ? Optional.empty() : log.drain();
  }

  /** Reports that main returned or threw (with the exception's class). */
  public void mainEnded(Throwable thrown) {
    RunEvent e =
        thrown == null
            ? event(RunEventKind.MAIN_RETURNED, null, stats.get())
            : event(RunEventKind.MAIN_THREW, thrown.getClass().getName(), stats.get());
    keepUntilAcknowledged(e);
    thread.execute(() -> send(e)); // after STARTED, which the same thread sends first
  }

  /** Reports placement decisions (the adaptive policy's flips). */
  public void decisions(List<SiteDecision> decisions) {
    if (decisions.isEmpty()) {
      return;
    }
    RunEvent e = event(RunEventKind.DECISIONS, null, null);
    e.setDecisions(List.copyOf(decisions));
    keepUntilAcknowledged(e);
    thread.execute(() -> send(e));
  }

  private RunEvent event(RunEventKind kind, String detail, RunStatistics statistics) {
    return RunEvent.newBuilder()
        .setRunId(runId)
        .setSequence(sequence.incrementAndGet())
        .setSentEpochMillis(System.currentTimeMillis())
        .setKind(kind)
        .setPid(pid)
        .setDetail(detail)
        .setStats(statistics)
        .build();
  }

  /** At most this many unacknowledged events are kept for the last-events file, the newest. */
  static final int MAX_UNCONFIRMED = 1_000;

  private void keepUntilAcknowledged(RunEvent e) {
    unconfirmed.put(e.getSequence(), e);
    while (unconfirmed.size() > MAX_UNCONFIRMED) {
      unconfirmed.pollFirstEntry();
    }
  }

  private void send(RunEvent event) {
    try {
      Producer<String, byte[]> p = producer.get(30, TimeUnit.SECONDS);
      p.send(
          new ProducerRecord<>(topic, runId, WireFormat.RUN_EVENTS.encode(event)),
          (metadata, failure) -> {
            if (failure == null) {
              unconfirmed.remove(event.getSequence());
            }
          });
    } catch (InterruptedException | org.apache.kafka.common.errors.InterruptException e) {
      Thread.currentThread().interrupt(); // the end came first: the last-events file has the rest
    } catch (Exception e) {
      log.warn("cannot report {} of run {}: {}", event.getKind(), runId, e.toString());
    }
  }

  /**
   * Ends the reports with ENDING and the final stats: called from the driver's shutdown hook, so it
   * also runs at {@code System.exit} and on SIGTERM. Nothing waits for Kafka: the events it has not
   * acknowledged (how main ended, decisions, remote calls for the timeline) and ENDING go to the
   * last-events file, which the coordinator reads once the process has exited. A short program ends
   * before its producer has even connected, and waiting for Kafka here kept the JVM alive for most
   * of a second after main.
   */
  @Override
  public void close() {
    thread.shutdownNow(); // a send waiting for the producer ends: the file has what it carried
    RunEvent last = event(RunEventKind.ENDING, null, stats.get());
    newCalls().ifPresent(last::setRemoteCalls);
    List<RunEvent> events = new ArrayList<>(unconfirmed.values());
    events.add(last);
    try {
      RunEventsFile.write(lastEvents, events);
    } catch (IOException | RuntimeException e) {
      log.warn("cannot write the last events of run {}: {}", runId, e.toString());
    }
  }
}
