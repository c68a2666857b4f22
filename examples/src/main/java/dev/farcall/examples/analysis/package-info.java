/**
 * Ground truth for the analysis: small methods whose effects and movability are known by
 * construction. {@code AnalysisGroundTruthTests} in heuristics-module asserts the verdict on each.
 * Nothing here is meant to be called; several methods would print, exit or spawn threads.
 */
package dev.farcall.examples.analysis;
