package dev.farcall.coordinator.events;

/** The names of the stream's event types, as clients see them. */
final class EventTypes {

  static final String PROGRAM_UPLOADED = "program.uploaded";
  static final String PROGRAM_DELETED = "program.deleted";
  static final String ANALYSIS_DONE = "analysis.done";
  static final String PLAN_CHANGED = "plan.changed";
  static final String RUN_STARTED = "run.started";
  static final String RUN_OUTPUT = "run.output";
  static final String RUN_STATS = "run.stats";
  static final String RUN_FINISHED = "run.finished";
  static final String SITE_DECISION = "site.decision";
  static final String WORKER_STATUS = "worker.status";

  /** Sent instead of a replay the buffer cannot give: the client must reload from REST. */
  static final String RESET = "reset";

  private EventTypes() {}
}
