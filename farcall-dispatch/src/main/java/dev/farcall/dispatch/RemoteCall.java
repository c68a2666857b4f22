package dev.farcall.dispatch;

import dev.farcall.model.wire.MethodRef;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What to invoke on a worker: one method of one program, called once per argument payload.
 *
 * @param programId the program's id
 * @param jarSha256 hex SHA-256 of the program's jar (workers verify the jar against it)
 * @param method the method, as the JVM names it (declaring class, name, descriptor)
 * @param schemaFingerprint fingerprint of the argument record schema the payloads were encoded with
 * @param arguments one Avro argument record per call; more than one makes a batch
 * @param deadline when the caller stops waiting
 * @param runId the run the calls belong to; empty for a direct REST invocation
 * @param delivery whether the call may be sent again to another worker
 */
public record RemoteCall(
    String programId,
    String jarSha256,
    MethodRef method,
    long schemaFingerprint,
    List<byte[]> arguments,
    Deadline deadline,
    Optional<String> runId,
    Delivery delivery) {

  /**
   * Whether a call may be sent again. Only effect-free methods may run twice; a method with effects
   * is sent once, and a caller whose worker died without answering is told it may or may not have
   * run.
   */
  public enum Delivery {
    /** Resent (same invocation id, next attempt) to another worker after a death or a timeout. */
    RETRY_ON_ANOTHER_WORKER,
    /** Sent once: at most once. */
    AT_MOST_ONCE
  }

  public RemoteCall {
    Objects.requireNonNull(programId, "programId");
    Objects.requireNonNull(jarSha256, "jarSha256");
    Objects.requireNonNull(method, "method");
    arguments = List.copyOf(arguments);
    if (arguments.isEmpty()) {
      throw new IllegalArgumentException("a call needs at least one argument payload");
    }
    Objects.requireNonNull(deadline, "deadline");
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(delivery, "delivery");
  }

  /** One call of an effect-free method, outside any run. */
  public static RemoteCall single(
      String programId,
      String jarSha256,
      MethodRef method,
      long fingerprint,
      byte[] arguments,
      Deadline deadline) {
    return new RemoteCall(
        programId,
        jarSha256,
        method,
        fingerprint,
        List.of(arguments),
        deadline,
        Optional.empty(),
        Delivery.RETRY_ON_ANOTHER_WORKER);
  }

  /** The same call belonging to a run. */
  public RemoteCall inRun(String runId) {
    return new RemoteCall(
        programId,
        jarSha256,
        method,
        schemaFingerprint,
        arguments,
        deadline,
        Optional.of(runId),
        delivery);
  }

  /** The same call with another delivery. */
  public RemoteCall withDelivery(Delivery delivery) {
    return new RemoteCall(
        programId, jarSha256, method, schemaFingerprint, arguments, deadline, runId, delivery);
  }

  /** The same call with another deadline. */
  public RemoteCall withDeadline(Deadline deadline) {
    return new RemoteCall(
        programId, jarSha256, method, schemaFingerprint, arguments, deadline, runId, delivery);
  }
}
