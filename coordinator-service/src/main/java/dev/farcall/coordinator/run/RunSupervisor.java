package dev.farcall.coordinator.run;

import dev.farcall.coordinator.run.driver.DriverLauncher;
import dev.farcall.coordinator.run.driver.DriverProcess;
import dev.farcall.coordinator.run.driver.RunCredentials;
import dev.farcall.coordinator.run.driver.RunEventsListener;
import dev.farcall.coordinator.run.driver.RunIsolation;
import dev.farcall.coordinator.run.driver.RunOutputFiles;
import dev.farcall.coordinator.run.driver.RunTopics;
import dev.farcall.model.wire.RunEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Supervises the runs that have not ended: at most {@code max-concurrent} drivers at once, the
 * others waiting in a bounded queue; each started driver is watched until its JVM exits, stopped
 * (SIGTERM, then SIGKILL after the grace period) when cancelled or past its deadline, and then
 * recorded: status from its exit status, final stats from its last events, output from its files.
 * After a restart it takes over the drivers a previous coordinator left running.
 */
final class RunSupervisor {

  private static final Logger log = LoggerFactory.getLogger(RunSupervisor.class);
  private static final Duration EVENTS_SYNC = Duration.ofSeconds(5);

  private final RunProperties properties;
  private final RunRepository repository;
  private final DriverLauncher launcher;
  private final RunIsolation isolation;
  private final RunCredentials credentials;
  private final RunEventsListener events;
  private final RunTopics topics;
  private final ApplicationEventPublisher publisher;
  private final Map<String, ActiveRun> active = new ConcurrentHashMap<>();
  private final ArrayDeque<ActiveRun> queue = new ArrayDeque<>();
  private int running;
  private final ScheduledExecutorService timers;
  private final ExecutorService finisher;

