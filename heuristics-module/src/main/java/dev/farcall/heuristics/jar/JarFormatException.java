package dev.farcall.heuristics.jar;

import dev.farcall.heuristics.HeuristicsException;

/** The upload is not a readable jar, or an entry in it (named) is corrupt. */
public class JarFormatException extends HeuristicsException {

  private final String entry;

  public JarFormatException(String entry, String message, Throwable cause) {
    super(entry == null ? message : entry + ": " + message, cause);
    this.entry = entry;
  }

  /** The offending entry (nested entries as {@code outer.jar!/inner}), or empty for the jar. */
  public String entry() {
    return entry == null ? "" : entry;
  }
}
