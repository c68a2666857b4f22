package dev.farcall.coordinator.placement;

import dev.farcall.heuristics.placement.OverrideMode;
import dev.farcall.heuristics.placement.PlacementPlan;
import java.time.Instant;
import java.util.Map;

/**
 * One persisted version of a program's plan.
 *
 * @param programId the program
 * @param version 1, 2, ...; the highest is the current plan
 * @param analysisGeneration the analysis it was computed from
 * @param plan the heuristic's answer (heuristic, every tunable value used, decisions)
 * @param overrides the overrides in force, by full method key
 * @param createdAt when it was computed
 */
record StoredPlan(
    String programId,
    int version,
    long analysisGeneration,
    PlacementPlan plan,
    Map<String, OverrideMode> overrides,
    Instant createdAt) {}
