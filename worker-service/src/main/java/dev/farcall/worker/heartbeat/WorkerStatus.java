package dev.farcall.worker.heartbeat;

import dev.farcall.model.wire.WorkerState;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the worker is doing, as its heartbeats report it: its lifecycle state and the invocation
 * partitions the consumer group currently gives it. Written by the poll thread and the lifecycle,
 * read by the heartbeat publisher.
 */
public class WorkerStatus {

  private volatile WorkerState state = WorkerState.STARTING;
  private volatile List<Integer> assignedPartitions = List.of();
  private volatile Runnable onChange = () -> {};

  /** The current lifecycle state. */
  public WorkerState state() {
    return state;
  }

  /** Moves to {@code next} and tells the publisher, so the change is reported at once. */
  public void setState(WorkerState next) {
    state = next;
    onChange.run();
  }

  /** The invocation partitions assigned to this worker, ascending. */
  public List<Integer> assignedPartitions() {
    return assignedPartitions;
  }

  /** Replaces the assigned partitions and tells the publisher. */
  public void setAssignedPartitions(Set<Integer> partitions) {
    assignedPartitions = List.copyOf(new TreeSet<>(partitions));
    onChange.run();
  }

  /** Registers what to do when the state or the assignment changes. */
  void onChange(Runnable listener) {
    onChange = listener;
  }
}
