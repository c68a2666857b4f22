package dev.farcall.coordinator.invocation;

/**
 * Whether an invocation may be sent again to another worker after its worker dies or stops
 * answering (the {@code retry} member of an invocation request).
 */
public enum RetryPolicy {
  /**
   * The default: resent only if the analysis finds the method effect-free; a method with effects
   * (or one whose analysis is not done) runs at most once, and a caller whose worker was lost gets
   * a {@code worker-lost} problem saying it may or may not have run.
   */
  AUTO,
  /** Resent even if the method has effects: the caller accepts that it may run more than once. */
  ALWAYS,
  /** Never resent, even if effect-free: at most once. */
  NEVER
}
