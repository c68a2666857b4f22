package dev.farcall.coordinator.dispatch;

import dev.farcall.coordinator.worker.WorkerRegistry;
import dev.farcall.coordinator.worker.WorkerSnapshot;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Chooses the invocations partition for a request: a partition of the ALIVE worker with the fewest
 * outstanding calls (counted by this dispatcher) per slot, rotating among a worker's partitions and
 * among equally loaded workers.
 */
final class PartitionChooser {

  private final WorkerRegistry registry;
  private final int partitionCount;
  private final Map<String, AtomicInteger> outstanding = new ConcurrentHashMap<>();
  private final AtomicInteger rotation = new AtomicInteger();

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
    List<WorkerSnapshot> candidates =
        registry.aliveWorkers().stream()
            .filter(w -> !w.assignedPartitions().isEmpty() && !w.id().equals(exclude))
            .toList();
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
        new Target(best.id(), partitions.get(Math.floorMod(turn, partitions.size()))));
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
