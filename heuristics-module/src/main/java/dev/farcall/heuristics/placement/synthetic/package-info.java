/**
 * Synthetic placement problems of any size for tests and benchmarks: layered call graphs with
 * realistic fan-out, some pinned I/O near the top, some heavy loops, a little recursion.
 */
package dev.farcall.heuristics.placement.synthetic;
