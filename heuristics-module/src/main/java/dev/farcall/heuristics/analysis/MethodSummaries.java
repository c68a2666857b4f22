package dev.farcall.heuristics.analysis;

import dev.farcall.heuristics.Effect;
import dev.farcall.model.MethodId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jgrapht.Graph;
import org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.traverse.TopologicalOrderIterator;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * The summary phase of an {@link AnalysisRun}: each program method's local effects, mutated
 * parameters and returned origins (from its {@link MethodFlow}), computed callees before callers by
 * strongly connected component, iterating to a fixpoint inside recursive ones.
 */
final class MethodSummaries {

  private static final int MAX_SCC_ROUNDS = 8;

  private static final Comparator<Graph<Node, DefaultEdge>> COMPONENTS_BY_FIRST_NODE =
      Comparator.comparingInt(c -> c.vertexSet().stream().mapToInt(n -> n.id).min().orElse(0));

  private final Map<MethodId, Node> nodes;
  private final Map<String, ClassNode> classes;
  private final ProgramIndex program;
  private final Set<String> emptyArrays = new HashSet<>();

  MethodSummaries(Map<MethodId, Node> nodes, Map<String, ClassNode> classes, ProgramIndex program) {
    this.nodes = nodes;
    this.classes = classes;
    this.program = program;
  }

  /** Per-method flow, callees before callers (by SCC), iterating inside recursive SCCs. */
  void summarise() {
    findEmptyArrayConstants();
    for (List<Node> scc : stronglyConnectedComponents()) {
      boolean recursive =
          scc.size() > 1 || scc.get(0).out.stream().anyMatch(e -> e.to == scc.get(0));
      int round = 0;
      boolean changed = true;
      while (changed) {
        changed = false;
        for (Node n : scc) {
          long mutated = n.mutated;
          long returned = n.returned;
          summariseOne(n);
          changed |= n.mutated != mutated || n.returned != returned;
        }
        if (!recursive) {
          break;
        }
        if (changed && ++round >= MAX_SCC_ROUNDS) {
          // give up on precision inside this recursion: assume the worst it could do
          for (Node n : scc) {
            long params = Origins.mutableParams(n.ref.descriptor(), n.isStatic);
            n.returned |= params | Origins.UNKNOWN;
          }
          for (Node n : scc) {
            summariseOne(n);
            n.returned |= Origins.mutableParams(n.ref.descriptor(), n.isStatic) | Origins.UNKNOWN;
          }
          break;
        }
      }
    }
  }

  /**
   * Static fields whose only assignment is {@code new T[0]} in their class's {@code <clinit>}: the
   * common {@code EMPTY_ARRAY} constants, which no store can change.
   */
  private void findEmptyArrayConstants() {
    Set<String> assignedElsewhere = new HashSet<>();
    for (ClassNode c : classes.values()) {
      for (MethodNode m : c.methods) {
        AbstractInsnNode previous2 = null;
        AbstractInsnNode previous = null;
        for (AbstractInsnNode insn : m.instructions) {
          if (insn.getOpcode() < 0) {
            continue;
          }
          if (insn.getOpcode() == Opcodes.PUTSTATIC) {
            FieldInsnNode f = (FieldInsnNode) insn;
            String key = OriginInterpreter.fieldKey(program, f);
            boolean empty =
                m.name.equals("<clinit>")
                    && f.owner.equals(c.name)
                    && previous2 != null
                    && previous2.getOpcode() == Opcodes.ICONST_0
                    && (previous.getOpcode() == Opcodes.ANEWARRAY
                        || previous.getOpcode() == Opcodes.NEWARRAY);
            if (empty) {
              emptyArrays.add(key);
            } else {
              assignedElsewhere.add(key);
            }
          }
          previous2 = previous;
          previous = insn;
        }
      }
    }
    emptyArrays.removeAll(assignedElsewhere);
  }

  private void summariseOne(Node n) {
    if (n.kind != Node.Kind.PROGRAM) {
      return;
    }
    long params = Origins.mutableParams(n.ref.descriptor(), n.isStatic);
    if (ProgramIndex.isNative(n.method) || n.method.instructions.size() == 0) {
      if (n.trustedPure()) {
        n.returned = params | Origins.FRESH;
      } else {
        n.addLocalEffect(Effect.NATIVE, "native method");
        n.mutated = params;
        n.returned = params | Origins.UNKNOWN;
      }
      return;
    }
    new MethodFlow(n, program, emptyArrays).run();
    if (n.trustedPure()) {
      n.localEffects = 0;
      Arrays.fill(n.localEvidence, null);
      n.mutated = 0;
      n.mutationCauses = new HashMap<>();
      n.staticWrites = Set.of();
    }
  }

  /**
   * The call graph's strongly connected components, callees before callers (JGraphT's Kosaraju
   * inspector, whose searches keep their own stack, so deep call chains cannot overflow the
   * thread's), ties broken by the lowest node id so the order never depends on hashing.
   */
  private List<List<Node>> stronglyConnectedComponents() {
    Graph<Node, DefaultEdge> graph = new DefaultDirectedGraph<>(DefaultEdge.class);
    for (Node n : nodes.values()) {
      graph.addVertex(n);
    }
    for (Node n : nodes.values()) {
      for (Edge e : n.out) {
        graph.addVertex(e.to);
        graph.addEdge(n, e.to);
      }
    }
    Graph<Graph<Node, DefaultEdge>, DefaultEdge> condensation =
        new KosarajuStrongConnectivityInspector<>(graph).getCondensation();
    List<List<Node>> callersFirst = new ArrayList<>(condensation.vertexSet().size());
    new TopologicalOrderIterator<>(condensation, COMPONENTS_BY_FIRST_NODE)
        .forEachRemaining(
            c ->
                callersFirst.add(
                    c.vertexSet().stream().sorted(Comparator.comparingInt(n -> n.id)).toList()));
    Collections.reverse(callersFirst);
    return callersFirst;
  }
}
