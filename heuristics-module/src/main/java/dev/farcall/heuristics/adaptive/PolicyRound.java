package dev.farcall.heuristics.adaptive;

import java.util.List;
import java.util.Objects;

/**
 * Everything a policy reads in one round.
 *
 * @param nowNanos now, in ns, on one monotonic clock for the whole run ({@code System.nanoTime()}
 *     in the driver, simulated time in the simulator); only differences are meaningful
 * @param home how saturated home is
 * @param cluster what the workers offer
 * @param sites every site of the run, {@code sites.get(i).id() == i}; a site seen for the first
 *     time is appended
 */
public record PolicyRound(
    long nowNanos, HomeLoad home, ClusterCapacity cluster, List<SiteProfile> sites) {

  /** Copies the sites and checks that each one's id is its index. */
  public PolicyRound {
    Objects.requireNonNull(home, "home");
    Objects.requireNonNull(cluster, "cluster");
    sites = List.copyOf(sites);
    for (int i = 0; i < sites.size(); i++) {
      if (sites.get(i).id() != i) {
        throw new IllegalArgumentException(
            "site at index " + i + " has id " + sites.get(i).id() + "; ids must be indexes");
      }
    }
  }
}
