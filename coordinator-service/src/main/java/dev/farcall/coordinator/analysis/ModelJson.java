package dev.farcall.coordinator.analysis;

import dev.farcall.heuristics.Effect;
import dev.farcall.heuristics.analysis.CallKind;
import dev.farcall.heuristics.analysis.CallSite;
import dev.farcall.heuristics.analysis.MethodAnalysis;
import dev.farcall.heuristics.analysis.ProgramModel;
import dev.farcall.model.MethodId;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.json.JsonMapper;

/**
 * The persisted form of a {@link ProgramModel}: every field, so the model read back is the one the
 * analysis produced. Methods are written {@code pkg.Class#name(desc)}. Fields added later (loop
 * trip counts) are absent from models stored before them and read back as "every loop's count
 * unknown", which is what the analysis assumed then.
 */
final class ModelJson {

  record Stored(List<StoredMethod> methods, List<StoredEdge> edges, int classCount, long nanos) {}

  record StoredMethod(
      String className,
      String methodName,
      String descriptor,
      boolean movable,
      List<Effect> effects,
      List<String> reasons,
      List<String> declarations,
      boolean remoteHint,
      boolean isStatic,
      int instructionCount,
      int maxLoopDepth,
      List<Double> bodyExecutions) {}

  record StoredEdge(
      String caller,
      String callee,
      String declaredCallee,
      CallKind kind,
      int instructionIndex,
      int loopDepth,
      boolean concurrent,
      boolean library,
      Double knownIterations,
      Integer unknownLoops) {}

  private ModelJson() {}

  static String write(JsonMapper json, ProgramModel model) {
    List<StoredMethod> methods =
        model.methods().stream()
            .map(
                m ->
                    new StoredMethod(
                        m.className(),
                        m.methodName(),
                        m.descriptor(),
                        m.movable(),
                        List.copyOf(sorted(m.effects())),
                        m.reasons(),
                        List.copyOf(new TreeSet<>(m.declarations())),
                        m.remoteHint(),
                        m.isStatic(),
                        m.instructionCount(),
                        m.maxLoopDepth(),
                        m.bodyExecutions()))
            .toList();
    List<StoredEdge> edges =
        model.edges().stream()
            .map(
                e ->
                    new StoredEdge(
                        e.caller().toString(),
                        e.callee().toString(),
                        e.declaredCallee().toString(),
                        e.kind(),
                        e.instructionIndex(),
                        e.loopDepth(),
                        e.concurrentContext(),
                        e.libraryCallee(),
                        e.knownIterations(),
                        e.unknownLoops()))
            .toList();
    return json.writeValueAsString(
        new Stored(methods, edges, model.classCount(), model.duration().toNanos()));
  }

  static ProgramModel read(JsonMapper json, String text) {
    Stored stored = json.readValue(text, Stored.class);
    List<MethodAnalysis> methods =
        stored.methods().stream()
            .map(
                m ->
                    new MethodAnalysis(
                        new MethodId(m.className(), m.methodName(), m.descriptor()),
                        m.movable(),
                        m.effects().isEmpty() ? Set.of() : EnumSet.copyOf(m.effects()),
                        m.reasons(),
                        Set.copyOf(m.declarations()),
                        m.remoteHint(),
                        m.isStatic(),
                        m.instructionCount(),
                        m.maxLoopDepth(),
                        m.bodyExecutions() == null ? List.of() : m.bodyExecutions()))
            .toList();
    List<CallSite> edges =
        stored.edges().stream()
            .map(
                e ->
                    new CallSite(
                        ref(e.caller()),
                        ref(e.callee()),
                        ref(e.declaredCallee()),
                        e.kind(),
                        e.instructionIndex(),
                        e.loopDepth(),
                        e.concurrent(),
                        e.library(),
                        e.knownIterations() == null ? 1 : e.knownIterations(),
                        e.unknownLoops() == null ? e.loopDepth() : e.unknownLoops()))
            .toList();
    return new ProgramModel(methods, edges, stored.classCount(), Duration.ofNanos(stored.nanos()));
  }

  /** Parses {@code pkg.Class#name(desc)}. */
  static MethodId ref(String text) {
    int hash = text.indexOf('#');
    int paren = text.indexOf('(', hash);
    return new MethodId(
        text.substring(0, hash), text.substring(hash + 1, paren), text.substring(paren));
  }

  static Set<Effect> sorted(Set<Effect> effects) {
    return effects.isEmpty() ? Set.of() : EnumSet.copyOf(effects);
  }
}
