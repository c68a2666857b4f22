package dev.farcall.coordinator.run;

import dev.farcall.coordinator.program.ProgramLookup;
import dev.farcall.coordinator.program.ProgramRef;
import dev.farcall.coordinator.program.ProgramUsage;
import dev.farcall.coordinator.system.Paging;
import jakarta.annotation.PreDestroy;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Starts, tracks, cancels and records runs. At most {@code farcall.run.max-concurrent} runs execute
 * at once; the others wait (QUEUED) in a bounded queue. Runs, their output and their stats are
 * persisted when they end; a run that was still going when the coordinator died is marked FAILED
 * when it starts again.
 *
 * <p>Seams: the plan comes from a {@link RunPlanSource} bean and remote calls go through a {@link
 * RemoteInvoker} bean. Without a plan source nothing is dispatched (every call runs at home);
 * without an invoker every remote attempt falls back to running at home.
 */
@Service
public class RunService implements SmartInitializingSingleton, ProgramUsage {

  private static final Logger log = LoggerFactory.getLogger(RunService.class);
  private static final int LIST_LIMIT = 200;

  private final ProgramLookup programs;
  private final RunRepository repository;
  private final RunProperties properties;
  private final RunPlanSource plans;
  private final RemoteInvoker invoker;
  private final ThreadPoolExecutor executor;
  private final ApplicationEventPublisher events;
  private final Map<String, Active> active = new ConcurrentHashMap<>();

  /** A run that has not ended: its driver and its current view. */
  private static final class Active {
    final ProgramRun run;
    volatile RunView view;

    Active(ProgramRun run, RunView view) {
      this.run = run;
      this.view = view;
    }
  }

