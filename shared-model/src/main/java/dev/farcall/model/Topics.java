package dev.farcall.model;

import java.util.Objects;

/**
 * The Kafka topic names of one Farcall installation. All share a configurable prefix (default
 * {@code farcall.}) so several installations can share a broker.
 *
 * @param prefix prepended to every topic name
 */
public record Topics(String prefix) {

  /** The prefix used when none is configured. */
  public static final String DEFAULT_PREFIX = "farcall.";

  public Topics {
    Objects.requireNonNull(prefix, "prefix");
  }

  /** Topics with the default prefix. */
  public static Topics defaults() {
    return new Topics(DEFAULT_PREFIX);
  }

  /** Invocation requests; workers share one consumer group on it. */
  public String invocations() {
    return prefix + "invocations";
  }

  /** Invocation results, read by the coordinator. */
  public String replies() {
    return prefix + "replies";
  }

  /** Worker heartbeats, compacted, keyed by worker id. */
  public String heartbeats() {
    return prefix + "heartbeats";
  }

  /** Cancellations and placement/tunable broadcasts. */
  public String control() {
    return prefix + "control";
  }

  /** The consumer group the workers share on {@link #invocations()}. */
  public String workerGroup() {
    return prefix + "workers";
  }
}
