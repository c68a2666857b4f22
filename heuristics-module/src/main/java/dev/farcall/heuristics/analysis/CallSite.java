package dev.farcall.heuristics.analysis;

import dev.farcall.model.MethodId;

/**
 * One edge of the call graph: a call site in {@code caller} that may reach {@code callee}.
 *
 * @param caller the calling method (a program method)
 * @param callee a possible target: a program method, or a library method (a leaf)
 * @param declaredCallee the method named in the bytecode (differs from {@code callee} for virtual
 *     dispatch and lambdas)
 * @param kind how the edge arises
 * @param instructionIndex index of the call instruction in the caller's instruction list
 * @param loopDepth how many loops enclose the call site in the caller
 * @param concurrentContext whether the call runs where calls run concurrently: inside a lambda
 *     passed to a parallel stream, an executor, a {@code CompletableFuture.*Async} or a {@code
 *     ForkJoinPool}, or inside {@code compute()} of a {@code ForkJoinTask}
 * @param libraryCallee whether the callee is outside the program (JDK or missing library)
 * @param knownIterations product of the known trip counts of the loops around the call (1 when none
 *     is known)
 * @param unknownLoops how many of the {@code loopDepth} loops around the call have a trip count the
 *     code does not fix
 */
public record CallSite(
    MethodId caller,
    MethodId callee,
    MethodId declaredCallee,
    CallKind kind,
    int instructionIndex,
    int loopDepth,
    boolean concurrentContext,
    boolean libraryCallee,
    double knownIterations,
    int unknownLoops) {

  /** A call site whose loops all have unknown trip counts. */
  public CallSite(
      MethodId caller,
      MethodId callee,
      MethodId declaredCallee,
      CallKind kind,
      int instructionIndex,
      int loopDepth,
      boolean concurrentContext,
      boolean libraryCallee) {
    this(
        caller,
        callee,
        declaredCallee,
        kind,
        instructionIndex,
        loopDepth,
        concurrentContext,
        libraryCallee,
        1,
        loopDepth);
  }
}
