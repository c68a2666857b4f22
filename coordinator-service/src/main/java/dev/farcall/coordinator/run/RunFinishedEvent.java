package dev.farcall.coordinator.run;

import java.time.Instant;

/**
 * Published after a run has ended and its outcome, output and stats are stored, so a listener that
 * reads them back sees the final values. Listeners run on the thread that ended the run: they must
 * be quick and must not throw.
 *
 * @param runId the run
 * @param programId its program
 * @param status SUCCEEDED, FAILED or CANCELLED
 * @param exitCode the program's exit status, or {@code null}
 * @param error why it failed or was cancelled, or {@code null}
 * @param finishedAt when it ended
 */
public record RunFinishedEvent(
    String runId,
    String programId,
    RunStatus status,
    Integer exitCode,
    String error,
    Instant finishedAt) {}
