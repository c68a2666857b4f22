package dev.farcall.coordinator.run.driver;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A handle on one running driver: the wrapper process the coordinator started (or found again after
 * a restart), whose child is the driver's JVM. Its exit status is the JVM's: from the process
 * itself when the coordinator started it, from the run directory's {@code exit-status} when it was
 * found again (a process that is not one's child has no exit status to read).
 */
public final class DriverProcess {

  /** The exit status of a driver that ended without recording one (the wrapper was killed). */
  public static final int LOST = -1;

  private final ProcessHandle wrapper;
  private final Instant startedAt;
  private final CompletableFuture<Integer> exit;

  private DriverProcess(ProcessHandle wrapper, Instant startedAt, CompletableFuture<Integer> exit) {
    this.wrapper = wrapper;
    this.startedAt = startedAt;
    this.exit = exit;
  }

  /** A driver this coordinator started. */
  static DriverProcess started(Process process) {
    ProcessHandle handle = process.toHandle();
    Instant started = handle.info().startInstant().orElse(Instant.now());
    return new DriverProcess(handle, started, process.onExit().thenApply(Process::exitValue));
  }

  /**
   * A driver started by an earlier coordinator, if its wrapper still runs: same pid and same start
   * time, so a recycled pid is not mistaken for it.
   */
  public static Optional<DriverProcess> reattach(long pid, Instant startedAt, RunDirectory dir) {
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .filter(h -> h.info().startInstant().map(s -> sameSecond(s, startedAt)).orElse(false))
        .map(
            h ->
                new DriverProcess(
                    h,
                    startedAt,
                    h.onExit().thenApply(ended -> dir.recordedExitStatus().orElse(LOST))));
  }

  private static boolean sameSecond(Instant a, Instant b) {
    // /proc start times have clock-tick resolution; what we stored came from the same source
    return Duration.between(a, b).abs().compareTo(Duration.ofSeconds(1)) < 0;
  }

  public long pid() {
    return wrapper.pid();
  }

  public Instant startedAt() {
    return startedAt;
  }

  /** Completes with the driver JVM's exit status, or {@link #LOST}. */
  public CompletableFuture<Integer> exit() {
    return exit;
  }

  public boolean isAlive() {
    return wrapper.isAlive();
  }

  /** Asks the driver's JVM to stop (SIGTERM): its shutdown hooks run, then it exits. */
  public void terminate() {
    if (wrapper.isAlive()) {
      wrapper.children().forEach(ProcessHandle::destroy);
    }
  }

  /**
   * Kills the JVM and everything it started (SIGKILL); the wrapper then records the JVM's status
   * (137) and exits. Only while the wrapper lives: pids are reused quickly (threads take them too),
   * and the children of a dead wrapper's pid may be another run's.
   */
  public void kill() {
    if (wrapper.isAlive()) {
      wrapper.descendants().forEach(ProcessHandle::destroyForcibly);
    }
  }
}
