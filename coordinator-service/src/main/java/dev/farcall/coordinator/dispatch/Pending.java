package dev.farcall.coordinator.dispatch;

import java.util.concurrent.CompletableFuture;

/**
 * One in-flight call. The immutable part describes the call; the mutable part (attempt, target)
 * changes when the call is resent and is guarded by the instance's monitor.
 */
final class Pending {

  /** The parts of a request shared by every call of one dispatch. */
  record Template(DispatchRequest request, long deadlineEpochMillis) {}

  final String invocationId;
  final Template template;
  final byte[] arguments;
  final CompletableFuture<InvocationOutcome> future = new CompletableFuture<>();
  final long startNanos;

  private int attempt;
  private Target target;
  private long attemptStartedMillis;
  private boolean finished;

  Pending(String invocationId, Template template, byte[] arguments, long startNanos) {
    this.invocationId = invocationId;
    this.template = template;
    this.arguments = arguments;
    this.startNanos = startNanos;
  }

  synchronized void sent(Target target, long nowMillis) {
    this.attempt++;
    this.target = target;
    this.attemptStartedMillis = nowMillis;
  }

  synchronized int attempt() {
    return attempt;
  }

  synchronized Target target() {
    return target;
  }

  synchronized long attemptStartedMillis() {
    return attemptStartedMillis;
  }

  /** Marks the call finished; returns its last target, or null if it was already finished. */
  synchronized Target finish() {
    if (finished) {
      return null;
    }
    finished = true;
    return target == null ? Target.NONE : target;
  }

  synchronized boolean isFinished() {
    return finished;
  }
}
