/** JMH benchmarks of the placement heuristics on synthetic call graphs. */
package dev.farcall.benchmarks.placement;
