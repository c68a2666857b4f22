package dev.farcall.coordinator.run;

import dev.farcall.model.wire.InvocationResult;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * Sends one call to a worker: the seam to the coordinator's dispatch layer (Kafka). The dispatch
 * layer owns delivery: it picks a live worker, resends to another worker on a timeout or a worker's
 * death (the method is effect-free, so that is safe), and deduplicates replies.
 *
 * <p>Contract: the future completes exactly once, with the worker's {@link InvocationResult} (whose
 * {@code attempt} tells how many sends it took), or exceptionally when no worker could serve the
 * call; it may also simply not complete before the deadline. The run driver cancels the future when
 * it stops waiting (deadline, cancellation) and then runs the call at home.
 *
 * <p>{@link #invoke} is called on the program's own threads. A thread created there inherits the
 * run's thread group, and the driver stops every thread of that group when the run ends: an
 * implementation that creates threads lazily must give them an explicit (coordinator) thread group.
 */
@FunctionalInterface
public interface RemoteInvoker {

  /** Starts the call; never blocks on the network. */
  CompletableFuture<InvocationResult> invoke(RemoteCall call);

  /**
   * One call of a dispatchable method.
   *
   * @param runId the run it belongs to
   * @param programId the program whose jar holds the method
   * @param jarSha256 hex SHA-256 of that jar
   * @param method the method
   * @param fingerprint the argument schema's fingerprint
   * @param arguments Avro binary of the argument record (receiver first for an instance method)
   * @param deadline when the caller stops waiting
   */
  record RemoteCall(
      String runId,
      String programId,
      String jarSha256,
      MethodKey method,
      long fingerprint,
      byte[] arguments,
      Instant deadline) {}
}
