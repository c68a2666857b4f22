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

  /** Run drivers' stats and decisions, read by the coordinator; keyed by run id. */
  public String runEvents() {
    return prefix + "run-events";
  }

  /**
   * The reply topic of one run: each run driver reads only its own replies. The coordinator deletes
   * it when the run ends.
   */
  public String runReplies(String runId) {
    return prefix + "replies.run." + runId;
  }

  /** Whether {@code topic} is some run's reply topic of this installation. */
  public boolean isRunReplies(String topic) {
    return topic.startsWith(prefix + "replies.run.");
  }

  /** The consumer group the workers share on {@link #invocations()}. */
  public String workerGroup() {
    return prefix + "workers";
  }
}
