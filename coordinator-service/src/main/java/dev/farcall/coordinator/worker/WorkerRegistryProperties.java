package dev.farcall.coordinator.worker;

import dev.farcall.dispatch.workers.RegistrySettings;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** How the registry judges workers from their heartbeats. */
@ConfigurationProperties("farcall.registry")
public class WorkerRegistryProperties {

  /** Default of {@link #getSuspectAfterIntervals()}. */
  public static final double DEFAULT_SUSPECT_AFTER_INTERVALS =
      RegistrySettings.DEFAULT_SUSPECT_AFTER_INTERVALS;

  /** Default of {@link #getDeadAfterIntervals()}. */
  public static final double DEFAULT_DEAD_AFTER_INTERVALS =
      RegistrySettings.DEFAULT_DEAD_AFTER_INTERVALS;

  /** Default of {@link #getForgetDeadAfter()}. */
  public static final Duration DEFAULT_FORGET_DEAD_AFTER =
      RegistrySettings.DEFAULT_FORGET_DEAD_AFTER;

  /** Default of {@link #getCheckInterval()}. */
  public static final Duration DEFAULT_CHECK_INTERVAL = RegistrySettings.DEFAULT_CHECK_INTERVAL;

  /** Default of {@link #getDefaultHeartbeatInterval()}. */
  public static final Duration DEFAULT_HEARTBEAT_INTERVAL =
      RegistrySettings.DEFAULT_HEARTBEAT_INTERVAL;

  /**
   * A worker whose last heartbeat is older than this many of its heartbeat intervals is SUSPECT.
   */
  private double suspectAfterIntervals = DEFAULT_SUSPECT_AFTER_INTERVALS;

  /** A worker whose last heartbeat is older than this many of its heartbeat intervals is DEAD. */
  private double deadAfterIntervals = DEFAULT_DEAD_AFTER_INTERVALS;

  /** A DEAD worker is dropped from the registry once its last heartbeat is older than this. */
  private Duration forgetDeadAfter = DEFAULT_FORGET_DEAD_AFTER;

  /** How often the registry re-judges workers and tells listeners about changes. */
  private Duration checkInterval = DEFAULT_CHECK_INTERVAL;

  /** Interval assumed for a heartbeat that does not state a positive one. */
  private Duration defaultHeartbeatInterval = DEFAULT_HEARTBEAT_INTERVAL;

  public double getSuspectAfterIntervals() {
    return suspectAfterIntervals;
  }

  public void setSuspectAfterIntervals(double suspectAfterIntervals) {
    this.suspectAfterIntervals = suspectAfterIntervals;
  }

  public double getDeadAfterIntervals() {
    return deadAfterIntervals;
  }

  public void setDeadAfterIntervals(double deadAfterIntervals) {
    this.deadAfterIntervals = deadAfterIntervals;
  }

  public Duration getForgetDeadAfter() {
    return forgetDeadAfter;
  }

  public void setForgetDeadAfter(Duration forgetDeadAfter) {
    this.forgetDeadAfter = forgetDeadAfter;
  }

  public Duration getCheckInterval() {
    return checkInterval;
  }

  public void setCheckInterval(Duration checkInterval) {
    this.checkInterval = checkInterval;
  }

  public Duration getDefaultHeartbeatInterval() {
    return defaultHeartbeatInterval;
  }

  public void setDefaultHeartbeatInterval(Duration defaultHeartbeatInterval) {
    this.defaultHeartbeatInterval = defaultHeartbeatInterval;
  }

  /** The registry's settings. */
  public RegistrySettings toSettings() {
    return new RegistrySettings(
        suspectAfterIntervals,
        deadAfterIntervals,
        forgetDeadAfter,
        checkInterval,
        defaultHeartbeatInterval);
  }
}
