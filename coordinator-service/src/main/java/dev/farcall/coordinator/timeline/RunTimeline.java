package dev.farcall.coordinator.timeline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The calls of one running run as they complete; thread-safe, bounded. */
final class RunTimeline {

  private final String runId;
  private final Instant origin;
  private final int maxCalls;
  private final List<String> sites = new ArrayList<>();
  private final Map<String, Integer> siteIndex = new HashMap<>();
  private final List<String> workers = new ArrayList<>();
  private final Map<String, Integer> workerIndex = new HashMap<>();
  private final List<long[]> calls = new ArrayList<>();
  private long dropped;
  private long droppedByDriver;

  RunTimeline(String runId, Instant origin, int maxCalls) {
    this.runId = runId;
    this.origin = origin;
    this.maxCalls = maxCalls;
  }

  synchronized void record(
      String site,
      String worker,
      Instant start,
      long durationMicros,
      long workMicros,
      int outcome) {
    if (calls.size() >= maxCalls) {
      dropped++;
      return;
    }
    long startMicros = Math.max(0, Duration.between(origin, start).toNanos() / 1_000);
    calls.add(
        new long[] {
          index(site, sites, siteIndex),
          index(worker, workers, workerIndex),
          startMicros,
          durationMicros,
          workMicros,
          outcome
        });
  }

  /** The driver's own count of calls it did not report (cumulative: the newest is the most). */
  synchronized void droppedByDriver(long count) {
    droppedByDriver = Math.max(droppedByDriver, count);
  }

  synchronized Timeline snapshot() {
    return new Timeline(
        runId,
        origin,
        List.copyOf(sites),
        List.copyOf(workers),
        List.copyOf(calls),
        dropped + droppedByDriver);
  }

  private static long index(String value, List<String> values, Map<String, Integer> indices) {
    return indices.computeIfAbsent(
        value,
        v -> {
          values.add(v);
          return values.size() - 1;
        });
  }
}
