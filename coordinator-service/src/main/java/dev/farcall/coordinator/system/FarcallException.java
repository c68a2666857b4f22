package dev.farcall.coordinator.system;

import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * Root of the coordinator's exceptions. Each subclass carries the data that explains it (the
 * program, the method, the limit exceeded); the single {@code @RestControllerAdvice} turns every
 * one into an RFC 9457 problem with a stable {@code type} built from {@link #problemType()}.
 */
public abstract class FarcallException extends RuntimeException {

  protected FarcallException(String message) {
    super(message);
  }

  protected FarcallException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The HTTP status this problem maps to. */
  public abstract HttpStatus status();

  /**
   * A stable, kebab-case slug naming the kind of problem, e.g. {@code program-not-found}; clients
   * may rely on it. The problem's {@code type} is {@code https://farcall.dev/problems/<slug>}.
   */
  public abstract String problemType();

  /** A short, stable, human-readable summary of the kind of problem. */
  public abstract String title();

  /** Extra members of the problem document (e.g. {@code programId}, {@code limit}). */
  public Map<String, Object> properties() {
    return Map.of();
  }

  /** Extra response headers (e.g. {@code WWW-Authenticate}); none by default. */
  public HttpHeaders headers() {
    return HttpHeaders.EMPTY;
  }
}
