package dev.farcall.heuristics.simulation;

import java.util.List;
import java.util.Objects;

/**
 * A simulated program on a simulated cluster; the seed fixes every call's work, so every strategy
 * runs the same trace.
 *
 * @param sites the program's call sites
 * @param cluster the machines and network
 * @param seed the trace's seed
 */
public record Scenario(List<SimulatedSite> sites, ClusterModel cluster, long seed) {

  /** Copies the sites. */
  public Scenario {
    sites = List.copyOf(sites);
    Objects.requireNonNull(cluster, "cluster");
  }

  /** The same program and trace on another cluster. */
  public Scenario on(ClusterModel other) {
    return new Scenario(sites, other, seed);
  }
}
