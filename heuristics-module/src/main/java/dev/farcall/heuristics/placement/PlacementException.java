package dev.farcall.heuristics.placement;

/**
 * Base of the placement exceptions: bad input from a user (tunables, overrides) that changes
 * nothing. Each subclass carries the data that explains it.
 */
public abstract class PlacementException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with its message. */
  protected PlacementException(String message) {
    super(message);
  }
}
