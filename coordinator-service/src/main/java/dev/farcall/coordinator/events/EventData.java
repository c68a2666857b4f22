package dev.farcall.coordinator.events;

import dev.farcall.coordinator.run.RunStats;
import java.time.Instant;
import java.util.Map;

/** The JSON data of each event type, as clients read it. */
final class EventData {

  private EventData() {}

  /** {@code program.uploaded}: a new program was stored. */
  record ProgramUploaded(String programId, String name, String sha256) {}

  /** {@code program.deleted}. */
  record ProgramDeleted(String programId) {}

  /** {@code analysis.done}: the program's analysis finished, with its counts. */
  record AnalysisDone(String programId, long generation, String status, int methods, int movable) {}

  /** {@code plan.changed}: a new plan version, with how many methods got each decision. */
  record PlanChanged(String programId, int version, String heuristic, Map<String, Long> counts) {}

  /** {@code run.started}. */
  record RunStarted(String runId, String programId, String mainClass, Instant startedAt) {}

  /**
   * {@code run.output}: text the run printed, from {@code offset} (characters) of its stream.
   *
   * @param stream {@code stdout} or {@code stderr}
   */
  record RunOutput(String runId, String stream, long offset, String text) {}

  /** {@code run.stats}: the run's per-site stats changed. */
  record RunStatsChanged(String runId, RunStats stats) {}

  /** {@code run.finished}. */
  record RunFinished(
      String runId,
      String programId,
      String status,
      Integer exitCode,
      String error,
      Instant finishedAt) {}

  /** The site of a {@code site.decision}. */
  record Site(String className, String methodName, String descriptor) {}

  /** {@code site.decision}: a live run flipped a site. */
  record SiteDecision(String runId, Site site, String from, String to, Instant at, String reason) {}

  /**
   * {@code worker.status}: the registry's judgement of a worker changed.
   *
   * @param previous its status before, {@code null} for a worker seen for the first time
   */
  record WorkerStatusChanged(String workerId, String previous, String status) {}
}
