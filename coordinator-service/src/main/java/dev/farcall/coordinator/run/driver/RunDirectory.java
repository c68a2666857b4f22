package dev.farcall.coordinator.run.driver;

import dev.farcall.model.wire.RunEvent;
import dev.farcall.model.wire.RunEventsFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * The directory of one run, under the runs root:
 *
 * <pre>
 * &lt;runId&gt;/           0711, the coordinator's: a run's user may pass, not list
 *   stdout, stderr     0600, the coordinator's: the driver writes them through inherited files
 *   exit-status        written by the coordinator's wrapper when the driver's JVM exits
 *   driver/            0700, the run's user: the driver's log, its error file, its last events,
 *                      the program's jar
 *   work/              0700, the run's user: the program's working directory
 * </pre>
 *
 * Everything the coordinator needs to re-attach to a driver after a restart is here or in the run's
 * row.
 */
public record RunDirectory(Path root) {

  public static RunDirectory of(Path runsRoot, String runId) {
    return new RunDirectory(runsRoot.resolve(runId));
  }

  public Path stdout() {
    return root.resolve("stdout");
  }

  public Path stderr() {
    return root.resolve("stderr");
  }

  public Path exitStatus() {
    return root.resolve("exit-status");
  }

  public Path driverDir() {
    return root.resolve("driver");
  }

  public Path driverLog() {
    return driverDir().resolve("driver.log");
  }

  public Path driverError() {
    return driverDir().resolve("driver-error");
  }

  public Path jar() {
    return driverDir().resolve("program.jar");
  }

  public Path work() {
    return root.resolve("work");
  }

  /**
   * Creates the layout, the private parts owned by {@code uid} when runs have users of their own.
   *
   * @throws IllegalStateException if the directory exists already
   */
  public void create(OptionalInt uid) {
    try {
      Files.createDirectory(root, PosixFilePermissions.asFileAttribute(perms("rwx--x--x")));
      Files.setPosixFilePermissions(root, perms("rwx--x--x")); // the umask may have narrowed it
      for (Path file : new Path[] {stdout(), stderr()}) {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(perms("rw-------")));
      }
      for (Path dir : new Path[] {driverDir(), work()}) {
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(perms("rwx------")));
        if (uid.isPresent()) {
          Files.setAttribute(dir, "unix:uid", uid.getAsInt());
          Files.setAttribute(dir, "unix:gid", uid.getAsInt());
        }
      }
    } catch (FileAlreadyExistsException e) {
      throw new IllegalStateException("run directory " + root + " exists already", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create run directory " + root, e);
    }
  }

  /** The exit status the wrapper recorded, if the driver's JVM has exited. */
  public Optional<Integer> recordedExitStatus() {
    try {
      return Optional.of(Integer.parseInt(Files.readString(exitStatus()).trim()));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Why the driver could not start the program, if it said so. */
  public Optional<String> driverFailure() {
    try {
      return Optional.of(Files.readString(driverError()).trim()).filter(s -> !s.isEmpty());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  public Path lastEvents() {
    return driverDir().resolve(RunEventsFile.NAME);
  }

  /** The events the driver wrote at its end (how main ended, then ENDING with the final stats). */
  public List<RunEvent> lastEventsWritten() {
    return RunEventsFile.read(lastEvents());
  }

  /** Deletes the directory and everything in it (best effort). */
  public void delete() {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // a leftover directory harms nothing; the next start of the same id cannot happen
    }
  }

  private static java.util.Set<java.nio.file.attribute.PosixFilePermission> perms(String s) {
    return PosixFilePermissions.fromString(s);
  }
}
