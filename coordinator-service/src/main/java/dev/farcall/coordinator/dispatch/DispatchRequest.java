package dev.farcall.coordinator.dispatch;

import dev.farcall.model.wire.MethodRef;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What to invoke: one method of one program, called once per argument payload.
 *
 * @param programId the program's id
 * @param jarSha256 hex SHA-256 of the program's jar (workers verify the jar against it)
 * @param method the method, as the JVM names it (declaring class, name, descriptor)
 * @param schemaFingerprint fingerprint of the argument record schema the payloads were encoded with
 * @param arguments one Avro argument record per call; more than one makes a batch
 * @param timeout how long the caller waits; empty for the configured default
 * @param runId the run the calls belong to; empty for a direct REST invocation
 */
public record DispatchRequest(
    String programId,
    String jarSha256,
    MethodRef method,
    long schemaFingerprint,
    List<byte[]> arguments,
    Optional<Duration> timeout,
    Optional<String> runId) {

  public DispatchRequest {
    Objects.requireNonNull(programId, "programId");
    Objects.requireNonNull(jarSha256, "jarSha256");
    Objects.requireNonNull(method, "method");
    arguments = List.copyOf(arguments);
    if (arguments.isEmpty()) {
      throw new IllegalArgumentException("a dispatch needs at least one call");
    }
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(runId, "runId");
  }

  /** A single call with the default deadline, outside any run. */
  public static DispatchRequest single(
      String programId, String jarSha256, MethodRef method, long fingerprint, byte[] arguments) {
    return new DispatchRequest(
        programId,
        jarSha256,
        method,
        fingerprint,
        List.of(arguments),
        Optional.empty(),
        Optional.empty());
  }

  /** The same request with another timeout. */
  public DispatchRequest withTimeout(Duration timeout) {
    return new DispatchRequest(
        programId, jarSha256, method, schemaFingerprint, arguments, Optional.of(timeout), runId);
  }
}
