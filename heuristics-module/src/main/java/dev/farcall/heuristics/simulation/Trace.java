package dev.farcall.heuristics.simulation;

import java.util.List;

/**
 * The work of every call of a scenario: a pure function of the seed, the site and the call number,
 * so every strategy (and the oracle) sees the same calls without storing them.
 */
final class Trace {
  private final Scenario scenario;

  /** Per site, the call number each phase ends before (cumulative). */
  private final long[][] phaseEnds;

  Trace(Scenario scenario) {
    this.scenario = scenario;
    List<SimulatedSite> sites = scenario.sites();
    phaseEnds = new long[sites.size()][];
    for (int s = 0; s < sites.size(); s++) {
      List<Phase> phases = sites.get(s).phases();
      long[] ends = new long[phases.size()];
      long total = 0;
      for (int p = 0; p < phases.size(); p++) {
        total += phases.get(p).calls();
        ends[p] = total;
      }
      phaseEnds[s] = ends;
    }
  }

  /** The site's total calls. */
  long calls(int site) {
    long[] ends = phaseEnds[site];
    return ends[ends.length - 1];
  }

  /** The phase (index) a call number falls in. */
  int phaseOf(int site, long call) {
    long[] ends = phaseEnds[site];
    int p = 0;
    while (call >= ends[p]) {
      p++;
    }
    return p;
  }

  /** The phase a call number falls in. */
  Phase phase(int site, long call) {
    return scenario.sites().get(site).phases().get(phaseOf(site, call));
  }

  /** The work of a call, ns (at least 1). */
  double work(int site, long call) {
    return Math.max(1, phase(site, call).work().sample(bits(site, call)));
  }

  private long bits(int site, long call) {
    long z = scenario.seed() ^ (site * 0x9E3779B97F4A7C15L) ^ (call * 0xC2B2AE3D27D4EB4FL);
    // splitmix64's finaliser
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
