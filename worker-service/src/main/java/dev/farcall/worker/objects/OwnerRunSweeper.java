package dev.farcall.worker.objects;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends the objects whose run has ended, so that they stop holding the worker's memory and object
 * slots: an object dies with the run that created it (unless created over REST). The coordinator
 * deletes a run's reply topic when the run ends, so an object whose owner's reply topic is gone
 * belongs to an ended run; its later calls, if any arrive, fail with {@code
 * OBJECT_OWNER_RUN_ENDED}. Which topics are gone is the worker's {@link OwnerTopics} to know (the
 * reply path asks the same); a topic not known gone ends nothing.
 */
public final class OwnerRunSweeper implements AutoCloseable {

  /** Which reply topics are gone; the owners' topics are kept in its view while objects live. */
  public interface OwnerTopics {
    /** {@code topic} names where a live object's owner reads replies: it existed. */
    void track(String topic);

    /** True once {@code topic} is known to have been deleted. */
    boolean isGone(String topic);
  }

  private static final Logger log = LoggerFactory.getLogger(OwnerRunSweeper.class);

  private final ObjectTable objects;
  private final OwnerTopics topics;
  private final Duration interval;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "farcall-object-owner-sweep");
            t.setDaemon(true);
            return t;
          });

  public OwnerRunSweeper(ObjectTable objects, OwnerTopics topics, Duration interval) {
    this.objects = objects;
    this.topics = topics;
    this.interval = interval;
  }

  /** Sweeps every {@code interval} from now on. */
  public void start() {
    long millis = Math.max(10, interval.toMillis());
    timer.scheduleWithFixedDelay(this::safeSweep, millis, millis, TimeUnit.MILLISECONDS);
  }

  private void safeSweep() {
    try {
      sweep();
    } catch (RuntimeException e) {
      log.warn("could not end the objects of ended runs: {}", e.toString());
    }
  }

  /**
   * Ends the objects of runs whose reply topic is gone.
   *
   * @return how many objects it ended
   */
  int sweep() {
    Set<String> gone = new HashSet<>();
    for (String owner : objects.ownerReplyTopics()) {
      topics.track(owner);
      if (topics.isGone(owner)) {
        gone.add(owner);
      }
    }
    if (gone.isEmpty()) {
      return 0;
    }
    int ended = objects.endObjectsOfRuns(held -> gone.contains(held.replyTopic));
    log.info("ended {} objects of runs that have ended (reply topics {} gone)", ended, gone);
    return ended;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
