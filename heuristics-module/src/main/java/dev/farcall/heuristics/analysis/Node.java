package dev.farcall.heuristics.analysis;

import dev.farcall.heuristics.Effect;
import dev.farcall.heuristics.knowledge.Declarations.Declaration;
import dev.farcall.heuristics.knowledge.LibraryBehavior;
import dev.farcall.model.MethodId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/** A vertex of the call graph with everything the analysis learns about it (mutable, internal). */
final class Node {

  enum Kind {
    /** A program method with a body. */
    PROGRAM,
    /** A program method without a body (abstract; native methods are PROGRAM with no code). */
    ABSTRACT,
    /** A JDK method covered (or not) by the knowledge base. */
    LIBRARY,
    /** A method of a class found neither in the jar nor in the JDK. */
    UNRESOLVED
  }

  /** Why one mutated-origin bit is set: a local write, or a call that mutates its argument. */
  record MutationCause(String local, Edge via, long calleeBit) {}

  final int id;
  final MethodId ref;
  final Kind kind;
  final boolean isStatic;
  ClassNode owner;
  MethodNode method;
  LibraryBehavior behavior;
  Declaration pureDeclaration;
  String pureAnnotation;
  Declaration pinnedDeclaration;
  String pinnedAnnotation;
  boolean remoteHint;
  final Set<String> declared = new HashSet<>();

  final List<Edge> out = new ArrayList<>();
  final List<Edge> in = new ArrayList<>();

  /** Call edges by instruction index, for the interpreter. */
  final Map<Integer, List<Edge>> sites = new HashMap<>();

  // summaries, in the origin encoding of this method's own frame
  long mutated;
  long returned;

  /** Which static field a STATIC result comes from ("*" for several, null when none). */
  String returnedStatic;

  Map<Long, MutationCause> mutationCauses = new HashMap<>();

  // local facts
  int localEffects;
  final String[] localEvidence = new String[Effect.values().length];
  Set<String> staticReads = Set.of();
  Set<String> staticWrites = Set.of();
  Set<String> clinitAssigned = Set.of();

  /** In {@code <clinit>}: the sources each assigned static field's value depends on. */
  Map<String, Long> clinitFieldDeps = Map.of();

  /** In {@code <clinit>}: sources that decide control flow (branches, calls inside try). */
  long clinitControlDeps;

  /** In {@code <clinit>}: source of each dependency bit: a call's instruction index or a field. */
  List<Object> clinitSources = List.of();

  Set<Integer> concurrentLambdaSites = Set.of();
  boolean allLambdasConcurrent;
  boolean concurrentBody;
  int instructionCount;
  int maxLoopDepth;
  int[] loopDepthAt = new int[0];
  double[] knownIterationsAt = new double[0];
  int[] unknownLoopsAt = new int[0];
  List<Double> bodyExecutions = List.of();

  // propagation
  int effects;
  final Edge[] via = new Edge[Effect.values().length];

  Node(int id, MethodId ref, Kind kind, boolean isStatic) {
    this.id = id;
    this.ref = ref;
    this.kind = kind;
    this.isStatic = isStatic;
  }

  boolean isProgram() {
    return kind == Kind.PROGRAM || kind == Kind.ABSTRACT;
  }

  boolean trustedPure() {
    return pureDeclaration != null || pureAnnotation != null;
  }

  String pureSource() {
    return pureAnnotation != null ? pureAnnotation : String.valueOf(pureDeclaration);
  }

  boolean pinned() {
    return pinnedDeclaration != null || pinnedAnnotation != null;
  }

  String pinnedSource() {
    return pinnedAnnotation != null ? pinnedAnnotation : String.valueOf(pinnedDeclaration);
  }

  void addLocalEffect(Effect effect, String evidence) {
    int bit = 1 << effect.ordinal();
    if ((localEffects & bit) == 0) {
      localEffects |= bit;
      localEvidence[effect.ordinal()] = evidence;
    }
  }

  /** Name used in evidence chains: simple name for program methods, qualified for libraries. */
  String displayName() {
    return isProgram() ? ref.shortName() : ref.className() + "." + ref.methodName();
  }

  @Override
  public String toString() {
    return ref.toString();
  }
}
