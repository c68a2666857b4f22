package dev.farcall.heuristics.placement;

/** A user's per-method override of the heuristic. */
public enum OverrideMode {
  /** Never dispatch calls of the method. */
  LOCAL,
  /** Always dispatch calls of the method made from home; only allowed on movable methods. */
  REMOTE,
  /** Let the heuristic decide (the same as no override). */
  AUTO
}
