package dev.farcall.worker.jar;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Program jars on local disk, named by their SHA-256 ({@code <sha>.jar}). A missing jar is fetched
 * from the coordinator into a temporary file, verified against the SHA-256 the request named, and
 * moved into place atomically, so the cache never holds a partial or wrong jar and survives
 * restarts. Concurrent requests for the same jar share one download.
 */
public class JarCache {

  private static final Logger log = LoggerFactory.getLogger(JarCache.class);
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final String SUFFIX = ".jar";
  private static final String TEMP_PREFIX = ".fetch-";

  private final Path dir;
  private final CoordinatorJarClient client;
  private final Set<String> verified = ConcurrentHashMap.newKeySet();
  private final ConcurrentHashMap<String, CompletableFuture<Path>> fetching =
      new ConcurrentHashMap<>();

  public JarCache(Path dir, CoordinatorJarClient client) {
    this.dir = dir;
    this.client = client;
    try {
      Files.createDirectories(dir);
      deleteLeftoverTempFiles();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare jar cache " + dir, e);
    }
  }

  /**
   * The jar with this SHA-256, from disk or fetched from the coordinator.
   *
   * @throws JarUnavailableException if it is neither cached nor obtainable with the right SHA-256
   */
  public Path obtain(String programId, String sha256) {
    String sha = normalize(programId, sha256);
    Path jar = dir.resolve(sha + SUFFIX);
    if (verified.contains(sha) && Files.isRegularFile(jar)) {
      return jar;
    }
    CompletableFuture<Path> mine = new CompletableFuture<>();
    CompletableFuture<Path> running = fetching.putIfAbsent(sha, mine);
    if (running != null) {
      return join(running);
    }
    try {
      mine.complete(obtainExclusively(programId, sha, jar));
    } catch (RuntimeException e) {
      mine.completeExceptionally(e);
    } finally {
      fetching.remove(sha, mine);
    }
    return join(mine);
  }

  /** SHA-256 of the jars held on disk. */
  public List<String> cachedShas() {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
      List<String> shas = new java.util.ArrayList<>();
      for (Path f : files) {
        String name = f.getFileName().toString();
        String sha = name.substring(0, name.length() - SUFFIX.length());
        if (SHA256.matcher(sha).matches()) {
          shas.add(sha);
        }
      }
      return shas;
    } catch (IOException e) {
      log.warn("cannot list jar cache {}: {}", dir, e.toString());
      return List.of();
    }
  }

  /** The cache directory. */
  public Path directory() {
    return dir;
  }

  private Path obtainExclusively(String programId, String sha, Path jar) {
    if (Files.isRegularFile(jar)) {
      // Written by an earlier run: check it once, the disk may have been tampered with.
      if (sha.equals(sha256Of(jar))) {
        verified.add(sha);
        return jar;
      }
      log.warn("cached jar {} does not match its SHA-256; fetching it again", jar);
      deleteQuietly(jar);
    }
    Path temp = createTemp();
    try {
      client.download(programId, temp);
      String actual = sha256Of(temp);
      if (!sha.equals(actual)) {
        throw new JarUnavailableException(
            programId, "coordinator sent a jar with SHA-256 " + actual + ", expected " + sha, null);
      }
      moveIntoPlace(temp, jar);
      verified.add(sha);
      log.info("cached jar of program {} as {}", programId, jar.getFileName());
      return jar;
    } finally {
      deleteQuietly(temp);
    }
  }

  private static String normalize(String programId, String sha256) {
    String sha = sha256 == null ? "" : sha256.toLowerCase(Locale.ROOT);
    if (!SHA256.matcher(sha).matches()) {
      // Never let a request name a path: only 64 hex digits become a file name.
      throw new JarRejectedException(programId, "not a hex SHA-256: " + sha256);
    }
    return sha;
  }

  private Path createTemp() {
    try {
      return Files.createTempFile(dir, TEMP_PREFIX, ".tmp");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a file in the jar cache " + dir, e);
    }
  }

  private static void moveIntoPlace(Path temp, Path jar) {
    try {
      try {
        Files.move(temp, jar, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, jar, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move " + temp + " to " + jar, e);
    }
  }

  static String sha256Of(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[64 * 1024];
      int n;
      while ((n = in.read(buffer)) >= 0) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  private void deleteLeftoverTempFiles() throws IOException {
    try (DirectoryStream<Path> temps = Files.newDirectoryStream(dir, TEMP_PREFIX + "*")) {
      for (Path t : temps) {
        deleteQuietly(t);
      }
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      log.warn("cannot delete {}: {}", file, e.toString());
    }
  }

  private static Path join(CompletableFuture<Path> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }
}
