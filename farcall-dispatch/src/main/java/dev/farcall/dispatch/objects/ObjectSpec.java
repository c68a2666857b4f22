package dev.farcall.dispatch.objects;

import dev.farcall.api.RemoteOptions;
import dev.farcall.model.wire.MethodRef;
import java.util.Objects;
import java.util.Optional;

/**
 * What a remote object is made from.
 *
 * @param programId the program whose class it is
 * @param jarSha256 the program jar's SHA-256
 * @param runId the run that owns it (it ends with the run), empty for an object created over REST
 * @param constructor the constructor ({@code <init>} and its descriptor)
 * @param fingerprint the constructor's argument schema fingerprint
 * @param arguments the constructor's encoded arguments (re-sent on each restart)
 * @param options placement, restarts and call timeout
 */
public record ObjectSpec(
    String programId,
    String jarSha256,
    Optional<String> runId,
    MethodRef constructor,
    long fingerprint,
    byte[] arguments,
    RemoteOptions options) {

  public ObjectSpec {
    Objects.requireNonNull(programId, "programId");
    Objects.requireNonNull(jarSha256, "jarSha256");
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(constructor, "constructor");
    Objects.requireNonNull(arguments, "arguments");
    Objects.requireNonNull(options, "options");
  }

  /** The object's class. */
  public String className() {
    return constructor.getOwnerClass();
  }
}
