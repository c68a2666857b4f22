package dev.farcall.worker.kafka;

import dev.farcall.worker.objects.OwnerRunSweeper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Knows which reply topics are gone. The coordinator deletes a run's reply topic when the run ends,
 * so a reply to it has nobody to read it; without this a late reply would wait up to the producer's
 * {@code max.block.ms} for the metadata of a topic that will never come back (holding its slot) and
 * then leave its invocation record uncommitted, to be run again after the next rebalance.
 *
 * <p>A topic is tracked from the moment a request naming it arrives, which proves it existed then
 * (a run creates its reply topic before it sends a call). Every {@code interval} the tracked topics
 * not yet known gone are described; one that a description begun at least {@link #GRACE} after it
 * was tracked does not find was deleted. The grace covers brokers whose metadata lags the
 * controller's. A topic unused for {@link #FORGET_AFTER} is forgotten, so memory stays bounded by
 * the topics of the last minutes. A description that fails (broker away) declares nothing gone.
 */
public final class ReplyTopics implements OwnerRunSweeper.OwnerTopics, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ReplyTopics.class);

  static final Duration GRACE = Duration.ofSeconds(2);
  static final Duration FORGET_AFTER = Duration.ofMinutes(10);

  /** What is known of one topic; times are of {@link #nanoTime}. */
  private static final class Tracked {
    final long trackedAt;
    volatile long lastUsed;
    volatile boolean gone;

    Tracked(long now) {
      this.trackedAt = now;
      this.lastUsed = now;
    }
  }

  private final Admin admin;
  private final Duration interval;
  private final LongSupplier nanoTime;
  private final Map<String, Tracked> topics = new ConcurrentHashMap<>();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "farcall-reply-topics");
            t.setDaemon(true);
            return t;
          });

  public ReplyTopics(Admin admin, Duration interval) {
    this(admin, interval, System::nanoTime);
  }

  ReplyTopics(Admin admin, Duration interval, LongSupplier nanoTime) {
    this.admin = admin;
    this.interval = interval;
    this.nanoTime = nanoTime;
  }

  /** Looks every {@code interval} from now on. */
  public void start() {
    long millis = Math.max(10, interval.toMillis());
    timer.scheduleWithFixedDelay(this::safeCheck, millis, millis, TimeUnit.MILLISECONDS);
  }

  /** A request or an object names {@code topic} as where its replies go: it exists now. */
  @Override
  public void track(String topic) {
    long now = nanoTime.getAsLong();
    Tracked known = topics.computeIfAbsent(topic, t -> new Tracked(now));
    known.lastUsed = now;
  }

  /** True once {@code topic} is known to have been deleted: a reply to it has no reader. */
  @Override
  public boolean isGone(String topic) {
    Tracked known = topics.get(topic);
    return known != null && known.gone;
  }

  /**
   * Looks now whether {@code topic} is gone, after a reply to it failed: completes with true if a
   * description finds it missing (it is then known gone), false if it exists or the look failed.
   */
  public CompletableFuture<Boolean> confirmGone(String topic) {
    track(topic);
    long started = nanoTime.getAsLong();
    CompletableFuture<Boolean> answer = new CompletableFuture<>();
    try {
      describe(List.of(topic))
          .get(topic)
          .whenComplete(
              (description, error) -> answer.complete(settle(topic, started, error) == Look.GONE));
    } catch (RuntimeException e) {
      // e.g. the admin client closed as the worker stops: the reply stays undelivered
      log.debug("could not look whether reply topic {} is gone: {}", topic, e.toString());
      answer.complete(false);
    }
    return answer;
  }

  private enum Look {
    EXISTS,
    GONE,
    UNKNOWN
  }

  private void safeCheck() {
    try {
      check();
    } catch (RuntimeException e) {
      log.debug("could not look which reply topics are gone: {}", e.toString());
    }
  }

  /** Describes the tracked topics not yet known gone; forgets those unused for long. */
  void check() {
    long now = nanoTime.getAsLong();
    topics.values().removeIf(t -> now - t.lastUsed > FORGET_AFTER.toNanos());
    List<String> live =
        topics.entrySet().stream().filter(e -> !e.getValue().gone).map(Map.Entry::getKey).toList();
    if (live.isEmpty()) {
      return;
    }
    Map<String, KafkaFuture<TopicDescription>> looks = describe(live);
    looks.forEach((topic, look) -> look.whenComplete((d, error) -> settle(topic, now, error)));
    try {
      // Waits, so that one look ends before the next begins.
      KafkaFuture.allOf(looks.values().toArray(KafkaFuture[]::new))
          .get(interval.toMillis() * 2 + 1000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      // Some topics are missing (each settled as it completed) or the broker did not answer.
    }
  }

  private Map<String, KafkaFuture<TopicDescription>> describe(List<String> names) {
    int timeout = (int) Math.max(1000, interval.toMillis() * 2);
    return Map.copyOf(
        admin
            .describeTopics(names, new DescribeTopicsOptions().timeoutMs(timeout))
            .topicNameValues());
  }

  /** Records what a description begun at {@code started} found of {@code topic}. */
  private Look settle(String topic, long started, Throwable error) {
    if (error == null) {
      return Look.EXISTS;
    }
    Throwable cause = error instanceof CompletionException ? error.getCause() : error;
    if (!(cause instanceof UnknownTopicOrPartitionException)) {
      log.debug("could not describe reply topic {}: {}", topic, cause.toString());
      return Look.UNKNOWN;
    }
    Tracked known = topics.get(topic);
    if (known == null || started - known.trackedAt < GRACE.toNanos()) {
      // Too soon after it was first named to tell a deletion from a broker that lags.
      return Look.UNKNOWN;
    }
    if (!known.gone) {
      known.gone = true;
      log.debug("reply topic {} is gone: replies to it will not be sent", topic);
    }
    return Look.GONE;
  }

  @Override
  public void close() {
    timer.shutdownNow();
    admin.close(Duration.ofSeconds(1));
  }
}
