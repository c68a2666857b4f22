package dev.farcall.heuristics.placement;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The available heuristics by name. Immutable. */
public final class PlacementHeuristics {

  /** Name of the heuristic used when none is chosen. */
  public static final String DEFAULT = GreedyPlacement.NAME;

  private final Map<String, PlacementHeuristic> byName;

  private PlacementHeuristics(List<PlacementHeuristic> heuristics) {
    Map<String, PlacementHeuristic> map = new LinkedHashMap<>();
    for (PlacementHeuristic heuristic : heuristics) {
      if (map.put(heuristic.name(), heuristic) != null) {
        throw new IllegalArgumentException("duplicate heuristic " + heuristic.name());
      }
    }
    byName = java.util.Collections.unmodifiableMap(map);
  }

  /** The built-ins: {@code greedy} (the default) and {@code min-cut}. */
  public static PlacementHeuristics builtIn() {
    return new PlacementHeuristics(List.of(new GreedyPlacement(), new MinCutPlacement()));
  }

  /** A registry of the given heuristics, e.g. built-ins plus experimental ones. */
  public static PlacementHeuristics of(List<PlacementHeuristic> heuristics) {
    return new PlacementHeuristics(heuristics);
  }

  /** Every heuristic, in registration order. */
  public List<PlacementHeuristic> all() {
    return List.copyOf(byName.values());
  }

  /** The heuristic with this name, if any. */
  public Optional<PlacementHeuristic> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** The default heuristic ({@link #DEFAULT}). */
  public PlacementHeuristic defaultHeuristic() {
    return find(DEFAULT).orElseThrow();
  }
}
