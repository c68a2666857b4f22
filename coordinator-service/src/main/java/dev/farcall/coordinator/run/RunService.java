package dev.farcall.coordinator.run;

import dev.farcall.coordinator.program.ProgramLookup;
import dev.farcall.coordinator.program.ProgramNotFoundException;
import dev.farcall.coordinator.program.ProgramRef;
import dev.farcall.coordinator.program.ProgramUsage;
import dev.farcall.coordinator.run.driver.PolicySpec;
import dev.farcall.coordinator.run.driver.RunDirectory;
import dev.farcall.coordinator.run.driver.RunEventsListener;
import dev.farcall.coordinator.run.driver.RunLocations;
import dev.farcall.coordinator.run.driver.RunOutputFiles;
import dev.farcall.coordinator.run.driver.RunPlan;
import dev.farcall.coordinator.run.driver.RunTopics;
import dev.farcall.coordinator.system.Paging;
import dev.farcall.dispatch.objects.ObjectInfo;
import dev.farcall.model.wire.RunObjectStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Starts, tracks, cancels and records runs; each run executes in a driver JVM of its own, which the
 * {@link RunSupervisor} starts and watches. Requests are validated here, before anything is stored
 * or started. Runs, their output and their stats are persisted when they end. When the coordinator
 * starts, it takes over the drivers a previous coordinator left running, records the runs that
 * ended meanwhile, and queues again the runs that had not started.
 */
public class RunService implements SmartLifecycle, ProgramUsage {

  private static final Logger log = LoggerFactory.getLogger(RunService.class);
  private static final int LIST_LIMIT = 200;

  /**
   * How much earlier than a run's recorded start its driver's first event may be stamped: the
   * driver's clock is another process's reading of the machine's, taken a little before or after.
   */
  private static final java.time.Duration EVENT_CLOCK_SLACK = java.time.Duration.ofSeconds(10);

  /** The longest deadline a run may ask for: ten years, far beyond any instant arithmetic risk. */
  static final long MAX_DEADLINE_SECONDS = 10L * 366 * 24 * 3600;

  private final ProgramLookup programs;
  private final RunRepository repository;
  private final RunProperties properties;
  private final RunPlanSource plans;
  private final RunSupervisor supervisor;
  private final RunEventsListener events;
  private final RunTopics topics;
  private final RunLocations locations;
  private final RunPolicies policies;
  private volatile boolean running;

  RunService(
      ProgramLookup programs,
      RunRepository repository,
      RunProperties properties,
      RunPlanSource plans,
      RunSupervisor supervisor,
      RunComponents components) {
    this.programs = programs;
    this.repository = repository;
    this.properties = properties;
    this.plans = plans;
    this.supervisor = supervisor;
    this.events = components.events();
    this.topics = components.topics();
    this.locations = components.locations();
    this.policies = components.policies();
  }

  /** The parts the service starts and stops with itself, where runs live, their policies. */
  record RunComponents(
      RunEventsListener events, RunTopics topics, RunLocations locations, RunPolicies policies) {}

  /**
   * Queues a run of a program.
   *
   * @throws ProgramNotFoundException when there is no such program
   * @throws InvalidMainClassException when the main class is missing or has no main
   * @throws InvalidRunRequestException for a bad heuristic, tunable, deadline or heap size
   * @throws RunQueueFullException when too many runs wait already
   */
  public RunView start(String programId, StartRunRequest request) {
    ProgramRef program =
        programs.find(programId).orElseThrow(() -> new ProgramNotFoundException(programId));
    validate(request);
    long heap = heapOf(request);
    String mainClass = MainClassCheck.mainClass(programId, program.jarFile(), request.mainClass());
    RunPolicies.Split split = policies.split(request.adaptivePolicy(), request.tunables());
    RunPlan plan =
        policies.startingPoint(
            program,
            plan(program, request.heuristic(), split.placementTunables()),
            split.policy(),
            ownPlan(request.heuristic(), split));
    RunView view =
        new RunView(
            UUID.randomUUID().toString(),
            program.id(),
            mainClass,
            request.args(),
            request.heuristic(),
            request.tunables(),
            request.deadlineSeconds(),
            heap,
            split.policy().map(PolicySpec::name).orElse(RunPolicies.NONE),
            RunStatus.QUEUED,
            null,
            Instant.now(),
            null,
            null,
            null,
            RunStats.empty());
    repository.insert(view);
    ActiveRun run = new ActiveRun(view, program, plan, directoryOf(view.id()));
    run.policy = split.policy();
    try {
      supervisor.submit(run);
    } catch (RunQueueFullException full) {
      repository.delete(view.id());
      throw full;
    }
    return view;
  }

