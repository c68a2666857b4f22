package dev.farcall.driver.report;

import dev.farcall.model.wire.MethodRef;
import dev.farcall.model.wire.RemoteCallOutcome;
import dev.farcall.model.wire.RemoteCallRecord;
import dev.farcall.model.wire.RemoteCalls;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * The run's completed remote calls, waiting for the reporter to send them to the coordinator's
 * timeline. Only the remote path records (a LOCAL call never reaches it), and it is bounded twice:
 * at most {@code perReport} calls wait between two reports and at most {@code perRun} are recorded
 * in all; calls beyond either are only counted as dropped. Thread-safe; recording never blocks.
 */
public final class RemoteCallLog {

  /** Calls that wait for one report, by default. */
  public static final int DEFAULT_PER_REPORT = 2_000;

  /** Calls recorded per run, by default: the coordinator's own default cap per timeline. */
  public static final int DEFAULT_PER_RUN = 100_000;

  private record Call(
      int site,
      String workerId,
      long startEpochMicros,
      long durationMicros,
      long workMicros,
      RemoteCallOutcome outcome) {}

  private final IntFunction<MethodRef> methods;
  private final ArrayBlockingQueue<Call> waiting;
  private final long perRun;
  private final AtomicLong recorded = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private long reportedDropped; // guarded by this: drains come from the reporter and at shutdown

  /**
   * @param methods the method of a site id
   * @param perReport calls that may wait for one report
   * @param perRun calls recorded in the whole run
   */
  public RemoteCallLog(IntFunction<MethodRef> methods, int perReport, long perRun) {
    this.methods = methods;
    this.waiting = new ArrayBlockingQueue<>(Math.max(1, perReport));
    this.perRun = Math.max(0, perRun);
  }

  /**
   * Records a remote call that completes now.
   *
   * @param startedNanos when it was sent, on {@link System#nanoTime()}
   */
  public void recordSince(
      int site, String workerId, long startedNanos, long workMicros, RemoteCallOutcome outcome) {
    long micros = Math.max(0, (System.nanoTime() - startedNanos) / 1_000);
    Instant now = Instant.now();
    long nowMicros = now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    record(site, workerId, nowMicros - micros, micros, workMicros, outcome);
  }

  /**
   * Records one completed remote call.
   *
   * @param workerId the worker that answered, "" when none did
   * @param startEpochMicros when it was sent
   * @param durationMicros its round trip
   * @param workMicros its time in the method on the worker
   */
  public void record(
      int site,
      String workerId,
      long startEpochMicros,
      long durationMicros,
      long workMicros,
      RemoteCallOutcome outcome) {
    if (recorded.incrementAndGet() > perRun) {
      dropped.incrementAndGet();
      return;
    }
    Call call =
        new Call(
            site,
            workerId == null ? "" : workerId,
            startEpochMicros,
            durationMicros,
            workMicros,
            outcome);
    if (!waiting.offer(call)) {
      recorded.decrementAndGet(); // the run's cap counts the calls that were reported
      dropped.incrementAndGet();
    }
  }

  /**
   * The calls recorded since the last drain, with the methods they refer to, or empty when there
   * are none and nothing new was dropped.
   */
  public synchronized Optional<RemoteCalls> drain() {
    List<Call> calls = new ArrayList<>(waiting.size());
    waiting.drainTo(calls);
    long droppedSoFar = dropped.get();
    if (calls.isEmpty() && droppedSoFar == reportedDropped) {
      return Optional.empty();
    }
    reportedDropped = droppedSoFar;
    List<MethodRef> sites = new ArrayList<>();
    Map<Integer, Integer> index = new HashMap<>();
    List<RemoteCallRecord> records = new ArrayList<>(calls.size());
    for (Call c : calls) {
      int site =
          index.computeIfAbsent(
              c.site(),
              id -> {
                sites.add(methods.apply(id));
                return sites.size() - 1;
              });
      records.add(
          RemoteCallRecord.newBuilder()
              .setSite(site)
              .setWorkerId(c.workerId())
              .setStartEpochMicros(c.startEpochMicros())
              .setDurationMicros(c.durationMicros())
              .setWorkMicros(c.workMicros())
              .setOutcome(c.outcome())
              .build());
    }
    return Optional.of(
        RemoteCalls.newBuilder()
            .setSites(sites)
            .setCalls(records)
            .setDropped(droppedSoFar)
            .build());
  }
}
