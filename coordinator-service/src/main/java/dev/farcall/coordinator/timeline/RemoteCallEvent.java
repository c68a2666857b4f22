package dev.farcall.coordinator.timeline;

import java.time.Instant;

/**
 * One completed remote call of a run, as its driver reports it: the input of the run's timeline.
 * Published by whatever reads the run's events; listeners must be quick and must not throw.
 *
 * @param runId the run
 * @param site the method, {@code pkg.Class#name(descriptor)}
 * @param workerId the worker that answered, or "" when none did (the call ran at home)
 * @param start when the call was sent
 * @param durationMicros the round trip
 * @param workMicros the time inside the method on the worker
 * @param outcome {@link Timeline#RETURNED}, {@link Timeline#THREW} or {@link Timeline#FAILED}
 */
public record RemoteCallEvent(
    String runId,
    String site,
    String workerId,
    Instant start,
    long durationMicros,
    long workMicros,
    int outcome) {}
