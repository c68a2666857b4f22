package dev.farcall.dispatch;

import dev.farcall.dispatch.workers.WorkerRegistry;
import dev.farcall.dispatch.workers.WorkerSnapshot;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Chooses the invocations partition for a request: a partition of the ALIVE worker with the fewest
 * outstanding calls (counted by this dispatcher) per slot, rotating among equally loaded workers
 * and, every {@value #CALLS_PER_PARTITION} choices, among a worker's partitions. Consecutive calls
 * to one worker thus share a partition, so the producer sends them as one record batch instead of a
 * tiny batch per partition (each of which costs the broker an append and the worker a fetch entry).
 * The ALIVE workers are read from the registry at most every {@code REFRESH_NANOS}, and at once
 * after a status change.
 */
final class PartitionChooser {

  private final WorkerRegistry registry;
  private final int partitionCount;
  private final Map<String, AtomicInteger> outstanding = new ConcurrentHashMap<>();
  private final AtomicInteger rotation = new AtomicInteger();
  private volatile Candidates candidates;

  static final int CALLS_PER_PARTITION = 64;
  private static final long REFRESH_NANOS = 50_000_000L;

  /** ALIVE workers with partitions, as read at some time. */
  private record Candidates(List<WorkerSnapshot> workers, long readAtNanos) {}

  PartitionChooser(WorkerRegistry registry, int partitionCount) {
    this.registry = registry;
    this.partitionCount = partitionCount;
  }

  /**
   * A partition of the least loaded ALIVE worker other than {@code exclude}.
   *
   * @param exclude a worker not to choose (the one a retry moves away from), or null
   * @return empty when no such worker is alive
   */
  Optional<Target> chooseAlive(String exclude) {
    List<WorkerSnapshot> candidates = aliveWithPartitions();
    if (exclude != null) {
      candidates = candidates.stream().filter(w -> !w.id().equals(exclude)).toList();
    }
    if (candidates.isEmpty()) {
      return Optional.empty();
    }
    int turn = rotation.getAndIncrement();
    int n = candidates.size();
    WorkerSnapshot best = null;
    double bestLoad = Double.MAX_VALUE;
    for (int i = 0; i < n; i++) {
      WorkerSnapshot w = candidates.get(Math.floorMod(turn + i, n));
      double load = (outstanding(w.id()) + 1.0) / Math.max(1, w.slots());
      if (load < bestLoad) {
        best = w;
        bestLoad = load;
      }
    }
    List<Integer> partitions = best.assignedPartitions();
    return Optional.of(
        new Target(
            best.id(),
            partitions.get(Math.floorMod(turn / CALLS_PER_PARTITION, partitions.size()))));
  }

  /**
   * The partition a worker's remote objects are called on: the lowest of its partitions, so that
   * every caller sends an object's calls to one partition (the order they arrive in is the order
   * they run in) while the worker's assignment stays the same.
   *
   * @return empty when the worker is not ALIVE or consumes no partition
   */
  Optional<Target> objectPartition(String workerId) {
    for (WorkerSnapshot w : aliveWithPartitions()) {
      if (w.id().equals(workerId)) {
        int lowest = w.assignedPartitions().stream().min(Integer::compare).orElseThrow();
        return Optional.of(new Target(w.id(), lowest));
      }
    }
    return Optional.empty();
  }

  private List<WorkerSnapshot> aliveWithPartitions() {
    Candidates c = candidates;
    long now = System.nanoTime();
    if (c == null || now - c.readAtNanos() > REFRESH_NANOS) {
      c =
          new Candidates(
              registry.aliveWorkers().stream()
                  .filter(w -> !w.assignedPartitions().isEmpty())
                  .toList(),
              now);
      candidates = c;
    }
    return c.workers();
  }

  /** How many ALIVE workers have partitions to send to. */
  int aliveCount() {
    return aliveWithPartitions().size();
  }

  /** A worker's status changed: read the registry again at the next choice. */
  void workersChanged() {
    candidates = null;
  }

  /**
   * A partition of a live worker, or any partition when none is alive (a later worker takes it).
   */
  Target choose() {
    return chooseAlive(null)
        .orElseGet(
            () -> new Target(null, Math.floorMod(rotation.getAndIncrement(), partitionCount)));
  }

  void add(Target target, int calls) {
    if (target.workerId() != null) {
      outstanding.computeIfAbsent(target.workerId(), k -> new AtomicInteger()).addAndGet(calls);
    }
  }

  void remove(Target target, int calls) {
    if (target.workerId() != null) {
      // Entries stay (one small counter per worker id ever targeted) so add and remove never race.
      outstanding.computeIfAbsent(target.workerId(), k -> new AtomicInteger()).addAndGet(-calls);
    }
  }

  int outstanding(String workerId) {
    AtomicInteger count = outstanding.get(workerId);
    return count == null ? 0 : Math.max(0, count.get());
  }
}
