package dev.farcall.coordinator.events;

import dev.farcall.coordinator.analysis.AnalysisCompletedEvent;
import dev.farcall.coordinator.placement.PlanChangedEvent;
import dev.farcall.coordinator.program.AnalysisSummaries;
import dev.farcall.coordinator.program.AnalysisSummary;
import dev.farcall.coordinator.program.ProgramDeletedEvent;
import dev.farcall.coordinator.program.ProgramStoredEvent;
import dev.farcall.coordinator.run.RunFinishedEvent;
import dev.farcall.coordinator.run.RunStartedEvent;
import dev.farcall.coordinator.run.SiteDecisionEvent;
import dev.farcall.dispatch.workers.WorkerRegistry;
import dev.farcall.dispatch.workers.WorkerStatus;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Turns the other features' application events into stream events. Each listener runs on the
 * publisher's thread and only serialises a small document and offers it to queues: it never waits.
 */
@Component
class EventFeed {

  private final EventHub hub;
  private final RunTail tail;
  private final AnalysisSummaries summaries;

  EventFeed(
      EventHub hub,
      RunTail tail,
      ObjectProvider<AnalysisSummaries> summaries,
      ObjectProvider<WorkerRegistry> workers) {
    this.hub = hub;
    this.tail = tail;
    this.summaries = summaries.getIfAvailable(() -> id -> Optional.empty());
    workers.ifAvailable(registry -> registry.addListener(this::workerStatusChanged));
  }

  // First among the listeners of these two: the analysis they start (or the plan they lead to)
  // publishes events of its own, which must follow.
  @EventListener
  @Order(Ordered.HIGHEST_PRECEDENCE)
  void programStored(ProgramStoredEvent event) {
    var p = event.program();
    hub.publish(
        EventTypes.PROGRAM_UPLOADED,
        p.id(),
        null,
        new EventData.ProgramUploaded(p.id(), p.name(), p.sha256()));
  }

  @EventListener
  void programDeleted(ProgramDeletedEvent event) {
    hub.publish(
        EventTypes.PROGRAM_DELETED,
        event.programId(),
        null,
        new EventData.ProgramDeleted(event.programId()));
  }

  @EventListener
  @Order(Ordered.HIGHEST_PRECEDENCE)
  void analysisCompleted(AnalysisCompletedEvent event) {
    AnalysisSummary summary =
        summaries.summaryOf(event.programId()).orElse(new AnalysisSummary("DONE", 0, 0));
    hub.publish(
        EventTypes.ANALYSIS_DONE,
        event.programId(),
        null,
        new EventData.AnalysisDone(
            event.programId(),
            event.generation(),
            summary.status(),
            summary.methods(),
            summary.movable()));
  }

  @EventListener
  void planChanged(PlanChangedEvent event) {
    Map<String, Long> counts = new TreeMap<>();
    event.counts().forEach((decision, n) -> counts.put(decision.name(), n));
    hub.publish(
        EventTypes.PLAN_CHANGED,
        event.programId(),
        null,
        new EventData.PlanChanged(event.programId(), event.version(), event.heuristic(), counts));
  }

  @EventListener
  void runStarted(RunStartedEvent event) {
    tail.start(event.runId(), event.programId());
    hub.publish(
        EventTypes.RUN_STARTED,
        event.programId(),
        event.runId(),
        new EventData.RunStarted(
            event.runId(), event.programId(), event.mainClass(), event.startedAt()));
  }

  @EventListener
  void runFinished(RunFinishedEvent event) {
    // The rest of its output and its final stats first: run.finished is the run's last event.
    tail.finish(event.runId());
    hub.publish(
        EventTypes.RUN_FINISHED,
        event.programId(),
        event.runId(),
        new EventData.RunFinished(
            event.runId(),
            event.programId(),
            event.status().name(),
            event.exitCode(),
            event.error(),
            event.finishedAt()));
  }

  @EventListener
  void siteDecided(SiteDecisionEvent event) {
    var site = event.site();
    hub.publish(
        EventTypes.SITE_DECISION,
        tail.programOf(event.runId()).orElse(null),
        event.runId(),
        new EventData.SiteDecision(
            event.runId(),
            new EventData.Site(site.className(), site.methodName(), site.descriptor()),
            event.from().name(),
            event.to().name(),
            event.at(),
            event.reason()));
  }

  private void workerStatusChanged(
      String workerId, Optional<WorkerStatus> previous, WorkerStatus current) {
    hub.publish(
        EventTypes.WORKER_STATUS,
        null,
        null,
        new EventData.WorkerStatusChanged(
            workerId, previous.map(Enum::name).orElse(null), current.name()));
  }
}
