package dev.farcall.heuristics.placement;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A heuristic's answer: a decision per method, ordered by method key.
 *
 * @param heuristic name of the heuristic that made it
 * @param tunables every tunable value used, defaults included
 * @param decisions one per method reached by a call site or an entry point, ordered by key
 */
public record PlacementPlan(
    String heuristic, Map<String, Object> tunables, List<MethodPlacement> decisions) {

  /** Copies the collections. */
  public PlacementPlan {
    tunables = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tunables));
    decisions = List.copyOf(decisions);
  }

  /** The decision for a method, if the plan has one. */
  public Optional<MethodPlacement> decisionFor(String methodKey) {
    return decisions.stream().filter(d -> d.methodKey().equals(methodKey)).findFirst();
  }

  /** Keys of the methods decided {@code decision}. */
  public Set<String> methodsDecided(Decision decision) {
    return decisions.stream()
        .filter(d -> d.decision() == decision)
        .map(MethodPlacement::methodKey)
        .collect(Collectors.toCollection(java.util.TreeSet::new));
  }
}
