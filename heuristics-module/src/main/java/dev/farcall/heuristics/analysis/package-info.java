/**
 * The bytecode analysis: {@link dev.farcall.heuristics.analysis.JarAnalyzer} reads a jar, builds a
 * call graph with class-hierarchy analysis and lambda resolution, classifies every method's {@link
 * dev.farcall.heuristics.Effect effects} transitively (with freshness flow inside each method), and
 * decides which methods are movable, each decision with the evidence chain behind it. The result is
 * a {@link dev.farcall.heuristics.analysis.ProgramModel}.
 */
package dev.farcall.heuristics.analysis;
