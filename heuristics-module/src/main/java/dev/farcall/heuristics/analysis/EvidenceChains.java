package dev.farcall.heuristics.analysis;

import dev.farcall.heuristics.Effect;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The text of the evidence behind a verdict: the chain of calls from a method to where an effect, a
 * mutation of an argument or a declaration comes from, e.g. {@code A.run -> B.x (Impl) ->
 * java.io.X.y}.
 */
final class EvidenceChains {

  private EvidenceChains() {}

  /** The evidence chain of an effect, e.g. {@code A.run -> B.x (Impl) -> java.io.X.y}. */
  static String chain(Node n, Effect effect) {
    StringBuilder text = new StringBuilder(n.displayName());
    Node current = n;
    Set<Node> seen = new HashSet<>();
    while (current.via[effect.ordinal()] != null && seen.add(current)) {
      Edge e = current.via[effect.ordinal()];
      text.append(" -> ").append(e.display());
      current = e.to;
    }
    String local = current.localEvidence[effect.ordinal()];
    if (local != null && current.isProgram()) {
      text.append(" (").append(local).append(")");
    } else if (local != null && current.kind == Node.Kind.UNRESOLVED) {
      text.append(" (").append(local).append(")");
    } else if (local != null && current.behavior == null && current.kind == Node.Kind.LIBRARY) {
      text.append(" (").append(local).append(")");
    }
    return text.toString();
  }

  /** How a method comes to mutate (the first of) its arguments or an object of unknown origin. */
  static String mutationChain(Node n) {
    long bit = Long.lowestOneBit(n.mutated & (Origins.PARAMS | Origins.UNKNOWN));
    StringBuilder text =
        new StringBuilder(n.displayName())
            .append(" mutates ")
            .append(Origins.describe(bit, n.isStatic));
    Node current = n;
    Set<Node> seen = new HashSet<>();
    while (seen.add(current)) {
      Node.MutationCause cause = current.mutationCauses.get(bit);
      if (cause == null) {
        break;
      }
      if (cause.local() != null) {
        text.append(": ").append(cause.local());
        break;
      }
      current = cause.via().to;
      bit = cause.calleeBit();
      text.append(" -> ").append(cause.via().display());
      if (!current.isProgram()) {
        text.append(" (which mutates ").append(libraryArgument(bit, current.isStatic)).append(")");
        break;
      }
    }
    return text.toString();
  }

  private static String libraryArgument(long bit, boolean isStatic) {
    if (bit == Origins.UNKNOWN) {
      return "an object of unknown origin";
    }
    int i = Origins.paramIndex(bit);
    return !isStatic && i == 0 ? "its receiver" : "argument " + (isStatic ? i : i - 1);
  }

  /** The chain from a method to a marked one, following the first edges {@code via} gives. */
  private static String reachChain(Node n, Map<Node, Edge> via) {
    StringBuilder text = new StringBuilder(n.displayName());
    Node current = n;
    Set<Node> seen = new HashSet<>();
    while (via.get(current) != null && seen.add(current)) {
      Edge e = via.get(current);
      text.append(" -> ").append(e.display());
      current = e.to;
    }
    return text.toString();
  }

  /**
   * The chain from a method to a marked one and the marked one's declaration, e.g. {@code A.f ->
   * B.g (declared @Pinned on B.g)}.
   */
  static String declarationChain(Node n, Map<Node, Edge> via, Function<Node, String> declaration) {
    return reachChain(n, via) + " (declared " + declaration.apply(reachedFrom(n, via)) + ")";
  }

  /** The marked node at the end of the chain {@code via} gives from a node. */
  private static Node reachedFrom(Node n, Map<Node, Edge> via) {
    Node target = n;
    Set<Node> seen = new HashSet<>();
    while (via.get(target) != null && seen.add(target)) {
      target = via.get(target).to;
    }
    return target;
  }
}