  RunSupervisor(
      RunProperties properties,
      RunRepository repository,
      DriverLauncher launcher,
      RunIsolation isolation,
      RunCredentials credentials,
      RunEventsListener events,
      RunTopics topics,
      ApplicationEventPublisher publisher) {
    this.properties = properties;
    this.publisher = publisher;
    this.repository = repository;
    this.launcher = launcher;
    this.isolation = isolation;
    this.credentials = credentials;
    this.events = events;
    this.topics = topics;
    AtomicInteger n = new AtomicInteger();
    this.timers =
        Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "farcall-run-supervisor"));
    this.finisher =
        Executors.newCachedThreadPool(r -> daemon(r, "farcall-run-finish-" + n.incrementAndGet()));
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  /** Hands a driver's event to its run. */
  void onEvent(RunEvent event) {
    ActiveRun run = active.get(event.getRunId());
    if (run != null) {
      for (RunDecision d : run.onEvent(event)) {
        if (d.applied() && d.isFlip()) {
          publisher.publishEvent(d.asEvent(run.id));
        }
      }
      if (run.newCalls(event)) {
        publisher.publishEvent(RemoteCallsReported.of(run.id, event.getRemoteCalls()));
      }
    }
  }

  Optional<ActiveRun> find(String id) {
    return Optional.ofNullable(active.get(id));
  }

  Collection<ActiveRun> all() {
    return active.values();
  }

  /**
   * Queues a run; it starts when a slot is free.
   *
   * @throws RunQueueFullException when too many runs wait already
   */
  void submit(ActiveRun run) {
    synchronized (this) {
      if (queue.size() >= Math.max(1, properties.getQueueCapacity())) {
        throw new RunQueueFullException(properties.getQueueCapacity());
      }
      active.put(run.id, run);
      queue.add(run);
    }
    scheduleDeadline(run);
    timers.execute(this::launchWhileFree);
  }

  private void launchWhileFree() {
    while (true) {
      ActiveRun next;
      synchronized (this) {
        if (running >= properties.getMaxConcurrent() || queue.isEmpty()) {
          return;
        }
        next = queue.poll();
        running++;
      }
      launch(next);
    }
  }

  private void launch(ActiveRun run) {
    if (run.stopReason != null) {
      release(run);
      record(run, new RunOutcome(RunStatus.CANCELLED, null, run.stopReason), false);
      slotFreed();
      return;
    }
    Instant deadline = deadlineOf(run.view);
    DriverLauncher.Launched launched;
    try {
      launched = launcher.launch(run.launch(deadline));
    } catch (RuntimeException e) {
      log.error("run {}: the driver did not start", run.id, e);
      release(run);
      record(
          run,
          new RunOutcome(RunStatus.FAILED, null, "the driver did not start: " + e.getMessage()),
          false);
      slotFreed();
      return;
    }
    run.process = launched.process();
    run.uid = launched.uid();
    // the view keeps the instant as the database will (to the microsecond): events, the REST view
    // and the stored run all show the same start
    Instant started = run.view.started(Instant.now()).startedAt();
    repository.markStarted(
        run.id,
        started,
        new RunRepository.DriverRecord(
            launched.process().pid(),
            launched.process().startedAt(),
            launched.uid().isPresent() ? launched.uid().getAsInt() : null,
            launched.tokenHash()));
    run.view = run.view.started(started);
    publisher.publishEvent(
        new RunStartedEvent(run.id, run.view.programId(), run.view.mainClass(), started));
    watch(run);
  }

  private void watch(ActiveRun run) {
    run.process.exit().thenAcceptAsync(status -> finish(run, status), finisher);
  }

  /** Schedules the run's cancellation at its deadline, if it has one. */
  private void scheduleDeadline(ActiveRun run) {
    Instant deadline = deadlineOf(run.view);
    if (deadline != null) {
      long delay = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
      timers.schedule(() -> cancel(run, "deadline passed"), delay, TimeUnit.MILLISECONDS);
    }
  }

  static Instant deadlineOf(RunView view) {
    if (view.deadlineSeconds() == null) {
      return null;
    }
    try {
      return view.createdAt().plusSeconds(view.deadlineSeconds());
    } catch (java.time.DateTimeException | ArithmeticException far) {
      return Instant.MAX;
    }
  }

  /**
   * Stops a run: a queued one ends CANCELLED at once; a running one gets SIGTERM, and SIGKILL after
   * the grace period if it has not exited.
   */
  void cancel(ActiveRun run, String reason) {
    boolean wasQueued;
    synchronized (this) {
      if (run.stopReason != null || !active.containsKey(run.id)) {
        return;
      }
      run.stopReason = reason;
      wasQueued = queue.remove(run);
    }
    if (wasQueued) {
      record(run, new RunOutcome(RunStatus.CANCELLED, null, reason + " while queued"), false);
      return;
    }
    DriverProcess p = run.process;
    if (p != null) {
      p.terminate();
      timers.schedule(
          () -> {
            if (p.isAlive()) {
              p.kill();
            }
          },
          properties.getStopGrace().toMillis(),
          TimeUnit.MILLISECONDS);
    }
  }

  /** The driver's JVM exited: record the run and free its slot. */
  private void finish(ActiveRun run, int status) {
    try {
      events.sync().get(EVENTS_SYNC.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      log.warn("run {}: its last events were not read within {}", run.id, EVENTS_SYNC);
    } catch (Exception e) {
      log.warn("run {}: reading its last events failed: {}", run.id, e.toString());
    }
    // the driver also wrote its last events to a file, not waiting for Kafka: those it sent too
    // are older than or as new as the newest seen, and change nothing
    run.dir.lastEventsWritten().stream()
        .filter(e -> run.id.equals(e.getRunId()))
        .forEach(this::onEvent);
    RunOutcome outcome =
        RunOutcome.of(
            status, run.stopReason, run.dir.driverFailure().orElse(null), run.mainThrew());
    cleanUp(run);
    record(run, outcome, true);
    slotFreed();
  }

  private void slotFreed() {
    synchronized (this) {
      running--;
    }
    try {
      timers.execute(this::launchWhileFree);
    } catch (java.util.concurrent.RejectedExecutionException stopping) {
      // the coordinator stops: queued runs are recorded as unfinished and resumed at next start
    }
  }

  /**
   * Kills whatever the run left (every process of its user id: its JVM has exited, but what it
   * started may not have), gives back its user id and credential, drops its topic. Without user
   * isolation, what a program started and detached from its process tree is not found.
   */
  private void cleanUp(ActiveRun run) {
    run.uid.ifPresent(isolation::killAll);
    release(run);
    topics.deleteRunReplies(run.id);
  }

  private void release(ActiveRun run) {
    run.uid.ifPresent(isolation::release);
    credentials.revoke(run.id);
  }

  /** Persists the run's end with its output and stats, then forgets it. */
  private void record(ActiveRun run, RunOutcome outcome, boolean started) {
    if (!run.end()) {
      return;
    }
    int cap = properties.outputCapBytes();
    String stdout = started ? RunOutputFiles.read(run.dir.stdout(), cap) : "";
    String stderr = started ? RunOutputFiles.read(run.dir.stderr(), cap) : "";
    RunView done = run.view.finished(outcome, Instant.now(), run.stats());
    try {
      repository.markFinished(done, stdout, stderr, run.decisions());
    } catch (RuntimeException e) {
      log.error("run {}: could not record its end", run.id, e);
    } finally {
      run.view = done;
      active.remove(run.id);
      if (!properties.isKeepRunDirectories()) {
        run.dir.delete();
      }
    }
    if (started && done.stats() != null) {
      publisher.publishEvent(RunLearning.of(run, done.stats()));
    }
    log.info(
        "run {} {} {}", run.id, outcome.status(), outcome.error() == null ? "" : outcome.error());
    publisher.publishEvent(
        new RunFinishedEvent(
            run.id,
            done.programId(),
            done.status(),
            done.exitCode(),
            done.error(),
            done.finishedAt()));
  }

  /**
   * Takes over a run a previous coordinator started: from now on its events reach it; the returned
   * take-over, to be run once the events listener reads again, watches its driver if it still runs,
   * or records its end if it ended meanwhile (from its recorded exit status) or fails it as "driver
   * lost". Run before the listener reads, the end would be recorded without the events the driver
   * sent while no coordinator ran (its final stats among them).
   */
  Runnable reattach(ActiveRun run, RunRepository.DriverRecord driver) {
    active.put(run.id, run);
    synchronized (this) {
      running++;
    }
    if (driver.uid() != null) {
      run.uid = OptionalInt.of(driver.uid());
      isolation.taken(driver.uid());
    }
    credentials.restore(driver.tokenHash(), run.id, run.program.id());
    scheduleDeadline(run);
    Optional<DriverProcess> process =
        DriverProcess.reattach(driver.pid(), driver.startedAt(), run.dir);
    if (process.isPresent()) {
      log.info("run {}: re-attached to its driver (pid {})", run.id, driver.pid());
      run.process = process.get();
      return () -> watch(run);
    }
    int status = run.dir.recordedExitStatus().orElse(DriverProcess.LOST);
    return () -> finisher.execute(() -> finish(run, status));
  }

  /**
   * Runs still going when the coordinator stops: cancelled (the default) or left running. The
   * supervisor can start runs again afterwards (a paused test context is started again).
   */
  void shutdown(boolean detach) {
    List<ActiveRun> runs = List.copyOf(active.values());
    if (!detach) {
      runs.forEach(r -> cancel(r, "the coordinator is stopping"));
      long until = System.nanoTime() + properties.getStopGrace().plusSeconds(5).toNanos();
      while (!active.isEmpty() && System.nanoTime() < until) {
        try {
          TimeUnit.MILLISECONDS.sleep(20);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
  }
}
