package dev.farcall.examples.analysis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/** A lambda in a stream that writes a file: the creating method has the lambda's I/O. */
public final class StreamFiles {
  private StreamFiles() {}

  public static long writeEach(List<String> lines, String directory) {
    return lines.stream()
        .map(
            line -> {
              try {
                java.nio.file.Files.writeString(Path.of(directory, line), line);
                return line;
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            })
        .count();
  }

  /** The same stream shape with a pure lambda: movable. */
  public static long countLong(List<String> lines) {
    return lines.stream().map(String::trim).filter(s -> s.length() > 3).count();
  }
}
