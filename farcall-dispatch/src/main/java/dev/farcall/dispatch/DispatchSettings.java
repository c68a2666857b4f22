package dev.farcall.dispatch;

import dev.farcall.model.wire.WireLimits;
import java.time.Duration;

/**
 * How calls are sent, resent and bounded.
 *
 * @param maxAttempts how many times one call is sent at most (the first send included)
 * @param attemptTimeout after this long without a reply a call is sent again to another live worker
 *     (if attempts remain), even though its worker still heartbeats
 * @param sweepInterval how often in-flight calls are checked for deadlines and resends
 * @param maxPending how many calls may be in flight at once; beyond it callers get {@link
 *     OverloadedException}
 * @param completionThreads threads that complete callers' futures, so that no caller code runs on
 *     Kafka's threads
 * @param maxPayloadBytes the largest argument payload of one call; a larger one is refused with
 *     {@link CallTooLargeException} before anything is produced (Kafka would refuse the record)
 */
public record DispatchSettings(
    int maxAttempts,
    Duration attemptTimeout,
    Duration sweepInterval,
    int maxPending,
    int completionThreads,
    int maxPayloadBytes) {

  /** Default of {@link #maxAttempts()}. */
  public static final int DEFAULT_MAX_ATTEMPTS = 3;

  /** Default of {@link #attemptTimeout()}. */
  public static final Duration DEFAULT_ATTEMPT_TIMEOUT = Duration.ofSeconds(10);

  /** Default of {@link #sweepInterval()}. */
  public static final Duration DEFAULT_SWEEP_INTERVAL = Duration.ofMillis(250);

  /** Default of {@link #maxPending()}. */
  public static final int DEFAULT_MAX_PENDING = 100_000;

  /** Default of {@link #completionThreads()}. */
  public static final int DEFAULT_COMPLETION_THREADS = 2;

  /** Default of {@link #maxPayloadBytes()}. */
  public static final int DEFAULT_MAX_PAYLOAD_BYTES = WireLimits.DEFAULT_MAX_PAYLOAD_BYTES;

  public DispatchSettings {
    if (maxPayloadBytes < 1) {
      throw new IllegalArgumentException(
          "maxPayloadBytes must be at least 1, got " + maxPayloadBytes);
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
    }
    if (maxPending < 1) {
      throw new IllegalArgumentException("maxPending must be at least 1, got " + maxPending);
    }
    completionThreads = Math.max(1, completionThreads);
  }

  /** The defaults. */
  public static DispatchSettings defaults() {
    return new DispatchSettings(
        DEFAULT_MAX_ATTEMPTS,
        DEFAULT_ATTEMPT_TIMEOUT,
        DEFAULT_SWEEP_INTERVAL,
        DEFAULT_MAX_PENDING,
        DEFAULT_COMPLETION_THREADS,
        DEFAULT_MAX_PAYLOAD_BYTES);
  }

  public DispatchSettings withMaxAttempts(int attempts) {
    return new DispatchSettings(
        attempts, attemptTimeout, sweepInterval, maxPending, completionThreads, maxPayloadBytes);
  }

  public DispatchSettings withAttemptTimeout(Duration timeout) {
    return new DispatchSettings(
        maxAttempts, timeout, sweepInterval, maxPending, completionThreads, maxPayloadBytes);
  }

  public DispatchSettings withSweepInterval(Duration interval) {
    return new DispatchSettings(
        maxAttempts, attemptTimeout, interval, maxPending, completionThreads, maxPayloadBytes);
  }

  public DispatchSettings withMaxPending(int pending) {
    return new DispatchSettings(
        maxAttempts, attemptTimeout, sweepInterval, pending, completionThreads, maxPayloadBytes);
  }

  public DispatchSettings withMaxPayloadBytes(int bytes) {
    return new DispatchSettings(
        maxAttempts, attemptTimeout, sweepInterval, maxPending, completionThreads, bytes);
  }
}
