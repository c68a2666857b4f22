package dev.farcall.coordinator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** File helpers for tests. */
public final class TestFiles {

  private TestFiles() {}

  /** Deletes {@code dir} and everything below it, ignoring what cannot be deleted. */
  public static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(TestFiles::deleteQuietly);
    } catch (IOException e) {
      // Best effort: it is a temporary directory.
    }
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // Best effort.
    }
  }
}
