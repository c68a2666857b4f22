package dev.farcall.heuristics.analysis;

import dev.farcall.heuristics.Effect;
import dev.farcall.heuristics.jar.ProgramClasses;
import dev.farcall.model.MethodId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * The verdict phase of an {@link AnalysisRun}: decides, from the propagated effects, the
 * declarations reached through calls and the transferability check, whether each program method is
 * movable, and writes the reasons (with their {@link EvidenceChains}).
 */
final class Verdicts {

  private final ProgramClasses input;
  private final AnalysisOptions options;
  private final Map<MethodId, Node> nodes;
  private final List<Node> programNodes;
  private final Map<String, ClassNode> classes;

  Verdicts(
      ProgramClasses input,
      AnalysisOptions options,
      Map<MethodId, Node> nodes,
      List<Node> programNodes,
      Map<String, ClassNode> classes) {
    this.input = input;
    this.options = options;
    this.nodes = nodes;
    this.programNodes = programNodes;
    this.classes = classes;
  }

  /** The verdict on every program method, in the program's order. */
  List<MethodAnalysis> decide() {
    Map<Node, Edge> pinnedVia = reachBack(Node::pinned);
    Map<Node, Edge> pureVia = reachBack(Node::trustedPure);
    List<MethodAnalysis> result = new ArrayList<>();
    try (TransferabilityCheck.Session session =
        options.transferability().open(() -> programBytes())) {
      for (Node n : programNodes) {
        result.add(verdict(n, pinnedVia, pureVia, session));
      }
    }
    return result;
  }

  private Map<String, byte[]> programBytes() {
    Map<String, byte[]> bytes = new HashMap<>();
    for (String name : classes.keySet()) {
      bytes.put(name, input.classes().get(name));
    }
    return bytes;
  }

  /**
   * Every node that reaches a marked node, with the first edge towards it (callers of pure stop).
   */
  private Map<Node, Edge> reachBack(java.util.function.Predicate<Node> marked) {
    Map<Node, Edge> via = new HashMap<>();
    ArrayDeque<Node> work = new ArrayDeque<>();
    for (Node n : nodes.values()) {
      if (marked.test(n)) {
        via.put(n, null);
        work.add(n);
      }
    }
    while (!work.isEmpty()) {
      Node n = work.poll();
      for (Edge e : n.in) {
        if (!via.containsKey(e.from) && !(e.from.trustedPure() && e.from != n)) {
          via.put(e.from, e);
          work.add(e.from);
        }
      }
    }
    return via;
  }

  private MethodAnalysis verdict(
      Node n,
      Map<Node, Edge> pinnedVia,
      Map<Node, Edge> pureVia,
      TransferabilityCheck.Session session) {
    List<String> reasons = new ArrayList<>();
    MethodNode m = n.method;
    if (m.name.equals("<clinit>")) {
      reasons.add("STATIC_INITIALIZER: runs once per JVM when its class is initialised");
    } else if (m.name.equals("<init>")) {
      reasons.add("CONSTRUCTOR: the new object lives where it is constructed");
    } else if (n.kind == Node.Kind.ABSTRACT) {
      reasons.add("ABSTRACT: no body; its implementations are judged one by one");
    }
    if (n.pinned()) {
      reasons.add("PINNED: declared " + n.pinnedSource());
    } else if (pinnedVia.containsKey(n)) {
      reasons.add("PINNED: " + EvidenceChains.declarationChain(n, pinnedVia, Node::pinnedSource));
    }
    Set<Effect> effects = EnumSet.noneOf(Effect.class);
    for (Effect e : Effect.values()) {
      if ((n.effects & (1 << e.ordinal())) != 0) {
        effects.add(e);
      }
    }
    for (Effect e : effects) {
      if (e == Effect.NONDETERMINISTIC && options.allowNondeterministic()) {
        continue;
      }
      reasons.add(
          e.name()
              + ": "
              + (e == Effect.ARG_MUTATION
                  ? EvidenceChains.mutationChain(n)
                  : EvidenceChains.chain(n, e)));
    }
    if (reasons.isEmpty()) {
      Optional<String> why = session.whyNotTransferable(n.ref);
      why.ifPresent(w -> reasons.add("NOT_TRANSFERABLE: " + w));
    }
    boolean movable = reasons.isEmpty();
    if (n.trustedPure()) {
      reasons.add("PURE: trusted, declared " + n.pureSource());
    } else if (movable && pureVia.get(n) != null) {
      reasons.add("PURE: trusts " + EvidenceChains.declarationChain(n, pureVia, Node::pureSource));
    }
    if (n.remoteHint && movable) {
      reasons.add("REMOTE: prefers remote (declared)");
    }
    return new MethodAnalysis(
        n.ref,
        movable,
        effects,
        reasons,
        n.declared,
        n.remoteHint,
        n.isStatic,
        n.instructionCount,
        n.maxLoopDepth,
        n.bodyExecutions);
  }
}
