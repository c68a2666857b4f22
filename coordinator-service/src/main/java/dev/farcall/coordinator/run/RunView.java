package dev.farcall.coordinator.run;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * A run as the REST API shows it.
 *
 * @param maxHeapBytes the heap limit of the run's driver JVM ({@code -Xmx})
 * @param adaptivePolicy the adaptive policy the run uses, {@code none} for none
 * @param exitCode the program's exit status; {@code null} while it runs or when cancelled
 * @param error why it failed or was cancelled, when there is more to say than the exit code
 * @param stats per-site profile (live while running)
 */
public record RunView(
    String id,
    String programId,
    String mainClass,
    List<String> args,
    String heuristic,
    Map<String, Object> tunables,
    Long deadlineSeconds,
    long maxHeapBytes,
    String adaptivePolicy,
    RunStatus status,
    Integer exitCode,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    String error,
    RunStats stats) {

  /**
   * Every instant of a run is kept to the microsecond, the precision both databases store, so a run
   * shows the same times (and gives out the same paging cursors) while it goes and once stored.
   */
  public RunView {
    createdAt = micros(createdAt);
    startedAt = micros(startedAt);
    finishedAt = micros(finishedAt);
  }

  private static Instant micros(Instant at) {
    return at == null ? null : at.truncatedTo(ChronoUnit.MICROS);
  }

  RunView withStatus(RunStatus newStatus) {
    return new RunView(
        id,
        programId,
        mainClass,
        args,
        heuristic,
        tunables,
        deadlineSeconds,
        maxHeapBytes,
        adaptivePolicy,
        newStatus,
        exitCode,
        createdAt,
        startedAt,
        finishedAt,
        error,
        stats);
  }

  RunView started(Instant at) {
    return new RunView(
        id,
        programId,
        mainClass,
        args,
        heuristic,
        tunables,
        deadlineSeconds,
        maxHeapBytes,
        adaptivePolicy,
        RunStatus.RUNNING,
        exitCode,
        createdAt,
        at,
        finishedAt,
        error,
        stats);
  }

  RunView withStats(RunStats live) {
    return new RunView(
        id,
        programId,
        mainClass,
        args,
        heuristic,
        tunables,
        deadlineSeconds,
        maxHeapBytes,
        adaptivePolicy,
        status,
        exitCode,
        createdAt,
        startedAt,
        finishedAt,
        error,
        live);
  }

  RunView finished(RunOutcome outcome, Instant at, RunStats finalStats) {
    return new RunView(
        id,
        programId,
        mainClass,
        args,
        heuristic,
        tunables,
        deadlineSeconds,
        maxHeapBytes,
        adaptivePolicy,
        outcome.status(),
        outcome.exitCode(),
        createdAt,
        startedAt,
        at,
        outcome.error(),
        finalStats);
  }
}
