package dev.farcall.examples.invoke;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A method with an effect the analysis sees (file I/O): every run appends a line to a log, so a
 * caller can count how many times each invocation actually ran.
 */
public final class Ledger {

  private Ledger() {}

  /**
   * Appends {@code tag} to {@code logFile} (one line per run), then does the work of {@link
   * Work#spinTagged(int, long)} and returns its answer.
   */
  public static long record(String logFile, long tag, int iterations) {
    try {
      Files.writeString(
          Path.of(logFile),
          tag + "\n",
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND,
          StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Work.spinTagged(iterations, tag);
  }
}
