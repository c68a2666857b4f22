package dev.farcall.dispatch.workers;

import java.time.Instant;
import java.util.List;

/**
 * What the registry knows of one worker at one instant.
 *
 * @param id the worker's id
 * @param host the host it runs on
 * @param slots how many invocations it runs at once
 * @param inFlight invocations it was running at its last heartbeat
 * @param completed invocations it has completed since it started
 * @param lastHeartbeat when its last heartbeat counts as received (the coordinator's clock)
 * @param status the registry's judgement now
 * @param load system load per processor, or -1 when unknown
 * @param assignedPartitions the invocation partitions it consumes
 * @param cachedPrograms SHA-256 of the program jars it holds
 * @param version the worker's version
 */
public record WorkerSnapshot(
    String id,
    String host,
    int slots,
    int inFlight,
    long completed,
    Instant lastHeartbeat,
    WorkerStatus status,
    double load,
    List<Integer> assignedPartitions,
    List<String> cachedPrograms,
    String version) {

  public WorkerSnapshot {
    assignedPartitions = List.copyOf(assignedPartitions);
    cachedPrograms = List.copyOf(cachedPrograms);
  }
}
