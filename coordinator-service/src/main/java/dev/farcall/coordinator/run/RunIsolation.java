package dev.farcall.coordinator.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What keeps a run away from the coordinator and from other runs.
 *
 * <p>With {@link RunProperties.Isolation.Mode#USER} each running driver has a user and group id of
 * its own, taken from a configured range and given back when the run ends: it cannot read the data
 * directory (kept {@code 0711}, every entry but the runs directory closed to others), nor another
 * run's files, nor signal or trace the coordinator or another run; its process count is bounded per
 * run. The switch is made by {@code setpriv} (util-linux) with no new privileges and no
 * supplementary groups, so it needs the coordinator to run as root (or with CAP_SETUID and
 * CAP_SETGID). {@link RunProperties.Isolation.Mode#NONE} runs drivers as the coordinator's own
 * user: the process boundary still protects the coordinator's heap and lifetime, but a run could
 * read what the coordinator's user can read.
 */
final class RunIsolation {

  private static final Logger log = LoggerFactory.getLogger(RunIsolation.class);
  private static final Path SETPRIV = Path.of("/usr/bin/setpriv");

  private final RunProperties.Isolation.Mode mode;
  private final RunProperties.Isolation settings;
  private final BitSet leased = new BitSet();

  private RunIsolation(RunProperties.Isolation.Mode mode, RunProperties.Isolation settings) {
    this.mode = mode;
    this.settings = settings;
  }

  /**
   * Decides the mode: USER when asked or possible, NONE otherwise.
   *
   * @throws IllegalStateException when USER is asked for but not possible
   */
  static RunIsolation decide(RunProperties.Isolation settings) {
    boolean possible = isRoot() && Files.isExecutable(SETPRIV);
    RunProperties.Isolation.Mode mode =
        switch (settings.getMode()) {
          case USER -> {
            if (!possible) {
              throw new IllegalStateException(
                  "farcall.run.isolation.mode=USER needs the coordinator to run as root with "
                      + SETPRIV
                      + " (util-linux)");
            }
            yield RunProperties.Isolation.Mode.USER;
          }
          case NONE -> RunProperties.Isolation.Mode.NONE;
          case AUTO ->
              possible ? RunProperties.Isolation.Mode.USER : RunProperties.Isolation.Mode.NONE;
        };
    if (mode == RunProperties.Isolation.Mode.NONE) {
      log.warn(
          "Runs execute as the coordinator's own user (farcall.run.isolation.mode={}): a run cannot"
              + " reach the coordinator's memory, but can read files this user can read. Run the"
              + " coordinator as root to give each run an unprivileged user of its own.",
          settings.getMode());
    } else {
      log.info(
          "Runs execute as unprivileged users {}..{}",
          settings.getFirstUid(),
          settings.getFirstUid() + settings.getUidCount() - 1);
    }
    return new RunIsolation(mode, settings);
  }

  RunProperties.Isolation.Mode mode() {
    return mode;
  }

  boolean separatesUsers() {
    return mode == RunProperties.Isolation.Mode.USER;
  }

  /** Takes a user id for a run; empty without user isolation. */
  synchronized OptionalInt lease() {
    if (!separatesUsers()) {
      return OptionalInt.empty();
    }
    int slot = leased.nextClearBit(0);
    if (slot >= settings.getUidCount()) {
      throw new IllegalStateException(
          "all " + settings.getUidCount() + " run user ids are in use (farcall.run.isolation)");
    }
    leased.set(slot);
    return OptionalInt.of(settings.getFirstUid() + slot);
  }

  /** Marks a user id as taken by a run found running after a restart. */
  synchronized void taken(int uid) {
    int slot = uid - settings.getFirstUid();
    if (slot >= 0 && slot < settings.getUidCount()) {
      leased.set(slot);
    }
  }

  /** Gives a run's user id back, once none of its processes is left. */
  synchronized void release(int uid) {
    int slot = uid - settings.getFirstUid();
    if (slot >= 0 && slot < settings.getUidCount()) {
      leased.clear(slot);
    }
  }

  /** The command prefix that starts the rest of a command as the run's user. */
  List<String> switchTo(OptionalInt uid) {
    if (uid.isEmpty()) {
      return List.of();
    }
    String id = Integer.toString(uid.getAsInt());
    return List.of(
        SETPRIV.toString(),
        "--reuid=" + id,
        "--regid=" + id,
        "--clear-groups",
        "--no-new-privs",
        "--");
  }

  int maxProcesses() {
    return settings.getMaxProcesses();
  }

  long maxFileSizeBytes() {
    return settings.getMaxFileSize().toBytes();
  }

  /**
   * Closes the data directory to runs: the directory itself is traversable only ({@code 0711}, so a
   * run reaches its own directory under {@code runsRoot}), and every entry in it but the runs root
   * loses every permission for group and others. Called before each run starts, so files created
   * since (the database, a broker's logs) are covered too.
   */
  void closeDataDirectory(Path dataDir, Path runsRoot) throws IOException {
    if (!separatesUsers()) {
      return;
    }
    Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx--x--x"));
    try (Stream<Path> entries = Files.list(dataDir)) {
      for (Path entry : entries.toList()) {
        if (entry.equals(runsRoot) || Files.isSymbolicLink(entry)) {
          continue;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(entry);
        if (permissions.removeAll(GROUP_AND_OTHERS)) {
          Files.setPosixFilePermissions(entry, permissions);
        }
      }
    }
  }

  private static final Set<PosixFilePermission> GROUP_AND_OTHERS =
      Set.of(
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.GROUP_EXECUTE,
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE,
          PosixFilePermission.OTHERS_EXECUTE);

  /**
   * Kills every process of a run's user id (whatever escaped its process tree), then waits until
   * none is left.
   */
  void killAll(int uid) {
    for (int round = 0; round < 50; round++) {
      List<ProcessHandle> left = processesOf(uid);
      if (left.isEmpty()) {
        return;
      }
      left.forEach(ProcessHandle::destroyForcibly);
      try {
        TimeUnit.MILLISECONDS.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    log.warn("processes of run user {} survived SIGKILL: {}", uid, processesOf(uid));
  }

  /** The live processes whose real user id is {@code uid} (from {@code /proc}). */
  static List<ProcessHandle> processesOf(int uid) {
    List<ProcessHandle> found = new ArrayList<>();
    ProcessHandle.allProcesses()
        .forEach(
            p -> {
              if (uidOf(p.pid()) == uid) {
                found.add(p);
              }
            });
    return found;
  }

  private static int uidOf(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("Uid:")) {
          return Integer.parseInt(line.substring(4).trim().split("\\s+")[0]);
        }
      }
    } catch (IOException | RuntimeException gone) {
      // the process ended meanwhile
    }
    return -1;
  }

  private static boolean isRoot() {
    try {
      return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return false;
    }
  }
}
