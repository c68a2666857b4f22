package dev.farcall.dispatch.workers;

import java.util.Optional;

/** Told when the registry's judgement of a worker changes. */
@FunctionalInterface
public interface WorkerStatusListener {

  /**
   * Called on the registry's own thread; implementations must return quickly.
   *
   * @param workerId the worker
   * @param previous its status before, empty for a worker seen for the first time
   * @param current its status now
   */
  void statusChanged(String workerId, Optional<WorkerStatus> previous, WorkerStatus current);
}
