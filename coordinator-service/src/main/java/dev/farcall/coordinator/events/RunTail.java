package dev.farcall.coordinator.events;

import dev.farcall.coordinator.run.RunService;
import dev.farcall.coordinator.run.RunStats;
import jakarta.annotation.PreDestroy;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Follows running runs through the runs API and publishes what they printed ({@code run.output})
 * and their changed stats ({@code run.stats}) every {@code farcall.events.tail-interval}: there is
 * no application event per line a program prints, and one would be far too many. When a run ends,
 * {@link #finish} publishes the rest before the hub announces the end, so {@code run.finished}
 * always comes after the run's last output.
 */
@Component
class RunTail {

  private static final Logger log = LoggerFactory.getLogger(RunTail.class);

  /** Output events carry at most this many characters; more is sent in several. */
  static final int MAX_CHUNK = 64 * 1024;

  private final RunService runs;
  private final EventHub hub;
  private final Map<String, Tailed> tailed = new ConcurrentHashMap<>();
  private final ScheduledExecutorService timer;

  /** What has been published of one run so far; guarded by itself. */
  private static final class Tailed {
    final String programId;
    int stdout;
    int stderr;
    RunStats stats;

    Tailed(String programId) {
      this.programId = programId;
    }
  }

  RunTail(RunService runs, EventHub hub, EventsProperties properties) {
    this.runs = runs;
    this.hub = hub;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "farcall-events-run-tail");
              t.setDaemon(true);
              return t;
            });
    long millis = Math.max(10, properties.getTailInterval().toMillis());
    timer.scheduleWithFixedDelay(this::poll, millis, millis, TimeUnit.MILLISECONDS);
  }

  /** Starts following a run. */
  void start(String runId, String programId) {
    tailed.putIfAbsent(runId, new Tailed(programId));
  }

  /** Publishes what is left of a run that has ended, and stops following it. */
  void finish(String runId) {
    Tailed t = tailed.remove(runId);
    if (t != null) {
      publish(runId, t, true);
    }
  }

  /** The program of a run being followed. */
  Optional<String> programOf(String runId) {
    return Optional.ofNullable(tailed.get(runId)).map(t -> t.programId);
  }

  private void poll() {
    tailed.forEach((runId, t) -> publish(runId, t, false));
  }

  private void publish(String runId, Tailed t, boolean last) {
    synchronized (t) {
      try {
        t.stdout = publishOutput(runId, t.programId, false, t.stdout, last);
        t.stderr = publishOutput(runId, t.programId, true, t.stderr, last);
        RunStats stats = runs.get(runId).stats();
        if (!stats.equals(t.stats)) {
          t.stats = stats;
          hub.publish(
              EventTypes.RUN_STATS,
              t.programId,
              runId,
              new EventData.RunStatsChanged(runId, stats));
        }
      } catch (RuntimeException e) {
        log.debug("Could not follow run {}: {}", runId, e.toString());
      }
    }
  }

  private int publishOutput(
      String runId, String programId, boolean stderr, int from, boolean last) {
    String text = runs.output(runId, stderr);
    int end = text.length();
    // A multi-byte character cut by a write in progress decodes as U+FFFD: wait for the rest.
    if (!last && end > from && text.charAt(end - 1) == '\uFFFD') {
      end--;
    }
    int offset = from;
    while (offset < end) {
      int chunkEnd = Math.min(end, offset + MAX_CHUNK);
      if (chunkEnd < end && Character.isHighSurrogate(text.charAt(chunkEnd - 1))) {
        chunkEnd--;
      }
      hub.publish(
          EventTypes.RUN_OUTPUT,
          programId,
          runId,
          new EventData.RunOutput(
              runId, stderr ? "stderr" : "stdout", offset, text.substring(offset, chunkEnd)));
      offset = chunkEnd;
    }
    return offset;
  }

  @PreDestroy
  void stop() {
    timer.shutdownNow();
  }
}
