package dev.farcall.heuristics;

/**
 * Root of the heuristics module's exceptions. Each subclass carries the data that explains it (the
 * jar entry, the limit, the line of a declarations file) so callers can turn it into a clear error
 * without parsing the message.
 */
public class HeuristicsException extends RuntimeException {

  public HeuristicsException(String message) {
    super(message);
  }

  public HeuristicsException(String message, Throwable cause) {
    super(message, cause);
  }
}