  public RunService(
      ProgramLookup programs,
      RunRepository repository,
      RunProperties properties,
      ObjectProvider<RunPlanSource> plans,
      ObjectProvider<RemoteInvoker> invokers,
      ApplicationEventPublisher events) {
    this.programs = programs;
    this.events = events;
    this.repository = repository;
    this.properties = properties;
    this.plans = plans.getIfAvailable(() -> (program, heuristic, tunables) -> RunPlan.empty());
    this.invoker =
        invokers.getIfAvailable(
            () ->
                call ->
                    CompletableFuture.failedFuture(
                        new IllegalStateException("no remote invoker is configured")));
    AtomicInteger n = new AtomicInteger();
    this.executor =
        new ThreadPoolExecutor(
            properties.getMaxConcurrent(),
            properties.getMaxConcurrent(),
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(Math.max(1, properties.getQueueCapacity())),
            r -> {
              Thread t = new Thread(r, "farcall-run-driver-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /** Marks runs a previous coordinator left unfinished as FAILED. */
  @Override
  public void afterSingletonsInstantiated() {
    int failed =
        repository.failInterrupted(Instant.now(), "the coordinator stopped before the run ended");
    if (failed > 0) {
      log.warn("marked {} unfinished run(s) of a previous coordinator as FAILED", failed);
    }
  }

  /**
   * Queues a run of a program.
   *
   * @throws RunProgramNotFoundException when there is no such program
   * @throws InvalidMainClassException when the main class is missing or has no main
   * @throws InvalidRunRequestException for a bad heuristic, tunable or deadline
   * @throws RunQueueFullException when too many runs wait already
   */
  public RunView start(String programId, StartRunRequest request) {
    ProgramRef program =
        programs.find(programId).orElseThrow(() -> new RunProgramNotFoundException(programId));
    if (request.deadlineSeconds() != null && request.deadlineSeconds() <= 0) {
      throw new InvalidRunRequestException("deadlineSeconds", "deadlineSeconds must be positive");
    }
    if (request.args().stream().anyMatch(a -> a == null)) {
      throw new InvalidRunRequestException("args", "args must not contain null");
    }
    RunPlan plan;
    try {
      plan = plans.planFor(program, request.heuristic(), request.tunables());
    } catch (IllegalArgumentException e) {
      throw new InvalidRunRequestException("heuristic", e.getMessage());
    }
    String id = UUID.randomUUID().toString();
    Instant now = Instant.now();
    Instant deadline =
        request.deadlineSeconds() == null ? null : now.plusSeconds(request.deadlineSeconds());
    ProgramRun run =
        ProgramRun.prepare(
            id,
            program,
            request.mainClass(),
            request.args(),
            plan,
            invoker,
            properties.toSettings(),
            deadline);
    RunView view =
        new RunView(
            id,
            program.id(),
            run.mainClass(),
            request.args(),
            request.heuristic(),
            request.tunables(),
            request.deadlineSeconds(),
            ProgramRun.Status.QUEUED,
            null,
            now,
            null,
            null,
            null,
            RunStats.empty());
    repository.insert(view);
    active.put(id, new Active(run, view));
    try {
      executor.execute(() -> execute(id));
    } catch (RejectedExecutionException full) {
      active.remove(id);
      repository.delete(id);
      throw new RunQueueFullException(properties.getQueueCapacity());
    }
    return view;
  }

  private void execute(String id) {
    Active a = active.get(id);
    if (a == null) {
      return; // cancelled while queued
    }
    synchronized (a) {
      if (a.view.status() != ProgramRun.Status.QUEUED) {
        return;
      }
      Instant started = Instant.now();
      a.view = a.view.started(started);
      repository.markStarted(id, started);
    }
    events.publishEvent(
        new RunStartedEvent(id, a.view.programId(), a.view.mainClass(), a.view.startedAt()));
    ProgramRun.Outcome outcome;
    try {
      outcome = a.run.execute();
    } catch (RuntimeException | Error e) {
      log.error("run {} failed in the driver", id, e);
      outcome = new ProgramRun.Outcome(ProgramRun.Status.FAILED, null, "internal error: " + e);
    }
    finish(a, outcome);
  }

  private void finish(Active a, ProgramRun.Outcome outcome) {
    RunView done = a.view.finished(outcome, Instant.now(), a.run.stats());
    try {
      repository.markFinished(done, a.run.output().stdout(), a.run.output().stderr());
    } finally {
      a.view = done;
      active.remove(done.id());
    }
    events.publishEvent(
        new RunFinishedEvent(
            done.id(),
            done.programId(),
            done.status(),
            done.exitCode(),
            done.error(),
            done.finishedAt()));
  }

  /** A run with live stats while it goes, as stored afterwards. */
  public RunView get(String id) {
    Active a = active.get(id);
    if (a != null) {
      return a.view.withStats(a.run.stats());
    }
    return repository.find(id).orElseThrow(() -> new RunNotFoundException(id));
  }

  /** The most recent runs, newest first, optionally of one program. */
  public List<RunView> list(String programId) {
    Map<String, RunView> byId = new LinkedHashMap<>();
    for (RunView v : repository.list(programId, LIST_LIMIT)) {
      Active a = active.get(v.id());
      byId.put(v.id(), a == null ? v : a.view.withStats(a.run.stats()));
    }
    return List.copyOf(byId.values());
  }

  /**
   * A page of runs, newest first, optionally of one program and one status; live stats for runs
   * that are going when {@code withStats}.
   */
  public Paging.Page<RunView> page(
      String programId, ProgramRun.Status status, Paging.PageRequest request, boolean withStats) {
    List<RunView> rows =
        repository.page(programId, status, request.after(), request.probe(), withStats).stream()
            .map(
                v -> {
                  Active a = active.get(v.id());
                  return a == null ? v : a.view.withStats(withStats ? a.run.stats() : v.stats());
                })
            .toList();
    return Paging.page(rows, request, v -> new Paging.Cursor(v.createdAt(), v.id()));
  }

  /** What the run printed so far on stdout or stderr. */
  public String output(String id, boolean stderr) {
    Active a = active.get(id);
    if (a != null) {
      return stderr ? a.run.output().stderr() : a.run.output().stdout();
    }
    return repository.output(id, stderr).orElseThrow(() -> new RunNotFoundException(id));
  }

  /** Cancels a queued or running run; an ended run is returned unchanged. */
  public RunView cancel(String id) {
    Active a = active.get(id);
    if (a == null) {
      return repository.find(id).orElseThrow(() -> new RunNotFoundException(id));
    }
    synchronized (a) {
      if (a.view.status() == ProgramRun.Status.QUEUED) {
        finish(
            a, new ProgramRun.Outcome(ProgramRun.Status.CANCELLED, null, "cancelled while queued"));
        return a.view;
      }
    }
    a.run.cancel("cancelled by request");
    return get(id);
  }

  /**
   * Flips a site of a running run to {@code decision} and announces it ({@link SiteDecisionEvent});
   * false when the run is not running or the site is not one of its dispatchable methods, or
   * already has that decision.
   */
  public boolean decide(String runId, MethodKey site, Decision decision, String reason) {
    Active a = active.get(runId);
    if (a == null) {
      return false;
    }
    Decision before =
        a.run.stats().sites().stream()
            .filter(s -> site.equals(new MethodKey(s.className(), s.methodName(), s.descriptor())))
            .map(RunStats.Site::decision)
            .findFirst()
            .orElse(null);
    if (before == null || before == decision) {
      return false;
    }
    a.run.decide(site, decision);
    events.publishEvent(
        new SiteDecisionEvent(runId, site, before, decision, Instant.now(), reason));
    return true;
  }

  @Override
  public boolean inUse(String programId) {
    return hasActiveRuns(programId);
  }

  /** Whether a program has runs that have not ended. */
  public boolean hasActiveRuns(String programId) {
    return active.values().stream().anyMatch(a -> a.view.programId().equals(programId));
  }

  /** Cancels what still runs so that every run is recorded before the coordinator stops. */
  @PreDestroy
  void stop() {
    active.values().forEach(a -> a.run.cancel("the coordinator is stopping"));
    executor.shutdown();
    try {
      if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
        log.warn("runs did not end within 10 s of the coordinator stopping");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
