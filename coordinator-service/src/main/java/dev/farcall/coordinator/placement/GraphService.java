package dev.farcall.coordinator.placement;

import dev.farcall.coordinator.analysis.AnalysisNotReadyException;
import dev.farcall.coordinator.analysis.AnalysisService;
import dev.farcall.coordinator.program.ProgramDeletedEvent;
import dev.farcall.heuristics.analysis.CallSite;
import dev.farcall.heuristics.analysis.MethodAnalysis;
import dev.farcall.heuristics.analysis.ProgramModel;
import dev.farcall.heuristics.placement.MethodPlacement;
import dev.farcall.heuristics.placement.OverrideMode;
import dev.farcall.model.MethodId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Builds the dashboard's compact call graph of a program from its analysed model and its current
 * plan, and one method's details. A graph is kept until the program's plan changes: it is what
 * every open dashboard asks for, and the plan behind it is megabytes of JSON to read back.
 */
@Service
class GraphService {

  private final AnalysisService analyses;
  private final PlacementService placement;
  private final Map<String, ProgramGraph> graphs = new ConcurrentHashMap<>();

  GraphService(AnalysisService analyses, PlacementService placement) {
    this.analyses = analyses;
    this.placement = placement;
  }

  /** The program's graph under its current plan. */
  ProgramGraph graph(String programId) {
    StoredPlan plan = placement.current(programId);
    ProgramGraph cached = graphs.get(programId);
    if (cached != null && cached.version() == plan.version()) {
      return cached;
    }
    ProgramGraph graph = build(model(programId, plan), plan);
    graphs.put(programId, graph);
    return graph;
  }

  /**
   * One method's details.
   *
   * @throws UnknownMethodException when the program has no such method
   */
  MethodDetails method(String programId, String key) {
    StoredPlan plan = placement.current(programId);
    MethodAnalysis m =
        model(programId, plan).methods().stream()
            .filter(x -> keyOf(x.method()).equals(key))
            .findFirst()
            .orElseThrow(() -> new UnknownMethodException(programId, key));
    MethodPlacement d = decisions(plan).get(key);
    OverrideMode override = plan.overrides().get(key);
    return new MethodDetails(
        m.className(),
        m.methodName(),
        m.descriptor(),
        m.movable(),
        List.copyOf(new TreeSet<>(m.effects())),
        m.reasons(),
        List.copyOf(new TreeSet<>(m.declarations())),
        decisionOf(m, d),
        d != null
            ? d.reason()
            : m.movable()
                ? "no call site or entry point reaches it"
                : m.reasons().stream().findFirst().orElse("may not move"),
        d == null
            ? null
            : new PlacementResponse.EstimatesView(
                d.estimates().workNanos(),
                d.estimates().dispatchNanos(),
                d.estimates().transferBytes(),
                d.estimates().source()),
        d == null ? "none" : d.estimates().source().name().toLowerCase(java.util.Locale.ROOT),
        override == null ? OverrideMode.AUTO.name() : override.name());
  }

  @EventListener
  void planChanged(PlanChangedEvent event) {
    graphs.remove(event.programId());
  }

  @EventListener
  void programDeleted(ProgramDeletedEvent event) {
    graphs.remove(event.programId());
  }

  private ProgramModel model(String programId, StoredPlan plan) {
    return analyses
        .model(programId, plan.analysisGeneration())
        .or(() -> analyses.model(programId))
        .orElseThrow(() -> new AnalysisNotReadyException(programId, analyses.status(programId)));
  }

  private static ProgramGraph build(ProgramModel model, StoredPlan plan) {
    Map<String, MethodPlacement> decisions = decisions(plan);
    Map<String, Integer> classIndex = new LinkedHashMap<>();
    Map<String, Integer> methodIndex = new HashMap<>();
    List<Object[]> methods = new ArrayList<>(model.methods().size());
    for (MethodAnalysis m : model.methods()) {
      int cls = classIndex.computeIfAbsent(m.className(), c -> classIndex.size());
      String key = keyOf(m.method());
      methodIndex.put(key, methods.size());
      methods.add(
          new Object[] {cls, m.methodName(), m.descriptor(), decisionOf(m, decisions.get(key))});
    }
    Set<Long> seen = new LinkedHashSet<>();
    List<int[]> edges = new ArrayList<>();
    for (CallSite e : model.edges()) {
      Integer from = methodIndex.get(keyOf(e.caller()));
      Integer to = methodIndex.get(keyOf(e.callee()));
      if (from != null && to != null && !from.equals(to) && seen.add(((long) from << 32) | to)) {
        edges.add(new int[] {from, to});
      }
    }
    return new ProgramGraph(
        plan.version(), plan.plan().heuristic(), List.copyOf(classIndex.keySet()), methods, edges);
  }

  private static Map<String, MethodPlacement> decisions(StoredPlan plan) {
    Map<String, MethodPlacement> byKey = new HashMap<>();
    for (MethodPlacement d : plan.plan().decisions()) {
      byKey.put(d.className() + "#" + d.methodName() + d.descriptor(), d);
    }
    return byKey;
  }

  private static String decisionOf(MethodAnalysis m, MethodPlacement d) {
    if (d != null) {
      return d.decision().name();
    }
    return m.movable() ? "UNPLACED" : "NOT_TRANSFERABLE";
  }

  private static String keyOf(MethodId m) {
    return m.className() + "#" + m.methodName() + m.descriptor();
  }
}
