package dev.farcall.coordinator.run.driver;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver's jar and the JVM that runs it, where every run's user can read them: the driver jar
 * travels inside the coordinator as a resource and is copied once under the runs root; beside it, a
 * class-data-sharing archive of the driver's own classes is built in the background on the first
 * start with this jar and this JVM ({@code -XX:ArchiveClassesAtExit} over a training run), so that
 * later drivers map those classes instead of loading them.
 */
public final class DriverDistribution {

  private static final Logger log = LoggerFactory.getLogger(DriverDistribution.class);

  /** Where the build puts the driver's self-contained jar in the coordinator's class path. */
  static final String RESOURCE = "/farcall-driver/farcall-driver.jar";

  /** The driver's entry point. */
  public static final String MAIN_CLASS = "dev.farcall.driver.DriverMain";

  private final Path java;
  private final Path jar;
  private final Path archive;
  private final boolean cds;
  private volatile boolean archiveReady;

  private DriverDistribution(Path java, Path jar, Path archive, boolean cds) {
    this.java = java;
    this.jar = jar;
    this.archive = archive;
    this.cds = cds;
    this.archiveReady = cds && Files.isRegularFile(archive);
  }

  /** Copies the driver jar under {@code runsRoot/driver} (once per jar) and finds the JVM. */
  public static DriverDistribution install(Path runsRoot, DriverSettings settings) {
    Path java =
        settings.java().orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java"));
    byte[] bytes = readResource();
    String sha = sha256(bytes);
    Path dir = runsRoot.resolve("driver");
    try {
      Files.createDirectories(dir);
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
      Path jar = dir.resolve("farcall-driver-" + sha.substring(0, 16) + ".jar");
      if (!Files.isRegularFile(jar) || Files.size(jar) != bytes.length) {
        Path partial = Files.createTempFile(dir, "driver", ".partial");
        Files.write(partial, bytes);
        Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-r--r--"));
        Files.move(partial, jar, StandardCopyOption.REPLACE_EXISTING);
      }
      String jvm =
          sha256(
              (java.toRealPath() + System.getProperty("java.vm.version"))
                  .getBytes(StandardCharsets.UTF_8));
      Path archive = dir.resolve(jar.getFileName() + "-" + jvm.substring(0, 12) + ".jsa");
      return new DriverDistribution(java, jar, archive, settings.cds());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot install the run driver under " + dir, e);
    }
  }

  /**
   * What a dynamic archive depends on besides the jar: the launcher, the JVM's version and the
   * JDK's base archive (a dynamic archive built over another base is silently unusable).
   */
  private static String jvmIdentity(Path java) throws IOException {
    Path real = java.toRealPath();
    StringBuilder id =
        new StringBuilder(real.toString()).append(System.getProperty("java.vm.version"));
    Path home = real.getParent() == null ? null : real.getParent().getParent();
    if (home != null) {
      Path base = home.resolve("lib").resolve("server").resolve("classes.jsa");
      if (Files.isRegularFile(base)) {
        id.append(Files.size(base)).append(Files.getLastModifiedTime(base).toMillis());
      }
    }
    return id.toString();
  }

  private static byte[] readResource() {
    try (InputStream in = DriverDistribution.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "the coordinator's class path lacks "
                + RESOURCE
                + " (the build copies the farcall-driver jar there)");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Path java() {
    return java;
  }

  Path jar() {
    return jar;
  }

  /** The archive, once it is built. */
  Optional<Path> cdsArchive() {
    return archiveReady ? Optional.of(archive) : Optional.empty();
  }

  /**
   * Builds the archive on a daemon thread unless it exists (or CDS is off); runs started before it
   * is ready start without it.
   */
  public void buildArchiveInBackground() {
    if (!cds || archiveReady) {
      return;
    }
    Thread t = new Thread(this::buildArchive, "farcall-driver-cds");
    t.setDaemon(true);
    t.start();
  }

  private void buildArchive() {
    Path partial = archive.resolveSibling(archive.getFileName() + ".partial");
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.add("-XX:ArchiveClassesAtExit=" + partial);
    command.add("-Xshare:auto");
    command.add("-cp");
    command.add(jar.toString());
    command.add(MAIN_CLASS);
    command.add("--train");
    try {
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!p.waitFor(5, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        log.warn(
            "building the driver's class-data-sharing archive took too long; runs go on without");
        return;
      }
      if (p.exitValue() != 0 || !Files.isRegularFile(partial)) {
        log.warn(
            "could not build the driver's class-data-sharing archive (exit {})", p.exitValue());
        return;
      }
      Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-r--r--"));
      Files.move(partial, archive, StandardCopyOption.REPLACE_EXISTING);
      archiveReady = true;
      log.info("Built the run driver's class-data-sharing archive {}", archive);
    } catch (IOException e) {
      log.warn("could not build the driver's class-data-sharing archive: {}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
