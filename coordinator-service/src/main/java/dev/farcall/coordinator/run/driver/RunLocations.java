package dev.farcall.coordinator.run.driver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where runs live: the data directory, the runs root under it (each run's directory and the
 * installed driver), and this coordinator's address as its drivers reach it. A run's user must be
 * able to pass through every directory above the runs root; when one of them does not let others
 * pass (a data directory under {@code /root}, say), runs live under the temporary directory
 * instead, and the log says why.
 */
public final class RunLocations {

  private static final Logger log = LoggerFactory.getLogger(RunLocations.class);

  private final Path dataDir;
  private final Path runsRoot;
  private final String configuredUrl;
  private final IntSupplier localPort;

  private RunLocations(Path dataDir, Path runsRoot, String configuredUrl, IntSupplier localPort) {
    this.dataDir = dataDir;
    this.runsRoot = runsRoot;
    this.configuredUrl = configuredUrl;
    this.localPort = localPort;
  }

  /**
   * @param separateUsers whether runs execute as other users, who must reach the runs root
   * @param coordinatorUrl the configured address, or null to use this coordinator's port on
   *     127.0.0.1
   * @param localPort the port this coordinator listens on, once it does
   */
  public static RunLocations under(
      Path dataDir, boolean separateUsers, String coordinatorUrl, IntSupplier localPort) {
    Path data = dataDir.toAbsolutePath().normalize();
    Path root = data.resolve("runs");
    if (separateUsers) {
      Path blocking = firstClosedAncestor(data);
      if (blocking != null) {
        Path fallback =
            Path.of(System.getProperty("java.io.tmpdir"))
                .resolve("farcall-runs-" + Integer.toHexString(data.toString().hashCode()));
        log.warn(
            "{} does not let other users pass, so runs (which execute as users of their own)"
                + " could not reach {}; run directories go to {} instead",
            blocking,
            root,
            fallback);
        root = fallback;
      }
    }
    try {
      Files.createDirectories(root);
      Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx--x--x"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the runs directory " + root, e);
    }
    return new RunLocations(data, root, coordinatorUrl, localPort);
  }

  /** The first directory from the root down to {@code dir}'s parent that others may not pass. */
  private static Path firstClosedAncestor(Path dir) {
    Path p = dir.getParent();
    java.util.Deque<Path> chain = new java.util.ArrayDeque<>();
    while (p != null) {
      chain.push(p);
      p = p.getParent();
    }
    for (Path ancestor : chain) {
      try {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(ancestor);
        if (!perms.contains(PosixFilePermission.OTHERS_EXECUTE)) {
          return ancestor;
        }
      } catch (IOException e) {
        return ancestor;
      }
    }
    return null;
  }

  public Path dataDir() {
    return dataDir;
  }

  public Path runsRoot() {
    return runsRoot;
  }

  /** This coordinator as its drivers reach it, without a trailing slash. */
  public String coordinatorUrl() {
    if (configuredUrl != null && !configuredUrl.isBlank()) {
      return configuredUrl.replaceAll("/+$", "");
    }
    return "http://127.0.0.1:" + localPort.getAsInt();
  }
}