  private RunDirectory directoryOf(String runId) {
    return RunDirectory.of(locations.runsRoot(), runId);
  }

  private static void validate(StartRunRequest request) {
    Long deadline = request.deadlineSeconds();
    if (deadline != null && (deadline <= 0 || deadline > MAX_DEADLINE_SECONDS)) {
      throw new InvalidRunRequestException(
          "deadlineSeconds",
          "deadlineSeconds must be between 1 and " + MAX_DEADLINE_SECONDS + ", got " + deadline);
    }
    if (request.args().stream().anyMatch(a -> a == null)) {
      throw new InvalidRunRequestException("args", "args must not contain null");
    }
  }

  private long heapOf(StartRunRequest request) {
    RunProperties.Driver driver = properties.getDriver();
    if (request.maxHeapBytes() == null) {
      return driver.getDefaultMaxHeap().toBytes();
    }
    long heap = request.maxHeapBytes();
    long min = RunProperties.Driver.MIN_HEAP.toBytes();
    long max = driver.getMaxHeapLimit().toBytes();
    if (heap < min || heap > max) {
      throw new InvalidRunRequestException(
          "maxHeapBytes",
          "maxHeapBytes must be between "
              + min
              + " and "
              + max
              + " (farcall.run.driver"
              + ".max-heap-limit), got "
              + heap);
    }
    return heap;
  }

  private RunPlan plan(ProgramRef program, String heuristic, Map<String, Object> tunables) {
    try {
      return plans.planFor(program, heuristic, tunables);
    } catch (IllegalArgumentException e) {
      throw new InvalidRunRequestException("heuristic", e.getMessage());
    }
  }

  /** A run with live stats while it goes, as stored afterwards. */
  public RunView get(String id) {
    Optional<ActiveRun> a = supervisor.find(id);
    if (a.isPresent()) {
      return a.get().view.withStats(a.get().stats());
    }
    return repository.find(id).orElseThrow(() -> new RunNotFoundException(id));
  }

  /** The most recent runs, newest first, optionally of one program. */
  public List<RunView> list(String programId) {
    Map<String, RunView> byId = new LinkedHashMap<>();
    for (RunView v : repository.list(programId, LIST_LIMIT)) {
      Optional<ActiveRun> a = supervisor.find(v.id());
      byId.put(v.id(), a.map(r -> r.view.withStats(r.stats())).orElse(v));
    }
    return List.copyOf(byId.values());
  }

  /**
   * A page of runs, newest first, optionally of one program and one status; live stats for runs
   * that are going when {@code withStats}.
   */
  public Paging.Page<RunView> page(
      String programId, RunStatus status, Paging.PageRequest request, boolean withStats) {
    List<RunView> rows =
        repository.page(programId, status, request.after(), request.probe(), withStats).stream()
            .map(
                v ->
                    supervisor
                        .find(v.id())
                        .map(r -> r.view.withStats(withStats ? r.stats() : v.stats()))
                        .orElse(v))
            .toList();
    return Paging.page(rows, request, v -> new Paging.Cursor(v.createdAt(), v.id()));
  }

  /**
   * The flips the run's adaptive policy made, oldest first (shadow-mode decisions included, marked
   * not applied): live while it goes, as stored afterwards. At most {@value
   * ActiveRun#MAX_DECISIONS}, the newest.
   */
  public List<RunDecision> decisions(String id) {
    Optional<ActiveRun> a = supervisor.find(id);
    if (a.isPresent()) {
      return a.get().decisions();
    }
    return repository.decisions(id).orElseThrow(() -> new RunNotFoundException(id));
  }

  /** What the run printed so far on stdout or stderr (up to the output cap). */
  public String output(String id, boolean stderr) {
    Optional<ActiveRun> a = supervisor.find(id);
    if (a.isPresent()) {
      RunDirectory dir = a.get().dir;
      return RunOutputFiles.read(stderr ? dir.stderr() : dir.stdout(), properties.outputCapBytes());
    }
    return repository.output(id, stderr).orElseThrow(() -> new RunNotFoundException(id));
  }

  /** Cancels a queued or running run; an ended run is returned unchanged. */
  public RunView cancel(String id) {
    Optional<ActiveRun> a = supervisor.find(id);
    if (a.isEmpty()) {
      return repository.find(id).orElseThrow(() -> new RunNotFoundException(id));
    }
    supervisor.cancel(a.get(), "cancelled by request");
    return get(id);
  }

