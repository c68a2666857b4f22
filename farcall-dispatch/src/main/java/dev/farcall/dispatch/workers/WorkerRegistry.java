package dev.farcall.dispatch.workers;

import dev.farcall.model.wire.WorkerHeartbeat;
import dev.farcall.model.wire.WorkerState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workers a dispatcher knows from their heartbeats. A worker's status follows from the age of
 * its last heartbeat relative to the interval it promised: ALIVE up to {@code
 * suspectAfterIntervals} intervals, SUSPECT up to {@code deadAfterIntervals}, DEAD beyond (or at
 * once after a STOPPED heartbeat). Ages are measured on the local clock from when a heartbeat
 * arrived, so clock skew between machines does not matter; only a heartbeat replayed from the
 * topic's history (sent long before it arrived) is aged from its send time.
 *
 * <p>Thread-safe. Queries compute statuses at the current instant; {@link #evaluate()} (called
 * periodically) and {@link #record(WorkerHeartbeat)} tell listeners about changes.
 */
public class WorkerRegistry {

  private static final Logger log = LoggerFactory.getLogger(WorkerRegistry.class);

  private record Entry(WorkerHeartbeat heartbeat, Instant lastSeen, WorkerStatus reported) {}

  private record Change(String workerId, Optional<WorkerStatus> previous, WorkerStatus current) {}

  private final RegistrySettings properties;
  private final Clock clock;
  private final Map<String, Entry> workers = new HashMap<>();
  private final List<WorkerStatusListener> listeners = new CopyOnWriteArrayList<>();

  public WorkerRegistry(RegistrySettings properties, Clock clock) {
    this.properties = properties;
    this.clock = clock;
  }

  /** Registers a listener for status changes. */
  public void addListener(WorkerStatusListener listener) {
    listeners.add(listener);
  }

  /** Records a heartbeat received now. */
  public void record(WorkerHeartbeat heartbeat) {
    Instant now = clock.instant();
    Instant sent = Instant.ofEpochMilli(heartbeat.getSentEpochMillis());
    Duration deadAfter = scaled(heartbeat, properties.deadAfterIntervals());
    // A heartbeat sent long before it arrived comes from the topic's history: age it from then.
    Instant lastSeen = sent.isBefore(now.minus(deadAfter)) ? sent : now;
    String id = heartbeat.getWorkerId();
    Change change;
    synchronized (this) {
      Entry previous = workers.get(id);
      if (previous == null && lastSeen.isBefore(now.minus(deadAfter))) {
        return; // a long-gone worker replayed from history: nothing to learn
      }
      Entry entry = new Entry(heartbeat, lastSeen, null);
      WorkerStatus status = statusOf(entry, now);
      workers.put(id, new Entry(heartbeat, lastSeen, status));
      Optional<WorkerStatus> before = Optional.ofNullable(previous).map(Entry::reported);
      change = before.orElse(null) == status ? null : new Change(id, before, status);
    }
    if (change != null) {
      fire(List.of(change));
    }
  }

  /**
   * Re-judges every worker at the current instant, forgets DEAD workers silent for longer than
   * {@code forgetDeadAfter}, and tells listeners about every change.
   */
  public void evaluate() {
    Instant now = clock.instant();
    List<Change> changes = new ArrayList<>();
    synchronized (this) {
      var it = workers.entrySet().iterator();
      while (it.hasNext()) {
        var e = it.next();
        Entry entry = e.getValue();
        WorkerStatus status = statusOf(entry, now);
        if (status == WorkerStatus.DEAD
            && entry.lastSeen().isBefore(now.minus(properties.forgetDeadAfter()))) {
          it.remove();
          log.info("Forgot dead worker {}", e.getKey());
          continue;
        }
        if (status != entry.reported()) {
          e.setValue(new Entry(entry.heartbeat(), entry.lastSeen(), status));
          changes.add(new Change(e.getKey(), Optional.ofNullable(entry.reported()), status));
        }
      }
    }
    fire(changes);
  }

  /** Every known worker, ordered by id, judged now. */
  public List<WorkerSnapshot> workers() {
    Instant now = clock.instant();
    List<WorkerSnapshot> result = new ArrayList<>();
    synchronized (this) {
      for (Entry entry : workers.values()) {
        result.add(snapshot(entry, now));
      }
    }
    result.sort(Comparator.comparing(WorkerSnapshot::id));
    return result;
  }

  /** The ALIVE workers, ordered by id. */
  public List<WorkerSnapshot> aliveWorkers() {
    return workers().stream().filter(w -> w.status() == WorkerStatus.ALIVE).toList();
  }

  /** The worker's status now; empty for a worker the registry does not know (or forgot). */
  public Optional<WorkerStatus> status(String workerId) {
    Instant now = clock.instant();
    synchronized (this) {
      return Optional.ofNullable(workers.get(workerId)).map(e -> statusOf(e, now));
    }
  }

  private WorkerSnapshot snapshot(Entry entry, Instant now) {
    WorkerHeartbeat hb = entry.heartbeat();
    return new WorkerSnapshot(
        hb.getWorkerId(),
        hb.getHost(),
        hb.getSlots(),
        hb.getInFlight(),
        hb.getCompleted(),
        entry.lastSeen(),
        statusOf(entry, now),
        hb.getLoad(),
        hb.getAssignedPartitions(),
        hb.getCachedPrograms(),
        hb.getVersion());
  }

  private WorkerStatus statusOf(Entry entry, Instant now) {
    if (entry.heartbeat().getState() == WorkerState.STOPPED) {
      return WorkerStatus.DEAD;
    }
    Duration age = Duration.between(entry.lastSeen(), now);
    if (age.compareTo(scaled(entry.heartbeat(), properties.suspectAfterIntervals())) <= 0) {
      return WorkerStatus.ALIVE;
    }
    if (age.compareTo(scaled(entry.heartbeat(), properties.deadAfterIntervals())) <= 0) {
      return WorkerStatus.SUSPECT;
    }
    return WorkerStatus.DEAD;
  }

  private Duration scaled(WorkerHeartbeat heartbeat, double intervals) {
    long interval = heartbeat.getIntervalMillis();
    if (interval <= 0) {
      interval = properties.defaultHeartbeatInterval().toMillis();
    }
    return Duration.ofMillis(Math.round(interval * intervals));
  }

  private void fire(List<Change> changes) {
    for (Change c : changes) {
      log.info(
          "Worker {} is {} (was {})",
          c.workerId(),
          c.current(),
          c.previous().map(Enum::name).orElse("unknown"));
      for (WorkerStatusListener listener : listeners) {
        try {
          listener.statusChanged(c.workerId(), c.previous(), c.current());
        } catch (RuntimeException e) {
          log.warn("Worker status listener failed", e);
        }
      }
    }
  }
}
