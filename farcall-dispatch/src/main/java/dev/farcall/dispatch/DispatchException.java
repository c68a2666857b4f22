package dev.farcall.dispatch;

/**
 * Root of the dispatch core's failures. Each carries the data that explains it; the coordinator
 * maps them to problems, the run driver runs the call at home instead.
 */
public abstract class DispatchException extends RuntimeException {

  private final String invocationId;

  protected DispatchException(String invocationId, String message, Throwable cause) {
    super(message, cause);
    this.invocationId = invocationId;
  }

  /** The call concerned, or {@code "-"} when the failure concerns no single call. */
  public String invocationId() {
    return invocationId;
  }
}
