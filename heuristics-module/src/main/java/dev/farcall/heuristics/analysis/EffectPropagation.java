package dev.farcall.heuristics.analysis;

import dev.farcall.heuristics.Effect;
import dev.farcall.model.MethodId;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldNode;

/**
 * The effect phase of an {@link AnalysisRun}: propagates every method's local effects to its
 * callers (remembering the edge each came by, for the evidence chains), and decides which static
 * reads are GLOBAL_READ: of fields written outside {@code <clinit>}, or whose initial value differs
 * between machines.
 */
final class EffectPropagation {

  private static final int ARG_MUTATION_BIT = 1 << Effect.ARG_MUTATION.ordinal();
  private static final int GLOBAL_READ_BIT = 1 << Effect.GLOBAL_READ.ordinal();
  private static final Set<Effect> UNSTABLE_INIT =
      EnumSet.of(
          Effect.IO,
          Effect.NONDETERMINISTIC,
          Effect.UNKNOWN,
          Effect.NATIVE,
          Effect.REFLECTION,
          Effect.THREADS,
          Effect.GLOBAL_READ,
          Effect.EXIT);

  private final Map<MethodId, Node> nodes;
  private final List<Node> programNodes;
  private final Map<String, ClassNode> classes;
  private final ProgramIndex program;

  EffectPropagation(
      Map<MethodId, Node> nodes,
      List<Node> programNodes,
      Map<String, ClassNode> classes,
      ProgramIndex program) {
    this.nodes = nodes;
    this.programNodes = programNodes;
    this.classes = classes;
    this.program = program;
  }

  /**
   * Propagates effects to callers, deciding GLOBAL_READ from the static fields written outside
   * {@code <clinit>} and those whose initialiser's effects make them differ between machines;
   * repeats until the set of such fields is stable.
   */
  void propagateWithStatics(Set<String> mutableStatics) {
    Map<String, String> unstable = new HashMap<>();
    Map<String, String> writers = new HashMap<>();
    for (Node n : programNodes) {
      for (String f : n.staticWrites) {
        writers.putIfAbsent(f, n.ref.shortName());
      }
    }
    while (true) {
      for (Node n : programNodes) {
        n.localEffects &= ~GLOBAL_READ_BIT;
        n.localEvidence[Effect.GLOBAL_READ.ordinal()] = null;
        if (n.trustedPure()) {
          continue;
        }
        for (String f : new TreeSet<>(n.staticReads)) {
          if (mutableStatics.contains(f)) {
            n.addLocalEffect(
                Effect.GLOBAL_READ,
                "reads static field " + shortField(f) + ", written by " + writers.get(f));
          } else if (unstable.containsKey(f)) {
            n.addLocalEffect(
                Effect.GLOBAL_READ,
                "reads static field "
                    + shortField(f)
                    + ", whose initial value varies: "
                    + unstable.get(f));
          } else if (mutableStatics.contains(OriginValue.MANY_FIELDS) && holdsMutableObject(f)) {
            n.addLocalEffect(
                Effect.GLOBAL_READ,
                "reads static field " + shortField(f) + " while some static object is mutated");
          }
        }
      }
      propagate();
      Map<String, String> next = new HashMap<>();
      for (Node n : programNodes) {
        if (n.method.name.equals("<clinit>")) {
          unstableFields(n, mutableStatics, unstable, next);
        }
      }
      if (next.keySet().equals(unstable.keySet())) {
        return;
      }
      unstable = next;
    }
  }

  /**
   * Adds the fields a {@code <clinit>} assigns from a value that differs between machines: one that
   * depends (by data or control flow) on a call with such effects or on a static field that is
   * written elsewhere or itself varies.
   */
  private static void unstableFields(
      Node clinit, Set<String> mutable, Map<String, String> unstable, Map<String, String> out) {
    List<Object> sources = clinit.clinitSources;
    for (String field : clinit.clinitAssigned) {
      long deps = clinit.clinitFieldDeps.getOrDefault(field, 0L) | clinit.clinitControlDeps;
      for (int id = 0; id < sources.size() && deps != 0; id++) {
        long bit = 1L << Math.min(id, 63);
        if ((deps & bit) != 0) {
          String why = whyVaries(clinit, sources.get(id), mutable, unstable);
          if (why != null) {
            out.putIfAbsent(field, why);
            break;
          }
        }
      }
    }
  }

  /** Why a source of a {@code <clinit>} value differs between machines, or null if it does not. */
  private static String whyVaries(
      Node clinit, Object source, Set<String> mutable, Map<String, String> unstable) {
    if (source instanceof String field) {
      if (mutable.contains(field)) {
        return "reads " + shortField(field) + ", which is written outside <clinit>";
      }
      return unstable.containsKey(field)
          ? "reads " + shortField(field) + ": " + unstable.get(field)
          : null;
    }
    for (Edge e : clinit.sites.getOrDefault((Integer) source, List.of())) {
      for (Effect effect : UNSTABLE_INIT) {
        if ((e.to.effects & (1 << effect.ordinal())) != 0) {
          return clinit.displayName() + " -> " + EvidenceChains.chain(e.to, effect);
        }
      }
    }
    return null;
  }

  /**
   * Whether a static field may hold an object whose contents can be written: a reference to
   * anything but an immutable type ({@link ImmutableTypes}); unknown fields may.
   */
  private boolean holdsMutableObject(String key) {
    int dot = key.lastIndexOf('.');
    ClassNode c = classes.get(key.substring(0, dot).replace('.', '/'));
    if (c == null) {
      return true;
    }
    for (FieldNode f : c.fields) {
      if (f.name.equals(key.substring(dot + 1))) {
        org.objectweb.asm.Type type = org.objectweb.asm.Type.getType(f.desc);
        return Origins.isReference(type) && !program.isImmutable(type);
      }
    }
    return true;
  }

  private static String shortField(String key) {
    String owner = key.substring(0, key.lastIndexOf('.'));
    return owner.substring(owner.lastIndexOf('.') + 1) + key.substring(key.lastIndexOf('.'));
  }

  private void propagate() {
    ArrayDeque<Node> work = new ArrayDeque<>();
    for (Node n : nodes.values()) {
      n.effects = n.localEffects;
      Arrays.fill(n.via, null);
      if (n.effects != 0) {
        work.add(n);
      }
    }
    while (!work.isEmpty()) {
      Node n = work.poll();
      int outgoing = n.effects & ~ARG_MUTATION_BIT;
      if (outgoing == 0) {
        continue;
      }
      for (Edge e : n.in) {
        Node caller = e.from;
        if (caller.trustedPure()) {
          continue;
        }
        int added = outgoing & ~caller.effects;
        if (added != 0) {
          caller.effects |= added;
          for (int bits = added; bits != 0; bits &= bits - 1) {
            caller.via[Integer.numberOfTrailingZeros(bits)] = e;
          }
          work.add(caller);
        }
      }
    }
  }
}
