package dev.farcall.dispatch;

import dev.farcall.model.wire.ObjectCall;
import java.util.concurrent.CompletableFuture;

/**
 * One in-flight call. The immutable part describes the call; the mutable part (attempt, target)
 * changes when the call is resent and is guarded by the instance's monitor.
 */
final class Pending {

  final String invocationId;
  final RemoteCall call;
  final byte[] arguments;
  final CompletableFuture<InvocationOutcome> future = new CompletableFuture<>();
  final long startNanos;
  // The remote object the call addresses; null for a stateless call.
  final ObjectCall object;

  private int attempt;
  private Target target;
  private long attemptStartedMillis;
  private boolean finished;

  Pending(String invocationId, RemoteCall call, byte[] arguments, long startNanos) {
    this(invocationId, call, arguments, startNanos, null);
  }

  Pending(
      String invocationId, RemoteCall call, byte[] arguments, long startNanos, ObjectCall object) {
    this.object = object;
    this.invocationId = invocationId;
    this.call = call;
    this.arguments = arguments;
    this.startNanos = startNanos;
  }

  long deadlineEpochMillis() {
    return call.deadline().epochMillis();
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
