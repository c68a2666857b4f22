package dev.farcall.heuristics.adaptive;

/**
 * What the workers offer, from their heartbeats.
 *
 * @param aliveWorkers workers whose heartbeats are recent
 * @param totalSlots call slots of the alive workers
 * @param freeSlots slots that are not running a call now (at most {@code totalSlots})
 */
public record ClusterCapacity(int aliveWorkers, int totalSlots, int freeSlots) {

  /** No workers at all. */
  public static final ClusterCapacity NONE = new ClusterCapacity(0, 0, 0);

  /** Validates that the counts are not negative and free slots do not exceed the total. */
  public ClusterCapacity {
    if (aliveWorkers < 0 || totalSlots < 0 || freeSlots < 0 || freeSlots > totalSlots) {
      throw new IllegalArgumentException(
          "invalid capacity: "
              + aliveWorkers
              + " workers, "
              + freeSlots
              + " of "
              + totalSlots
              + " slots free");
    }
  }

  /** Whether any call can run remotely. */
  public boolean available() {
    return aliveWorkers > 0 && totalSlots > 0;
  }
}
