package dev.farcall.heuristics.simulation;

import java.util.BitSet;

/**
 * Hill climbing for {@link Oracle#refined} on simulated makespans: one site flipped, or one remote
 * and one local swapped, each judged by one simulation.
 */
final class LocalSearch {
  private final Scenario scenario;
  private final int maxSimulations;
  private BitSet best;
  private long bestMakespan;
  private int simulations;

  LocalSearch(Scenario scenario, BitSet start, int maxSimulations) {
    this.scenario = scenario;
    this.maxSimulations = maxSimulations;
    this.best = start;
    this.bestMakespan = simulate(start);
  }

  /** The best assignment found so far. */
  BitSet best() {
    return best;
  }

  boolean budgetLeft() {
    return simulations < maxSimulations;
  }

  boolean improveByFlips(int[] sites) {
    boolean improved = false;
    for (int s : sites) {
      BitSet candidate = (BitSet) best.clone();
      candidate.flip(s);
      improved |= tryCandidate(candidate);
    }
    return improved;
  }

  boolean improveBySwaps(int[] sites) {
    for (int out : sites) {
      for (int in : sites) {
        if (best.get(out) && !best.get(in)) {
          BitSet candidate = (BitSet) best.clone();
          candidate.clear(out);
          candidate.set(in);
          if (tryCandidate(candidate)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private boolean tryCandidate(BitSet candidate) {
    if (!budgetLeft()) {
      return false;
    }
    long makespan = simulate(candidate);
    if (makespan < bestMakespan) {
      best = candidate;
      bestMakespan = makespan;
      return true;
    }
    return false;
  }

  private long simulate(BitSet remote) {
    simulations++;
    return Simulator.run(scenario, new Strategy.Fixed("candidate", remote)).makespanNanos();
  }
}
