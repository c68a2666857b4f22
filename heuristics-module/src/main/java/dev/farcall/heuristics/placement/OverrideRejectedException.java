package dev.farcall.heuristics.placement;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Overrides were rejected: REMOTE on a method that may not move, or a key that names no method of
 * the program. Carries, per offending key, why; the coordinator answers 422 with it.
 */
public final class OverrideRejectedException extends PlacementException {
  private static final long serialVersionUID = 1L;

  private final transient Map<String, String> reasons;

  /** Creates the exception from override key → reason it was rejected. */
  public OverrideRejectedException(Map<String, String> reasons) {
    super(
        "overrides rejected: "
            + new TreeMap<>(reasons)
                .entrySet().stream()
                    .map(e -> e.getKey() + ": " + e.getValue())
                    .collect(Collectors.joining("; ")));
    this.reasons = Map.copyOf(reasons);
  }

  /** Override key → why it was rejected (e.g. the analysis' reason the method is not movable). */
  public Map<String, String> reasons() {
    return reasons;
  }
}
