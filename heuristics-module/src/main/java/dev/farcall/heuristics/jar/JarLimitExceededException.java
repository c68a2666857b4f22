package dev.farcall.heuristics.jar;

import dev.farcall.heuristics.HeuristicsException;

/** Reading stopped because the jar exceeded one of the {@link JarLimits}. */
public class JarLimitExceededException extends HeuristicsException {

  private final String limit;
  private final long value;

  public JarLimitExceededException(String limit, long value, String entry) {
    super("jar exceeds " + limit + " (" + value + ") at entry " + entry);
    this.limit = limit;
    this.value = value;
  }

  /** Which limit: {@code maxEntries}, {@code maxEntryBytes}, {@code maxTotalBytes} or nesting. */
  public String limit() {
    return limit;
  }

  /** The limit's configured value. */
  public long value() {
    return value;
  }
}
