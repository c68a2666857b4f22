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
 * @param knownIterations product of the trip counts the code fixes for the loops around the call (1
 *     when none)
 * @param unknownLoops how many of the {@code loopDepth} loops around the call have a trip count the
 *     code does not fix
 */
public record CallSite(
    String callerKey,
    String calleeKey,
    int siteIndex,
    int loopDepth,
    boolean concurrent,
    double knownIterations,
    int unknownLoops) {

  /** Validates the keys, that the index and depth are not negative, and the loop figures. */
  public CallSite {
    Objects.requireNonNull(callerKey, "callerKey");
    Objects.requireNonNull(calleeKey, "calleeKey");
    if (siteIndex < 0) {
      throw new IllegalArgumentException("siteIndex must be >= 0, was " + siteIndex);
    }
    if (loopDepth < 0) {
      throw new IllegalArgumentException("loopDepth must be >= 0, was " + loopDepth);
    }
    if (unknownLoops < 0 || !(knownIterations >= 0) || Double.isInfinite(knownIterations)) {
      throw new IllegalArgumentException(
          "bad loop figures: "
              + knownIterations
              + " known iterations, "
              + unknownLoops
              + " unknown");
    }
  }

  /** A call inside {@code loopDepth} loops of unknown trip count. */
  public CallSite(
      String callerKey, String calleeKey, int siteIndex, int loopDepth, boolean concurrent) {
    this(callerKey, calleeKey, siteIndex, loopDepth, concurrent, 1, loopDepth);
  }
}
