package dev.farcall.dispatch;

/** The pending table is full: too many calls are in flight. */
public class OverloadedException extends DispatchException {

  private final int limit;

  public OverloadedException(int limit) {
    super("-", "too many invocations in flight (limit " + limit + "); try again later", null);
    this.limit = limit;
  }

  /** The configured maximum of in-flight calls. */
  public int limit() {
    return limit;
  }
}
