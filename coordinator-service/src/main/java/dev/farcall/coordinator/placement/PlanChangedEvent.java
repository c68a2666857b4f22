package dev.farcall.coordinator.placement;

import dev.farcall.heuristics.placement.Decision;
import java.util.Map;

/**
 * Published after a new plan version of a program is stored (a finished analysis, new overrides,
 * new global settings). Listeners run on the thread that placed the program: they must be quick and
 * must not throw.
 *
 * @param programId the program
 * @param version the new version
 * @param heuristic the heuristic that made it
 * @param counts how many methods got each decision
 */
public record PlanChangedEvent(
    String programId, int version, String heuristic, Map<Decision, Long> counts) {

  public PlanChangedEvent {
    counts = Map.copyOf(counts);
  }
}
