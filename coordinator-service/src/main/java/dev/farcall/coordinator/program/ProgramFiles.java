package dev.farcall.coordinator.program;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The jar files of stored programs: {@code <data-dir>/programs/<sha256>.jar}. Uploads are streamed
 * to a temporary file in {@code programs/.incoming} while hashed, then moved into place atomically,
 * so a jar file is either complete or absent.
 */
final class ProgramFiles {

  private static final Pattern JAR_NAME = Pattern.compile("[0-9a-f]{64}\\.jar");
  private static final int BUFFER = 64 * 1024;

  private final Path directory;
  private final Path incoming;

  ProgramFiles(Path dataDir) {
    this.directory = dataDir.resolve("programs").toAbsolutePath().normalize();
    this.incoming = directory.resolve(".incoming");
    try {
      Files.createDirectories(incoming);
      // Leftovers of uploads interrupted by a crash.
      try (DirectoryStream<Path> stale = Files.newDirectoryStream(incoming)) {
        for (Path file : stale) {
          Files.deleteIfExists(file);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot prepare " + directory, e);
    }
  }

  /** Where the jar with this SHA-256 is (or would be) stored. */
  Path jarPath(String sha256) {
    return directory.resolve(sha256 + ".jar");
  }

  /**
   * Streams {@code content} to a temporary file while hashing it, stopping as soon as it exceeds
   * {@code maxBytes}. The caller closes the result, which deletes the file unless it was committed.
   *
   * @throws JarTooLargeException if the content is larger than {@code maxBytes}
   */
  Received receive(InputStream content, long maxBytes) throws IOException {
    Path temp = incoming.resolve(UUID.randomUUID() + ".part");
    MessageDigest sha256 = sha256();
    long size = 0;
    try (FileChannel channel =
        FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      OutputStream out = Channels.newOutputStream(channel);
      byte[] buffer = new byte[BUFFER];
      int n;
      while ((n = content.read(buffer)) > 0) {
        size += n;
        if (size > maxBytes) {
          throw new JarTooLargeException(maxBytes);
        }
        sha256.update(buffer, 0, n);
        out.write(buffer, 0, n);
      }
      channel.force(true);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
    return new Received(temp, HexFormat.of().formatHex(sha256.digest()), size);
  }

  /** Moves a received jar to its final place; the jar is complete there or not there at all. */
  Path commit(Received received) throws IOException {
    Path target = jarPath(received.sha256());
    try {
      Files.move(
          received.file(),
          target,
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("The data directory does not support atomic moves: " + directory, e);
    }
    return target;
  }

  /** Deletes the stored jar with this SHA-256, if present. */
  void delete(String sha256) throws IOException {
    Files.deleteIfExists(jarPath(sha256));
  }

  /** The SHA-256 of every stored jar file. */
  Set<String> storedSha256s() throws IOException {
    Set<String> result = new HashSet<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        if (JAR_NAME.matcher(name).matches()) {
          result.add(name.substring(0, 64));
        }
      }
    }
    return result;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  /** An upload held in a temporary file until it is committed or discarded. */
  record Received(Path file, String sha256, long size) implements AutoCloseable {
    @Override
    public void close() throws IOException {
      Files.deleteIfExists(file);
    }
  }
}
