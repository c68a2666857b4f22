package dev.farcall.heuristics.planning;

import dev.farcall.heuristics.Effect;
import dev.farcall.heuristics.analysis.CallKind;
import dev.farcall.heuristics.analysis.CallSite;
import dev.farcall.heuristics.analysis.MethodAnalysis;
import dev.farcall.heuristics.analysis.ProgramModel;
import dev.farcall.heuristics.placement.MethodNode;
import dev.farcall.heuristics.placement.OverrideMode;
import dev.farcall.heuristics.placement.PlacementProblem;
import dev.farcall.model.MethodId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the analysis of a program into the problem the placement heuristics solve.
 *
 * <h2>Rules</h2>
 *
 * <ul>
 *   <li><b>Methods.</b> One {@link MethodNode} per analysed method, keyed {@code
 *       pkg.Class#name(desc)}, with the analysis' instruction count, loop depth and instructions
 *       executed per call (constant loop bounds counted, the others marked unknown), and a transfer
 *       size guessed from the descriptor (receiver, arguments, result).
 *   <li><b>Pinned</b> (never moves, and neither does anything that calls it): declared {@code
 *       Pinned} (on the method, or reached through a call to a pinned method), or not movable
 *       because of an effect that would behave differently away from home: every effect except
 *       {@link Effect#ARG_MUTATION} (and {@link Effect#NONDETERMINISTIC} when it is allowed).
 *       <b>Not movable but not pinned</b>: argument mutation, a signature the codec cannot carry, a
 *       constructor, an abstract method: such a method cannot be dispatched itself, but it may run
 *       inside a remote caller. The reason is the analysis' reasons joined with {@code "; "}, each
 *       with its evidence chain.
 *   <li><b>Lambda bodies</b> (synthetic methods named {@code lambda$...}) are never dispatchable
 *       themselves (unless pinned, they are "not movable" with a reason saying so): they are called
 *       by the JDK (a stream, an executor), not by a call site of the program, so the heavy method
 *       a lambda calls is what moves, never the tiny lambda around it. The analysis marks the calls
 *       inside a lambda that runs concurrently (a parallel stream, an executor, async futures,
 *       fork/join) as concurrent, and the call site that creates it too.
 *   <li><b>Call sites</b>: every call-graph edge between two program methods (calls into the JDK
 *       and libraries are part of the caller's work), with the analysis' loop depth and concurrency
 *       flag, and the trip counts the code fixes for the loops around it. A lambda or method
 *       reference ({@link CallKind#LAMBDA}) and a callback the JDK may call on an object the
 *       program creates ({@link CallKind#CALLBACK}, e.g. {@code compare}) count one loop of unknown
 *       trip count deeper than where they are created, because the JDK calls them once per element
 *       or task.
 *   <li><b>Entry points</b>: every {@code static void main(String[])}. A library jar has none; then
 *       every method no call site reaches counts as a root (the placement problem's rule), which is
 *       how a library's API is used: called from home by code outside the jar. Making every public
 *       method an entry point instead would keep public methods that the library calls internally
 *       from ever moving.
 * </ul>
 *
 * Thread-safe and stateless.
 */
public final class PlacementProblemAdapter {

  /** Name prefix of the synthetic methods javac generates for lambda bodies. */
  public static final String LAMBDA_PREFIX = "lambda$";

  /** Reason given for a lambda body that the analysis found movable. */
  public static final String LAMBDA_REASON =
      "LAMBDA_BODY: called by the JDK (a stream, executor or callback), not by a call site of the"
          + " program; the methods it calls may move instead";

  private static final String MAIN_DESCRIPTOR = "([Ljava/lang/String;)V";

  private final boolean allowNondeterministic;

  /** An adapter for analyses that kept {@link Effect#NONDETERMINISTIC} methods home (default). */
  public PlacementProblemAdapter() {
    this(false);
  }

  /**
   * @param allowNondeterministic the analysis option of the same name: whether nondeterministic
   *     methods were allowed to move (then that effect alone does not pin)
   */
  public PlacementProblemAdapter(boolean allowNondeterministic) {
    this.allowNondeterministic = allowNondeterministic;
  }

  /** The placement problem of an analysed program, without overrides or profiles. */
  public PlacementProblem adapt(ProgramModel model) {
    Map<MethodId, MethodNode> nodes = new LinkedHashMap<>();
    Set<String> entryPoints = new LinkedHashSet<>();
    for (MethodAnalysis method : model.methods()) {
      MethodNode node = nodeOf(method);
      if (nodes.putIfAbsent(method.method(), node) == null && isMain(method)) {
        entryPoints.add(node.key());
      }
    }
    List<dev.farcall.heuristics.placement.CallSite> sites = new ArrayList<>();
    for (CallSite edge : model.edges()) {
      MethodNode caller = nodes.get(edge.caller());
      MethodNode callee = nodes.get(edge.callee());
      if (edge.libraryCallee() || caller == null || callee == null) {
        continue;
      }
      boolean viaFunctionObject =
          edge.kind() == CallKind.LAMBDA || edge.kind() == CallKind.CALLBACK;
      int extra = viaFunctionObject ? 1 : 0;
      sites.add(
          new dev.farcall.heuristics.placement.CallSite(
              caller.key(),
              callee.key(),
              Math.max(0, edge.instructionIndex()),
              edge.loopDepth() + extra,
              edge.concurrentContext(),
              edge.knownIterations(),
              edge.unknownLoops() + extra));
    }
    return PlacementProblem.of(List.copyOf(nodes.values()), sites, entryPoints);
  }

  /**
   * The placement problem with the given overrides applied ({@link
   * PlacementProblem#withOverrides(Map)}).
   *
   * @throws dev.farcall.heuristics.placement.OverrideRejectedException when a key names no method
   *     or REMOTE names a method that may not move
   */
  public PlacementProblem adapt(ProgramModel model, Map<String, OverrideMode> overrides) {
    return adapt(model).withOverrides(overrides);
  }

  /** Whether the method is a synthetic lambda body. */
  public static boolean isLambdaBody(MethodId method) {
    return method.methodName().startsWith(LAMBDA_PREFIX);
  }

  private MethodNode nodeOf(MethodAnalysis method) {
    MethodNode.Builder builder =
        MethodNode.builder(method.className(), method.methodName(), method.descriptor())
            .remoteHint(method.remoteHint())
            .estimates(
                Math.max(0, method.instructionCount()),
                Math.max(0, method.maxLoopDepth()),
                TransferEstimate.bytesOf(method.descriptor(), method.isStatic()))
            .bodyExecutions(method.bodyExecutions());
    String reason = String.join("; ", method.reasons());
    if (isPinned(method)) {
      builder.pinned(reason.isEmpty() ? "PINNED: declared" : reason);
    } else if (!method.movable()) {
      builder.notMovable(reason.isEmpty() ? "not movable (no reason recorded)" : reason);
    } else if (isLambdaBody(method.method())) {
      builder.notMovable(LAMBDA_REASON);
    }
    return builder.build();
  }

  /** Whether nothing that runs this method may run anywhere but at home. */
  boolean isPinned(MethodAnalysis method) {
    if (method.declarations().contains("Pinned")
        || method.reasons().stream().anyMatch(r -> r.startsWith("PINNED:"))) {
      return true;
    }
    if (method.movable()) {
      return false;
    }
    Set<Effect> home = EnumSet.noneOf(Effect.class);
    home.addAll(method.effects());
    home.remove(Effect.ARG_MUTATION);
    if (allowNondeterministic) {
      home.remove(Effect.NONDETERMINISTIC);
    }
    return !home.isEmpty();
  }

  private static boolean isMain(MethodAnalysis method) {
    return method.isStatic()
        && method.methodName().equals("main")
        && method.descriptor().equals(MAIN_DESCRIPTOR);
  }
}
