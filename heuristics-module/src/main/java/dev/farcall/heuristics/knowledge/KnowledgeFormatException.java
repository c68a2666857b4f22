package dev.farcall.heuristics.knowledge;

import dev.farcall.heuristics.HeuristicsException;

/** A knowledge-base or declarations file has a line that cannot be parsed; names file and line. */
public class KnowledgeFormatException extends HeuristicsException {

  private final String source;
  private final int line;

  public KnowledgeFormatException(String source, int line, String message) {
    super(source + ":" + line + ": " + message);
    this.source = source;
    this.line = line;
  }

  /** The file (or upload) the line comes from. */
  public String source() {
    return source;
  }

  /** The 1-based line number. */
  public int line() {
    return line;
  }
}
