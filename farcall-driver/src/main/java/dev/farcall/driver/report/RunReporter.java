package dev.farcall.driver.report;

import dev.farcall.model.wire.RemoteCalls;
import dev.farcall.model.wire.RunEvent;
import dev.farcall.model.wire.RunEventKind;
import dev.farcall.model.wire.RunStatistics;
import dev.farcall.model.wire.SiteDecision;
import dev.farcall.model.wire.WireFormat;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
 * last report, for the run's timeline), how main ended, decisions, and a last ENDING with the final
 * stats when the JVM shuts down. Every event carries a sequence number, so the coordinator keeps
 * the newest. Sends go through the driver's one producer; until it is open, events wait on the
 * reporter's own thread, never on the program's.
 */
public final class RunReporter implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RunReporter.class);
  private static final Duration FINAL_SEND_WAIT = Duration.ofSeconds(3);

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
  private volatile RunStatistics lastSent;
  private volatile RemoteCallLog calls;

  /**
   * @param topic the run-events topic
   * @param stats the run's stats now
   */
  public RunReporter(
      String runId,
      String topic,
      CompletableFuture<Producer<String, byte[]>> producer,
      Supplier<RunStatistics> stats) {
    this.runId = runId;
    this.topic = topic;
    this.producer = producer;
    this.stats = stats;
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
      newCalls.ifPresent(e::setRemoteCalls);
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
    thread.execute(() -> send(e)); // after STARTED, which the same thread sends first
  }

  /** Reports placement decisions (the adaptive policy's flips). */
  public void decisions(List<SiteDecision> decisions) {
    if (decisions.isEmpty()) {
      return;
    }
    RunEvent e = event(RunEventKind.DECISIONS, null, null);
    e.setDecisions(List.copyOf(decisions));
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

  private Future<?> send(RunEvent event) {
    try {
      Producer<String, byte[]> p = producer.get(30, TimeUnit.SECONDS);
      return p.send(new ProducerRecord<>(topic, runId, WireFormat.RUN_EVENTS.encode(event)));
    } catch (Exception e) {
      log.warn("cannot report {} of run {}: {}", event.getKind(), runId, e.toString());
      return CompletableFuture.completedFuture(null);
    }
  }

  /**
   * Reports ENDING with the final stats and waits (briefly) until Kafka has it: called from the
   * driver's shutdown hook, so it also runs at {@code System.exit} and on SIGTERM.
   */
  @Override
  public void close() {
    thread.shutdown(); // events already queued (how main ended) go out first
    try {
      thread.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    RunEvent last = event(RunEventKind.ENDING, null, stats.get());
    newCalls().ifPresent(last::setRemoteCalls);
    try {
      Producer<String, byte[]> p = producer.getNow(null);
      if (p == null) {
        return; // never connected: the coordinator keeps what it has
      }
      p.send(new ProducerRecord<>(topic, runId, WireFormat.RUN_EVENTS.encode(last)))
          .get(FINAL_SEND_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      log.warn("cannot report the end of run {}: {}", runId, e.toString());
    }
  }
}
