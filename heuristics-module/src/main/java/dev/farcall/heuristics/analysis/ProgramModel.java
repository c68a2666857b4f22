package dev.farcall.heuristics.analysis;

import dev.farcall.model.MethodId;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The analysis of one program: a verdict for every method the jar defines, and the call graph.
 * Immutable.
 */
public final class ProgramModel {

  private final List<MethodAnalysis> methods;
  private final List<CallSite> edges;
  private final int classCount;
  private final Duration duration;
  private final Map<MethodId, MethodAnalysis> byRef;

  /**
   * @param methods every method of every program class, in class then declaration order
   * @param edges every call-graph edge from a program method (to program and library methods)
   * @param classCount number of program classes analysed
   * @param duration how long the analysis took
   */
  public ProgramModel(
      List<MethodAnalysis> methods, List<CallSite> edges, int classCount, Duration duration) {
    this.methods = List.copyOf(methods);
    this.edges = List.copyOf(edges);
    this.classCount = classCount;
    this.duration = duration;
    Map<MethodId, MethodAnalysis> index = new LinkedHashMap<>();
    for (MethodAnalysis m : this.methods) {
      index.putIfAbsent(m.method(), m);
    }
    this.byRef = index;
  }

  /** Every method of every program class, in class then declaration order. */
  public List<MethodAnalysis> methods() {
    return methods;
  }

  /** Every call-graph edge from a program method (to program and library methods). */
  public List<CallSite> edges() {
    return edges;
  }

  /** Number of program classes analysed. */
  public int classCount() {
    return classCount;
  }

  /** How long the analysis took. */
  public Duration duration() {
    return duration;
  }

  /** The verdict on a method, if the program defines it. */
  public Optional<MethodAnalysis> method(MethodId ref) {
    return Optional.ofNullable(byRef.get(ref));
  }

  /** The verdict on a method given by dotted class name, name and descriptor. */
  public Optional<MethodAnalysis> method(String className, String methodName, String descriptor) {
    return method(new MethodId(className, methodName, descriptor));
  }

  /** All overloads of a method, in declaration order. */
  public List<MethodAnalysis> methods(String className, String methodName) {
    return methods.stream()
        .filter(m -> m.className().equals(className) && m.methodName().equals(methodName))
        .toList();
  }

  /** Edges leaving a method. */
  public List<CallSite> callsFrom(MethodId caller) {
    return edges.stream().filter(e -> e.caller().equals(caller)).toList();
  }
}
