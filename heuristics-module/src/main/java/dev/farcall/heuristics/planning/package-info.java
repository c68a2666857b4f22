/**
 * From analysis to placement: {@link dev.farcall.heuristics.planning.PlacementProblemAdapter} turns
 * a {@link dev.farcall.heuristics.analysis.ProgramModel} into the {@link
 * dev.farcall.heuristics.placement.PlacementProblem} every placement heuristic reads. Plain Java.
 */
package dev.farcall.heuristics.planning;
