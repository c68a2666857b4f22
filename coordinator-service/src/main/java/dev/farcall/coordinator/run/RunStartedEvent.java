package dev.farcall.coordinator.run;

import java.time.Instant;

/**
 * Published when a run starts executing (RUNNING). Listeners run on the run's driver thread: they
 * must be quick and must not throw.
 *
 * @param runId the run
 * @param programId its program
 * @param mainClass the main class it runs
 * @param startedAt when it started
 */
public record RunStartedEvent(
    String runId, String programId, String mainClass, Instant startedAt) {}
