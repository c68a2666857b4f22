package dev.farcall.heuristics.adaptive;

/** Why a site flipped. */
public enum DecisionCause {
  /** LOCAL → REMOTE: the expected completion remotely beats home by the margin. */
  REMOTE_FASTER,
  /** REMOTE → LOCAL: what remote calls measured no longer beats what home would take. */
  REMOTE_SLOWER,
  /**
   * REMOTE → LOCAL: the work per call fell below the granularity floor (a multiple of overhead).
   */
  TOO_FINE_GRAINED,
  /** REMOTE → LOCAL: no alive worker has slots. */
  NO_WORKERS
}
