package dev.farcall.coordinator.analysis;

/** Where a program's analysis is. */
public enum AnalysisStatus {
  /** Queued. */
  PENDING,
  /** Being analysed. */
  RUNNING,
  /** Finished; the model is available. */
  DONE,
  /** Finished with an error (an unreadable jar, a limit, a malformed declarations file). */
  FAILED
}
