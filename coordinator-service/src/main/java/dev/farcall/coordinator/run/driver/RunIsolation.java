package dev.farcall.coordinator.run.driver;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What keeps a run away from the coordinator and from other runs.
 *
 * <p>With {@link IsolationSettings.Mode#USER} each running driver has a user and group id of its
 * own, taken from a configured range and given back when the run ends: it cannot read the data
 * directory (kept {@code 0711}, every entry but the runs directory closed to others), nor another
 * run's files, nor signal or trace the coordinator or another run; its process count is bounded per
 * run. The switch is made by {@code setpriv} (util-linux) with no new privileges and no
 * supplementary groups, so it needs the coordinator to run as root (or with CAP_SETUID and
 * CAP_SETGID). {@link IsolationSettings.Mode#NONE} runs drivers as the coordinator's own user: the
 * process boundary still protects the coordinator's heap and lifetime, but a run could read what
 * the coordinator's user can read.
 */
public final class RunIsolation {

  private static final Logger log = LoggerFactory.getLogger(RunIsolation.class);
  private static final Path SETPRIV = Path.of("/usr/bin/setpriv");

  private final IsolationSettings.Mode mode;
  private final IsolationSettings settings;
  private final BitSet leased = new BitSet();
  private final Map<Integer, FileLock> locks = new HashMap<>();
  private final Path lockDir = Path.of(System.getProperty("java.io.tmpdir"), "farcall-run-uids");

  private RunIsolation(IsolationSettings.Mode mode, IsolationSettings settings) {
    this.mode = mode;
    this.settings = settings;
  }

  /**
   * Decides the mode: USER when asked or possible, NONE otherwise.
   *
   * @throws IllegalStateException when USER is asked for but not possible
   */
  public static RunIsolation decide(IsolationSettings settings) {
    if (settings.cpus().isPresent() && !Files.isExecutable(DriverCommand.TASKSET)) {
      throw new IllegalStateException(
          "farcall.run.isolation.cpus needs " + DriverCommand.TASKSET + " (util-linux)");
    }
    boolean possible = isRoot() && Files.isExecutable(SETPRIV);
    IsolationSettings.Mode mode =
        switch (settings.mode()) {
          case USER -> {
            if (!possible) {
              throw new IllegalStateException(
                  "farcall.run.isolation.mode=USER needs the coordinator to run as root with "
                      + SETPRIV
                      + " (util-linux)");
            }
            yield IsolationSettings.Mode.USER;
          }
          case NONE -> IsolationSettings.Mode.NONE;
          case AUTO -> possible ? IsolationSettings.Mode.USER : IsolationSettings.Mode.NONE;
        };
    if (mode == IsolationSettings.Mode.NONE) {
      log.warn(
          "Runs execute as the coordinator's own user (farcall.run.isolation.mode={}): a run cannot"
              + " reach the coordinator's memory, but can read files this user can read. Run the"
              + " coordinator as root to give each run an unprivileged user of its own.",
          settings.mode());
    } else {
      log.info(
          "Runs execute as unprivileged users {}..{}",
          settings.firstUid(),
          settings.firstUid() + settings.uidCount() - 1);
    }
    settings.cpus().ifPresent(cpus -> log.info("Runs execute on CPUs {}", cpus));
    return new RunIsolation(mode, settings);
  }

  public IsolationSettings.Mode mode() {
    return mode;
  }

  public boolean separatesUsers() {
    return mode == IsolationSettings.Mode.USER;
  }

  /**
   * Takes a user id for a run; empty without user isolation. A user id is free when no process of
   * it runs and no coordinator on this host holds its lock file: several coordinators may share a
   * host (and a range), and a run's end kills every process of its user id.
   */
  public synchronized OptionalInt lease() {
    if (!separatesUsers()) {
      return OptionalInt.empty();
    }
    for (int slot = leased.nextClearBit(0);
        slot < settings.uidCount();
        slot = leased.nextClearBit(slot + 1)) {
      int uid = settings.firstUid() + slot;
      if (processesOf(uid).isEmpty() && lock(uid)) {
        leased.set(slot);
        return OptionalInt.of(uid);
      }
    }
    throw new IllegalStateException(
        "all " + settings.uidCount() + " run user ids are in use (farcall.run.isolation)");
  }

  /** Takes again the user id of a run found running after a restart. */
  public synchronized void taken(int uid) {
    int slot = uid - settings.firstUid();
    if (slot >= 0 && slot < settings.uidCount()) {
      leased.set(slot);
      lock(uid);
    }
  }

  /** Gives a run's user id back, once none of its processes is left. */
  public synchronized void release(int uid) {
    int slot = uid - settings.firstUid();
    if (slot >= 0 && slot < settings.uidCount()) {
      leased.clear(slot);
      FileLock lock = locks.remove(uid);
      if (lock != null) {
        try {
          lock.channel().close();
        } catch (IOException ignored) {
          // the lock goes with the channel, or with this process
        }
      }
    }
  }

  /** Locks {@code uid}'s file for this coordinator; false if another process holds it. */
  private boolean lock(int uid) {
    if (locks.containsKey(uid)) {
      return true;
    }
    try {
      Files.createDirectories(lockDir);
      FileChannel channel =
          FileChannel.open(
              lockDir.resolve(uid + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        channel.close();
        return false;
      }
      locks.put(uid, lock);
      return true;
    } catch (IOException | OverlappingFileLockException e) {
      return false;
    }
  }

  /** The command prefix that starts the rest of a command as the run's user. */
  public List<String> switchTo(OptionalInt uid) {
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

  /** The user, limits and CPUs of the driver of a run that got {@code uid} (or none). */
  public DriverConfinement confinement(OptionalInt uid) {
    return new DriverConfinement(
        switchTo(uid), settings.maxProcesses(), settings.maxFileSizeBytes(), settings.cpus());
  }

  /**
   * Closes the data directory to runs: the directory itself is traversable only ({@code 0711}, so a
   * run reaches its own directory under {@code runsRoot}), and every entry in it but the runs root
   * loses every permission for group and others. Called before each run starts, so files created
   * since (the database, a broker's logs) are covered too.
   */
  public void closeDataDirectory(Path dataDir, Path runsRoot) throws IOException {
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
  public void killAll(int uid) {
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
