package dev.farcall.dispatch.workers;

import java.time.Duration;

/**
 * How the registry judges workers from their heartbeats.
 *
 * @param suspectAfterIntervals a worker whose last heartbeat is older than this many of its
 *     heartbeat intervals is SUSPECT
 * @param deadAfterIntervals a worker whose last heartbeat is older than this many of its heartbeat
 *     intervals is DEAD
 * @param forgetDeadAfter a DEAD worker is dropped from the registry once its last heartbeat is
 *     older than this
 * @param checkInterval how often the registry re-judges workers and tells listeners about changes
 * @param defaultHeartbeatInterval interval assumed for a heartbeat that does not state a positive
 *     one
 */
public record RegistrySettings(
    double suspectAfterIntervals,
    double deadAfterIntervals,
    Duration forgetDeadAfter,
    Duration checkInterval,
    Duration defaultHeartbeatInterval) {

  /** Default of {@link #suspectAfterIntervals()}. */
  public static final double DEFAULT_SUSPECT_AFTER_INTERVALS = 2.5;

  /** Default of {@link #deadAfterIntervals()}. */
  public static final double DEFAULT_DEAD_AFTER_INTERVALS = 5.0;

  /** Default of {@link #forgetDeadAfter()}. */
  public static final Duration DEFAULT_FORGET_DEAD_AFTER = Duration.ofSeconds(60);

  /** Default of {@link #checkInterval()}. */
  public static final Duration DEFAULT_CHECK_INTERVAL = Duration.ofMillis(250);

  /** Default of {@link #defaultHeartbeatInterval()}. */
  public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(2);

  /** The defaults. */
  public static RegistrySettings defaults() {
    return new RegistrySettings(
        DEFAULT_SUSPECT_AFTER_INTERVALS,
        DEFAULT_DEAD_AFTER_INTERVALS,
        DEFAULT_FORGET_DEAD_AFTER,
        DEFAULT_CHECK_INTERVAL,
        DEFAULT_HEARTBEAT_INTERVAL);
  }

  public RegistrySettings withCheckInterval(Duration interval) {
    return new RegistrySettings(
        suspectAfterIntervals,
        deadAfterIntervals,
        forgetDeadAfter,
        interval,
        defaultHeartbeatInterval);
  }
}
