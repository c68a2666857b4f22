package dev.farcall.coordinator.placement;

import java.util.Map;

/**
 * The global heuristic settings.
 *
 * @param heuristic the heuristic that places programs
 * @param given the tunable values given explicitly (the others take their defaults)
 */
record HeuristicSettings(String heuristic, Map<String, Object> given) {}
