package dev.farcall.heuristics.placement;

import java.util.Objects;

/**
 * One call of {@code calleeKey} in the bytecode of {@code callerKey}.
 *
 * @param callerKey key of the calling method ({@link MethodNode#key()})
 * @param calleeKey key of the called method
 * @param siteIndex bytecode offset of the call instruction in the caller
 * @param loopDepth how many loops enclose the call in the caller (0 = not in a loop)
 * @param concurrent whether the call sits in code that runs concurrently: a lambda given to a
 *     parallel stream, an executor, fork/join or an async {@code CompletableFuture}
 */
public record CallSite(
    String callerKey, String calleeKey, int siteIndex, int loopDepth, boolean concurrent) {

  /** Validates the keys and that the index and depth are not negative. */
  public CallSite {
    Objects.requireNonNull(callerKey, "callerKey");
    Objects.requireNonNull(calleeKey, "calleeKey");
    if (siteIndex < 0) {
      throw new IllegalArgumentException("siteIndex must be >= 0, was " + siteIndex);
    }
    if (loopDepth < 0) {
      throw new IllegalArgumentException("loopDepth must be >= 0, was " + loopDepth);
    }
  }
}
