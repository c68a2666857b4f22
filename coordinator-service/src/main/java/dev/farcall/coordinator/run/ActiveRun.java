package dev.farcall.coordinator.run;

import dev.farcall.coordinator.program.ProgramRef;
import dev.farcall.coordinator.run.driver.DriverLaunch;
import dev.farcall.coordinator.run.driver.DriverProcess;
import dev.farcall.coordinator.run.driver.PolicySpec;
import dev.farcall.coordinator.run.driver.RunDirectory;
import dev.farcall.coordinator.run.driver.RunPlan;
import dev.farcall.model.wire.RunEvent;
import dev.farcall.model.wire.RunEventKind;
import dev.farcall.model.wire.RunStatistics;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A run that has not ended: its view, its plan, its directory and, once started, its driver, plus
 * what the driver has reported so far (the newest stats by sequence, whether main threw).
 */
final class ActiveRun {

  final String id;
  final ProgramRef program;
  final RunDirectory dir;
  volatile RunView view;
  volatile RunPlan plan;
  volatile Optional<PolicySpec> policy = Optional.empty();
  volatile DriverProcess process;
  volatile OptionalInt uid = OptionalInt.empty();
  // why the coordinator stops it (cancel, deadline, shutdown); null while it may run on
  volatile String stopReason;
  private long lastSequence;
  private long lastDecisionSequence;
  private long lastCallsSequence;
  private RunStatistics lastStats;
  private String mainThrew;
  private boolean ended;
  private final ArrayDeque<RunDecision> decisions = new ArrayDeque<>();

  /** At most this many decisions are kept per run, the newest. */
  static final int MAX_DECISIONS = 10_000;

  ActiveRun(RunView view, ProgramRef program, RunPlan plan, RunDirectory dir) {
    this.id = view.id();
    this.view = view;
    this.program = program;
    this.plan = plan;
    this.dir = dir;
  }

  /** What its driver is started with. */
  DriverLaunch launch(java.time.Instant deadline) {
    return new DriverLaunch(
        id,
        program,
        view.mainClass(),
        view.args(),
        view.maxHeapBytes(),
        plan,
        policy,
        java.util.Optional.ofNullable(deadline),
        dir);
  }

  /**
   * Takes an event of the run's driver; older events than the newest seen change nothing.
   *
   * @return the decisions the event brought, oldest first
   */
  synchronized List<RunDecision> onEvent(RunEvent event) {
    List<RunDecision> added = new ArrayList<>();
    // Decisions are numbered with the other events but may be sent just after a newer stats
    // event; among themselves they are in order, so they are judged against each other only.
    if (event.getKind() == RunEventKind.DECISIONS && event.getSequence() > lastDecisionSequence) {
      lastDecisionSequence = event.getSequence();
      for (dev.farcall.model.wire.SiteDecision d : event.getDecisions()) {
        RunDecision decision = RunDecision.of(d);
        added.add(decision);
        decisions.addLast(decision);
        if (decisions.size() > MAX_DECISIONS) {
          decisions.removeFirst();
        }
      }
    }
    if (event.getKind() == RunEventKind.MAIN_THREW) {
      mainThrew = event.getDetail() == null ? "an exception" : event.getDetail();
    }
    if (event.getSequence() <= lastSequence) {
      return added; // one driver per run numbers its events from 1: this one is older
    }
    lastSequence = event.getSequence();
    if (event.getStats() != null) {
      lastStats = event.getStats();
    }
    return added;
  }

  /**
   * Whether the remote calls an event carries are new: each report holds other calls, and a
   * coordinator that reads a few events again after a restart must not draw them twice.
   */
  synchronized boolean newCalls(RunEvent event) {
    if (event.getRemoteCalls() == null || event.getSequence() <= lastCallsSequence) {
      return false;
    }
    lastCallsSequence = event.getSequence();
    return true;
  }

  /** The run's remote objects, as its driver last reported them. */
  synchronized List<dev.farcall.model.wire.RunObjectStatus> objects() {
    return lastStats == null ? List.of() : List.copyOf(lastStats.getObjects());
  }

  /** The class of the exception main threw, if the driver said so. */
  synchronized String mainThrew() {
    return mainThrew;
  }

  /** The newest stats the driver reported, with each site's latest decisions. */
  synchronized RunStats stats() {
    return (lastStats == null ? RunStats.empty() : RunStats.of(lastStats))
        .withDecisions(List.copyOf(decisions));
  }

  /** The decisions so far, oldest first. */
  synchronized List<RunDecision> decisions() {
    return List.copyOf(decisions);
  }

  /** Marks the run ended; returns false if it already was (its end is handled once). */
  synchronized boolean end() {
    if (ended) {
      return false;
    }
    ended = true;
    return true;
  }
}