  @Override
  public boolean inUse(String programId) {
    return hasActiveRuns(programId);
  }

  /**
   * The remote objects of the runs that have not ended, as their drivers last reported them (with
   * their stats, every {@code farcall.run.stats-interval}); an object dies with its run.
   */
  public List<ObjectInfo> liveObjects() {
    List<ObjectInfo> out = new java.util.ArrayList<>();
    for (ActiveRun run : supervisor.all()) {
      for (RunObjectStatus o : run.objects()) {
        out.add(
            new ObjectInfo(
                o.getObjectId(),
                run.view.programId(),
                o.getClassName(),
                Optional.of(run.id),
                o.getWorkerId(),
                o.getState(),
                o.getCalls(),
                o.getRestarts(),
                Optional.ofNullable(o.getLastFailure())));
      }
    }
    return out;
  }

  /** Whether a program has runs that have not ended. */
  public boolean hasActiveRuns(String programId) {
    return supervisor.all().stream().anyMatch(a -> a.view.programId().equals(programId));
  }

  /**
   * Takes over what a previous coordinator left, then reads the drivers' events (again from the
   * start of the first run taken over), then watches the drivers taken over. In that order no event
   * is lost: the listener goes on from the position the previous coordinator committed, and an
   * event for a run not yet taken over would be dropped; and a driver that ended meanwhile is
   * recorded only once its last events have been read.
   */
  @Override
  public void start() {
    List<Runnable> takeOvers = new ArrayList<>();
    Instant rereadFrom = null; // the events of the runs taken over, from the first one's start
    for (RunRepository.Unfinished u : repository.unfinished()) {
      Optional<Runnable> takeOver = resume(u);
      takeOver.ifPresent(takeOvers::add);
      if (takeOver.isPresent() && u.run().startedAt() != null) {
        Instant started = u.run().startedAt().minus(EVENT_CLOCK_SLACK);
        rereadFrom = rereadFrom == null || started.isBefore(rereadFrom) ? started : rereadFrom;
      }
    }
    events.start(Optional.ofNullable(rereadFrom));
    takeOvers.forEach(Runnable::run);
    topics.deleteLeftovers(id -> supervisor.find(id).isPresent());
    running = true;
  }

  /** Queues a run again, or returns the take-over of its running driver. */
  private Optional<Runnable> resume(RunRepository.Unfinished unfinished) {
    RunView view = unfinished.run();
    if (supervisor.find(view.id()).isPresent()) {
      return Optional.empty(); // still supervised: this coordinator was only paused
    }
    Optional<ProgramRef> program = programs.find(view.programId());
    if (program.isEmpty()) {
      repository.markFinished(
          view.finished(
              new RunOutcome(RunStatus.FAILED, null, "its program was deleted"),
              Instant.now(),
              view.stats()),
          "",
          "",
          List.of());
      return Optional.empty();
    }
    ActiveRun run = new ActiveRun(view, program.get(), RunPlan.empty(), directoryOf(view.id()));
    if (unfinished.driver().isPresent() && view.status() == RunStatus.RUNNING) {
      return Optional.of(supervisor.reattach(run, unfinished.driver().get()));
    }
    // queued, never started: plan it again and queue it again
    try {
      RunPolicies.Split split = policies.split(view.adaptivePolicy(), view.tunables());
      run.policy = split.policy();
      run.plan =
          policies.startingPoint(
              program.get(),
              plans.planFor(program.get(), view.heuristic(), split.placementTunables()),
              split.policy(),
              ownPlan(view.heuristic(), split));
    } catch (RuntimeException e) {
      log.warn(
          "run {}: planning again failed ({}); it runs with every call at home",
          view.id(),
          e.getMessage());
    }
    supervisor.submit(run);
    return Optional.empty();
  }

  @Override
  public void stop() {
    running = false;
    supervisor.shutdown(properties.getOnShutdown() == RunProperties.OnShutdown.DETACH);
    events.stop();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** After Kafka's and the dispatcher's lifecycles, long before the web server. */
  @Override
  public int getPhase() {
    return 10;
  }

  /** Whether a run asked for a plan of its own rather than the program's. */
  private static boolean ownPlan(String heuristic, RunPolicies.Split split) {
    return heuristic != null || !split.placementTunables().isEmpty();
  }
}
