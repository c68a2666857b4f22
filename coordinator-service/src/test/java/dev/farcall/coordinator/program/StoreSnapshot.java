package dev.farcall.coordinator.program;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the program store holds at one moment: its rows and every file under {@code
 * <data-dir>/programs} (temporary ones included). Equal snapshots before and after a refused upload
 * show it stored nothing.
 */
record StoreSnapshot(long rows, Set<Path> files) {

  static StoreSnapshot take(JdbcClient jdbc, Path dataDir) {
    long rows = jdbc.sql("SELECT COUNT(*) FROM programs").query(Long.class).single();
    try (Stream<Path> files = Files.walk(dataDir.resolve("programs"))) {
      return new StoreSnapshot(
          rows, files.filter(Files::isRegularFile).collect(Collectors.toUnmodifiableSet()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
