package dev.farcall.worker.objects;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends the objects whose run has ended, so that they stop holding the worker's memory and object
 * slots: an object dies with the run that created it (unless created over REST). The coordinator
 * deletes a run's reply topic when the run ends, so an object whose owner's reply topic no longer
 * exists belongs to an ended run; its later calls, if any arrive, fail with {@code
 * OBJECT_OWNER_RUN_ENDED}. A listing that fails (broker away) ends nothing.
 */
public final class OwnerRunSweeper implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(OwnerRunSweeper.class);

  private final ObjectTable objects;
  private final Admin admin;
  private final Duration interval;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "farcall-object-owner-sweep");
            t.setDaemon(true);
            return t;
          });

  public OwnerRunSweeper(ObjectTable objects, Admin admin, Duration interval) {
    this.objects = objects;
    this.admin = admin;
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
      log.debug("could not look which runs owning objects have ended: {}", e.toString());
    }
  }

  /**
   * Ends the objects of runs whose reply topic is gone.
   *
   * @return how many objects it ended
   */
  int sweep() {
    Collection<String> owners = objects.ownerReplyTopics();
    if (owners.isEmpty()) {
      return 0;
    }
    Set<String> existing;
    try {
      existing =
          admin
              .listTopics(new ListTopicsOptions().timeoutMs((int) interval.toMillis()))
              .names()
              .get(interval.toMillis() * 2, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    } catch (Exception e) {
      log.debug("could not list the topics: {}", e.toString());
      return 0;
    }
    Set<String> gone = new HashSet<>(owners);
    gone.removeAll(existing);
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
    admin.close(Duration.ofSeconds(1));
  }
}
