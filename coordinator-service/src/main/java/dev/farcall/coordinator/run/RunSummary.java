package dev.farcall.coordinator.run;

import java.time.Instant;

/**
 * A run in brief, for lists ({@code GET /runs?view=summary}): no arguments, tunables or per-site
 * stats, so that a page of many runs stays small.
 */
public record RunSummary(
    String id,
    String programId,
    String mainClass,
    String heuristic,
    RunStatus status,
    Integer exitCode,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    String error) {

  static RunSummary of(RunView run) {
    return new RunSummary(
        run.id(),
        run.programId(),
        run.mainClass(),
        run.heuristic(),
        run.status(),
        run.exitCode(),
        run.createdAt(),
        run.startedAt(),
        run.finishedAt(),
        run.error());
  }
}
