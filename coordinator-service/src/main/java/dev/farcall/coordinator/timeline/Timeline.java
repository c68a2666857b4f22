package dev.farcall.coordinator.timeline;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * A run's remote calls, compact: sites and workers are listed once and calls refer to them by
 * index, as {@code [site, worker, startMicros, durationMicros, workMicros, outcome]}.
 *
 * @param runId the run
 * @param startedAt the instant call starts count from (the first recorded call's start, or when the
 *     run started)
 * @param sites the methods called remotely, {@code pkg.Class#name(descriptor)}
 * @param workers the ids of the workers that answered ("" for calls no worker answered)
 * @param calls one row per call, in the order they completed
 * @param dropped calls made beyond {@code farcall.timeline.max-calls}, not recorded
 */
@Schema(name = "Timeline", description = "A run's remote calls per worker")
public record Timeline(
    String runId,
    Instant startedAt,
    List<String> sites,
    List<String> workers,
    @Schema(
            description =
                "[site index, worker index, start µs since startedAt, round trip µs, work µs on"
                    + " the worker, outcome: 0 returned, 1 threw, 2 failed (ran at home)]")
        List<long[]> calls,
    long dropped) {

  /** Outcome of a call that returned a value. */
  public static final int RETURNED = 0;

  /** Outcome of a call whose method threw on the worker. */
  public static final int THREW = 1;

  /** Outcome of a call no worker answered, or that could not be invoked: it ran at home. */
  public static final int FAILED = 2;
}
