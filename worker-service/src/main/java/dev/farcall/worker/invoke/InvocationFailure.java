package dev.farcall.worker.invoke;

import dev.farcall.model.wire.ErrorCode;

/** Farcall could not invoke the method at all; becomes an {@code InvocationError} reply. */
public class InvocationFailure extends RuntimeException {

  private final ErrorCode code;

  public InvocationFailure(ErrorCode code, String message) {
    this(code, message, null);
  }

  public InvocationFailure(ErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  /** What went wrong, as carried on the wire. */
  public ErrorCode code() {
    return code;
  }
}
