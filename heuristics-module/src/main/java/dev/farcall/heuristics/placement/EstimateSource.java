package dev.farcall.heuristics.placement;

/** Where a method's estimated work comes from. */
public enum EstimateSource {
  /** The bytecode fixes it: straight-line code and loops whose trip counts are constants. */
  STATIC,
  /** A measured profile (from a run) replaced the static estimate. */
  PROFILE,
  /**
   * The bytecode does not fix it: a loop whose bound depends on parameters or data, or recursion,
   * in the method or anything it calls. The figure is a guess ({@code loopFactor} iterations per
   * such loop, {@code recursionFactor} per cycle): a candidate for trial calls, not a small number.
   */
  UNKNOWN
}
