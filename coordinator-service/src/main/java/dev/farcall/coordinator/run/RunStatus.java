package dev.farcall.coordinator.run;

/** Where a run is in its life. */
public enum RunStatus {
  /** Waiting for a free driver slot. */
  QUEUED,
  /** Its driver runs. */
  RUNNING,
  /** The program exited with status 0. */
  SUCCEEDED,
  /** The program exited with another status, died, or could not be started. */
  FAILED,
  /** Cancelled by request or by its deadline. */
  CANCELLED;

  boolean isFinal() {
    return this == SUCCEEDED || this == FAILED || this == CANCELLED;
  }
}
