package dev.farcall.dispatch;

import java.util.Objects;

/**
 * Where the workers send the replies of one dispatcher's calls, and only its calls: the
 * coordinator's REST invocations use a partition of the shared replies topic, each run driver a
 * topic of its own, so that concurrent runs and coordinators never see each other's replies.
 *
 * @param topic the reply topic
 * @param partition the partition to read and to name in requests; {@code -1} reads every partition
 *     and lets the workers' producers choose
 * @param fromBeginning read the topic from its start (a topic of one's own, created for this
 *     dispatcher) rather than from its end at start (a shared topic, whose history belongs to
 *     earlier dispatchers)
 */
public record ReplyAddress(String topic, int partition, boolean fromBeginning) {

  public ReplyAddress {
    Objects.requireNonNull(topic, "topic");
  }

  /** A shared topic read from its end, on the given partition (or every one with -1). */
  public static ReplyAddress shared(String topic, int partition) {
    return new ReplyAddress(topic, partition, false);
  }

  /** A topic of one's own, read from its beginning. */
  public static ReplyAddress own(String topic) {
    return new ReplyAddress(topic, 0, true);
  }
}
