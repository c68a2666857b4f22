package dev.farcall.heuristics.analysis;

import dev.farcall.heuristics.Effect;
import dev.farcall.model.MethodId;
import java.util.List;
import java.util.Set;

/**
 * The verdict on one program method.
 *
 * @param method the method
 * @param movable whether calls of it may run on a worker
 * @param effects its effects, transitive over everything it may call
 * @param reasons why it is not movable (one line per cause, each with its evidence chain, e.g.
 *     {@code IO: Pipeline.run -> Stage.apply (Logged) -> Audit.note ->
 *     java.io.PrintStream.println}), plus the declarations that decided; empty for a movable method
 *     nothing special decided
 * @param declarations declarations that apply to the method itself: {@code Pure}, {@code Pinned},
 *     {@code Remote} (from annotations on the method or its class, or the declarations file)
 * @param remoteHint whether {@code @Remote} (or a {@code remote} declaration) asks to prefer remote
 * @param isStatic whether the method is static
 * @param instructionCount bytecode instructions in the method's own body (0 for abstract/native)
 * @param maxLoopDepth deepest loop nesting in the method's own body
 * @param bodyExecutions instructions one call of the body executes, by the number of loops of
 *     unknown trip count around them: element k counts the instructions inside k such loops, each
 *     weighted by the product of the known trip counts around it (constant loop bounds read from
 *     the code, see {@code LoopBounds}); a cost model multiplies element k by its guess per unknown
 *     loop to the power k. Empty when unknown (an analysis stored before it existed)
 */
public record MethodAnalysis(
    MethodId method,
    boolean movable,
    Set<Effect> effects,
    List<String> reasons,
    Set<String> declarations,
    boolean remoteHint,
    boolean isStatic,
    int instructionCount,
    int maxLoopDepth,
    List<Double> bodyExecutions) {

  /** Copies the collections. */
  public MethodAnalysis {
    effects = Set.copyOf(effects);
    reasons = List.copyOf(reasons);
    declarations = Set.copyOf(declarations);
    bodyExecutions = bodyExecutions == null ? List.of() : List.copyOf(bodyExecutions);
  }

  /** A verdict without loop trip counts (every loop's count unknown). */
  public MethodAnalysis(
      MethodId method,
      boolean movable,
      Set<Effect> effects,
      List<String> reasons,
      Set<String> declarations,
      boolean remoteHint,
      boolean isStatic,
      int instructionCount,
      int maxLoopDepth) {
    this(
        method,
        movable,
        effects,
        reasons,
        declarations,
        remoteHint,
        isStatic,
        instructionCount,
        maxLoopDepth,
        List.of());
  }

  /** Dotted class name. */
  public String className() {
    return method.className();
  }

  /** Method name. */
  public String methodName() {
    return method.methodName();
  }

  /** JVM descriptor. */
  public String descriptor() {
    return method.descriptor();
  }
}
