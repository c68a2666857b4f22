package dev.farcall.dispatch;

/**
 * A call's arguments, or its result, are larger than the wire carries. Refused before anything is
 * produced (arguments) or reported by the worker instead of the value (result); sending again
 * cannot help, so a REST caller gets a 413 naming the limit and a run's call runs at home.
 */
public class CallTooLargeException extends DispatchException {

  /** What was too large. */
  public enum Part {
    ARGUMENTS,
    RESULT
  }

  private final Part part;
  private final long bytes;
  private final long maxBytes;
  private final String limit;

  /**
   * @param bytes the payload's size, or -1 when encoding stopped at the limit
   * @param limit the setting that bounds it
   */
  public CallTooLargeException(
      String invocationId, Part part, long bytes, long maxBytes, String limit) {
    super(
        invocationId,
        (part == Part.ARGUMENTS ? "The call's encoded arguments" : "The method's encoded result")
            + (bytes >= 0 ? " (" + bytes + " bytes)" : "")
            + " exceed the largest payload the wire carries, "
            + maxBytes
            + " bytes ("
            + limit
            + ")",
        null);
    this.part = part;
    this.bytes = bytes;
    this.maxBytes = maxBytes;
    this.limit = limit;
  }

  /**
   * A result the worker refused to send, as its error said ({@code workerMessage} names the limit
   * in bytes, which only the worker knows).
   */
  public static CallTooLargeException result(String invocationId, String workerMessage) {
    return new CallTooLargeException(
        invocationId, Part.RESULT, -1, -1, "farcall.worker.max-result-size", workerMessage);
  }

  private CallTooLargeException(
      String invocationId, Part part, long bytes, long maxBytes, String limit, String message) {
    super(invocationId, message, null);
    this.part = part;
    this.bytes = bytes;
    this.maxBytes = maxBytes;
    this.limit = limit;
  }

  /** Arguments of {@code bytes} over the dispatcher's {@code maxPayloadBytes}. */
  static CallTooLargeException arguments(long bytes, long maxBytes) {
    return new CallTooLargeException(
        "-", Part.ARGUMENTS, bytes, maxBytes, "farcall.dispatch.max-payload-size");
  }

  /** Whether the arguments or the result were too large. */
  public Part part() {
    return part;
  }

  /** The payload's size in bytes, or -1 when encoding stopped at the limit. */
  public long bytes() {
    return bytes;
  }

  /** The limit in bytes, or -1 when only the worker knows it (a result). */
  public long maxBytes() {
    return maxBytes;
  }

  /** The name of the setting that sets the limit. */
  public String limit() {
    return limit;
  }
}
