package dev.farcall.coordinator.timeline;

import dev.farcall.coordinator.run.RemoteCallsReported;
import dev.farcall.coordinator.run.RunFinishedEvent;
import dev.farcall.coordinator.run.RunNotFoundException;
import dev.farcall.coordinator.run.RunService;
import dev.farcall.coordinator.run.RunStartedEvent;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/** Keeps the timelines of running runs in memory and stores each when its run ends; serves both. */
@Service
class TimelineRecorder {

  private static final Logger log = LoggerFactory.getLogger(TimelineRecorder.class);

  private final TimelineRepository repository;
  private final RunService runs;
  private final TimelineProperties properties;
  private final Map<String, RunTimeline> live = new ConcurrentHashMap<>();

  TimelineRecorder(TimelineRepository repository, RunService runs, TimelineProperties properties) {
    this.repository = repository;
    this.runs = runs;
    this.properties = properties;
  }

  @EventListener
  void runStarted(RunStartedEvent event) {
    live.put(
        event.runId(),
        new RunTimeline(event.runId(), event.startedAt(), Math.max(0, properties.getMaxCalls())));
  }

  /**
   * Stores the run's timeline, then stops serving it from memory: in the other order, a reader
   * between the two saw the run's timeline empty (once in CI).
   */
  @EventListener
  void runFinished(RunFinishedEvent event) {
    RunTimeline timeline = live.get(event.runId());
    if (timeline != null) {
      try {
        repository.save(timeline.snapshot());
      } catch (RuntimeException e) {
        log.warn("Could not store the timeline of run {}: {}", event.runId(), e.toString());
      } finally {
        live.remove(event.runId());
      }
    }
  }

  /** Records one completed remote call of a running run; calls of unknown runs are ignored. */
  @EventListener
  void remoteCall(RemoteCallEvent call) {
    RunTimeline timeline = live.get(call.runId());
    if (timeline != null) {
      timeline.record(
          call.site(),
          call.workerId(),
          call.start(),
          call.durationMicros(),
          call.workMicros(),
          call.outcome());
    }
  }

  /** Records the remote calls a run's driver reported (its run-events, read by the runs). */
  @EventListener
  void remoteCallsReported(RemoteCallsReported report) {
    RunTimeline timeline = live.get(report.runId());
    if (timeline == null) {
      return;
    }
    for (RemoteCallsReported.Call call : report.calls()) {
      timeline.record(
          call.site(),
          call.workerId(),
          call.start(),
          call.durationMicros(),
          call.workMicros(),
          call.outcome());
    }
    timeline.droppedByDriver(report.dropped());
  }

  /**
   * The run's timeline: live while it goes, as stored afterwards, empty for a run that made no
   * remote call record.
   *
   * @throws RunNotFoundException when there is no such run
   */
  Timeline of(String runId) {
    RunTimeline timeline = live.get(runId);
    if (timeline != null) {
      return timeline.snapshot();
    }
    Optional<Timeline> stored = repository.find(runId);
    if (stored.isPresent()) {
      return stored.get();
    }
    var run = runs.get(runId); // throws RunNotFoundException
    Instant origin = run.startedAt() != null ? run.startedAt() : run.createdAt();
    return new Timeline(
        runId, origin, java.util.List.of(), java.util.List.of(), java.util.List.of(), 0);
  }
}
