/**
 * Placement plans and heuristic settings ({@code /api/v1/programs/{id}/placement}, {@code
 * /api/v1/heuristics}).
 *
 * <p>A program's plan is computed from its DONE analysis (adapted by {@link
 * dev.farcall.heuristics.planning.PlacementProblemAdapter}) with the global heuristic settings and
 * the program's overrides, and persisted as a new version in {@code placement_plans} whenever one
 * of those changes: a finished (re-)analysis, a PUT of overrides, a PUT of the settings. Settings
 * changes recompute the plans of every analysed program <b>eagerly</b>, within the PUT, so the plan
 * shown is always the one a run would use. Overrides are kept with each version and carried to the
 * next; an override that a new analysis makes invalid (the method is gone or no longer movable) is
 * dropped with a log line.
 *
 * <p>Seam for the run driver: {@link
 * dev.farcall.coordinator.placement.PlacementService#currentPlan(String)} gives the current plan of
 * a program (empty while its analysis is not DONE); {@link
 * dev.farcall.coordinator.placement.PlacementService#plan(String, String, java.util.Map)} computes
 * one for a run's own heuristic and tunables without persisting it. Only methods decided {@code
 * REMOTE} may be dispatched; {@code PINNED} ones never are.
 */
package dev.farcall.coordinator.placement;
