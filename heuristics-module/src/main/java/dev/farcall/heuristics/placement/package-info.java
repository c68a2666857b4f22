/**
 * Placement: deciding which movable methods of a program run on workers.
 *
 * <p>The input is a {@link dev.farcall.heuristics.placement.PlacementProblem} (methods with their
 * movability and static estimates, call sites, entry points, overrides and optional measured
 * profiles). A {@link dev.farcall.heuristics.placement.PlacementHeuristic} turns it into a {@link
 * dev.farcall.heuristics.placement.PlacementPlan} with a {@link
 * dev.farcall.heuristics.placement.Decision} and a human-readable reason per method. Heuristics
 * describe their own tunables ({@link dev.farcall.heuristics.placement.TunableDescriptor}) so REST,
 * the dashboard and validation all read the same descriptor. The built-ins are listed by {@link
 * dev.farcall.heuristics.placement.PlacementHeuristics}.
 *
 * <p>Plain Java: no Spring, no I/O.
 */
package dev.farcall.heuristics.placement;
