package dev.farcall.heuristics.simulation;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * The best static assignment (each site LOCAL or REMOTE for the whole run) for a scenario's trace,
 * and a lower bound on what any static assignment can achieve, computed at scale.
 *
 * <h2>The bound</h2>
 *
 * For an assignment, the makespan of the trace is at least each of:
 *
 * <ul>
 *   <li>home's CPU demand over its cores: the work of the LOCAL sites' calls, every site's think
 *       time and {@code homeCpuPerRemoteCallNanos} per remote call;
 *   <li>the work of the REMOTE sites' calls over the workers' slots;
 *   <li>each site's own path: its start plus its calls' minimum durations (work, think and idle
 *       time, plus latency, transfer and home CPU when remote) over its threads, since each thread
 *       makes one call at a time.
 * </ul>
 *
 * Finding the assignment with the smallest bound is a knapsack problem. For a candidate makespan T
 * a site whose own path exceeds T in one mode is forced into the other; the rest must take enough
 * CPU off home within the slots' capacity. Relaxing integrality (a site may be split) makes that a
 * fractional knapsack, solved exactly by sending sites in order of home CPU saved per slot time
 * used: a binary search over T gives {@link OracleResult#lowerBoundNanos()}, a bound on every
 * static assignment (link bandwidth, ignored there, can only raise it).
 *
 * <h2>The assignment</h2>
 *
 * The same search with whole sites (taken in the same order while slots and both links' bandwidth
 * allow) gives the smallest T the greedy reaches; every other site that saves home CPU and stays
 * within T remotely is then sent too, which leaves the bound unchanged and takes contention off
 * home. With thousands of sites the greedy's integral loss is at most one site's share, so the
 * bound of the assignment is within a fraction of a percent of the lower bound; what a simulation
 * of it adds beyond the bound is queueing (processor sharing, slot and link waits) that no static
 * assignment avoids entirely. {@code SimulatorBenchmark} reports both, so the gap between the
 * simulated oracle and the bound is a measured ceiling on how far the oracle is from optimal. O(n
 * log n) for the order plus O(n) per step of the search.
 */
public final class Oracle {
  private static final int SEARCH_STEPS = 100;

  private final Scenario scenario;
  private final int n;
  private final boolean[] movable;
  private final double[] homeLocal;
  private final double[] homeRemote;
  private final double[] pathLocal;
  private final double[] pathRemote;
  private final double[] slotWork;
  private final double[] uplink;
  private final double[] downlink;
  private final int[] order;

  private Oracle(Scenario scenario) {
    this.scenario = scenario;
    List<SimulatedSite> sites = scenario.sites();
    n = sites.size();
    movable = new boolean[n];
    homeLocal = new double[n];
    homeRemote = new double[n];
    pathLocal = new double[n];
    pathRemote = new double[n];
    slotWork = new double[n];
    uplink = new double[n];
    downlink = new double[n];
    ClusterModel cluster = scenario.cluster();
    Trace trace = new Trace(scenario);
    for (int s = 0; s < n; s++) {
      SimulatedSite site = sites.get(s);
      long calls = trace.calls(s);
      double work = 0;
      double sent = 0;
      double received = 0;
      for (long j = 0; j < calls; j++) {
        work += Math.ceil(trace.work(s, j));
      }
      for (Phase phase : site.phases()) {
        sent += (double) phase.calls() * phase.bytesSent();
        received += (double) phase.calls() * phase.bytesReceived();
      }
      double between = (double) calls * (site.thinkNanos() + site.idleNanos());
      double remoteCpu = (double) calls * cluster.homeCpuPerRemoteCallNanos();
      movable[s] = site.mayMove();
      homeLocal[s] = work + (double) calls * site.thinkNanos();
      homeRemote[s] = remoteCpu + (double) calls * site.thinkNanos();
      slotWork[s] = work;
      uplink[s] = cluster.transferNanos(sent);
      downlink[s] = cluster.transferNanos(received);
      pathLocal[s] = site.startNanos() + (work + between) / site.threads();
      pathRemote[s] =
          site.startNanos()
              + (work
                      + between
                      + remoteCpu
                      + (double) calls * cluster.fixedLatencyNanos()
                      + uplink[s]
                      + downlink[s])
                  / site.threads();
    }
    order = savingOrder();
  }

  /** The oracle of a scenario. */
  public static OracleResult of(Scenario scenario) {
    return new Oracle(scenario).solve();
  }

  /**
   * The oracle's assignment improved by local search on simulated makespans, with at most {@code
   * maxSimulations} simulations (see the class comment); the bounds are the oracle's.
   */
  public static OracleResult refined(Scenario scenario, int maxSimulations) {
    Oracle oracle = new Oracle(scenario);
    OracleResult start = oracle.solve();
    LocalSearch search = new LocalSearch(scenario, start.remote(), maxSimulations);
    int[] sites = oracle.searchOrder();
    while (search.budgetLeft() && (search.improveByFlips(sites) || search.improveBySwaps(sites))) {
      // each pass restarts from the better assignment
    }
    BitSet best = search.best();
    return new OracleResult(
        best,
        start.lowerBoundNanos(),
        Math.max(oracle.bound(best), start.lowerBoundNanos()),
        start.allLocalBoundNanos());
  }

  /** Movable sites for the local search: those that save home CPU first, then the others. */
  private int[] searchOrder() {
    BitSet inOrder = new BitSet(n);
    int[] result = new int[n];
    int k = 0;
    for (int s : order) {
      result[k++] = s;
      inOrder.set(s);
    }
    for (int s = 0; s < n; s++) {
      if (movable[s] && !inOrder.get(s)) {
        result[k++] = s;
      }
    }
    return Arrays.copyOf(result, k);
  }

  private OracleResult solve() {
    BitSet none = new BitSet();
    double allLocal = bound(none);
    double lower = search(true);
    double reached = search(false);
    BitSet remote = assignment(reached, true);
    // the search's last step may sit a hair below what the assignment needs
    return new OracleResult(remote, lower, Math.max(bound(remote), lower), allLocal);
  }

  /** The bound of one assignment. */
  double bound(BitSet remote) {
    ClusterModel cluster = scenario.cluster();
    double home = 0;
    double slots = 0;
    double up = 0;
    double down = 0;
    double path = 0;
    for (int s = 0; s < n; s++) {
      if (remote.get(s)) {
        home += homeRemote[s];
        slots += slotWork[s];
        up += uplink[s];
        down += downlink[s];
        path = Math.max(path, pathRemote[s]);
      } else {
        home += homeLocal[s];
        path = Math.max(path, pathLocal[s]);
      }
    }
    return max(home / cluster.homeCores(), slots / cluster.totalSlots(), up, down, path);
  }

  /** The smallest T the fractional (or whole-site) knapsack meets, by bisection. */
  private double search(boolean fractional) {
    double low = 0;
    for (int s = 0; s < n; s++) {
      low = Math.max(low, movable[s] ? Math.min(pathLocal[s], pathRemote[s]) : pathLocal[s]);
    }
    double high = bound(new BitSet());
    if (feasible(low, fractional)) {
      return low;
    }
    for (int step = 0; step < SEARCH_STEPS && high - low > 1e-6 * high; step++) {
      double mid = (low + high) / 2;
      if (feasible(mid, fractional)) {
        high = mid;
      } else {
        low = mid;
      }
    }
    return high;
  }

  private boolean feasible(double t, boolean fractional) {
    return fractional ? fractionalFits(t) : assignment(t, false) != null;
  }

  private boolean fractionalFits(double t) {
    ClusterModel cluster = scenario.cluster();
    double home = 0;
    double slots = 0;
    for (int s = 0; s < n; s++) {
      switch (forced(s, t)) {
        case LOCAL -> home += homeLocal[s];
        case REMOTE -> {
          home += homeRemote[s];
          slots += slotWork[s];
        }
        case FREE -> home += homeLocal[s];
        case NEITHER -> {
          return false;
        }
      }
    }
    double capacity = cluster.totalSlots() * t - slots;
    if (capacity < 0) {
      return false;
    }
    double need = home - cluster.homeCores() * t;
    for (int i = 0; i < order.length && need > 0 && capacity > 0; i++) {
      int s = order[i];
      if (forced(s, t) != Choice.FREE) {
        continue;
      }
      double share = Math.min(1, capacity / slotWork[s]);
      need -= share * (homeLocal[s] - homeRemote[s]);
      capacity -= share * slotWork[s];
    }
    return need <= 0;
  }

  /**
   * The whole-site assignment for makespan {@code t}, or null when the greedy does not meet it;
   * with {@code fill}, every further site that saves home CPU and fits is sent too.
   */
  private BitSet assignment(double t, boolean fill) {
    ClusterModel cluster = scenario.cluster();
    BitSet remote = new BitSet(n);
    double home = 0;
    double slots = 0;
    double up = 0;
    double down = 0;
    for (int s = 0; s < n; s++) {
      switch (forced(s, t)) {
        case LOCAL, FREE -> home += homeLocal[s];
        case REMOTE -> {
          home += homeRemote[s];
          slots += slotWork[s];
          up += uplink[s];
          down += downlink[s];
          remote.set(s);
        }
        case NEITHER -> {
          return null;
        }
      }
    }
    double slotCapacity = cluster.totalSlots() * t;
    double need = home - cluster.homeCores() * t;
    for (int s : order) {
      if ((need <= 0 && !fill) || forced(s, t) != Choice.FREE) {
        continue;
      }
      if (slots + slotWork[s] <= slotCapacity && up + uplink[s] <= t && down + downlink[s] <= t) {
        remote.set(s);
        need -= homeLocal[s] - homeRemote[s];
        slots += slotWork[s];
        up += uplink[s];
        down += downlink[s];
      }
    }
    boolean fits = need <= 0 && slots <= slotCapacity && up <= t && down <= t;
    return fits ? remote : null;
  }

  private enum Choice {
    LOCAL,
    REMOTE,
    FREE,
    NEITHER
  }

  private Choice forced(int s, double t) {
    boolean local = pathLocal[s] <= t;
    boolean remote = movable[s] && pathRemote[s] <= t;
    if (local && remote) {
      return homeLocal[s] > homeRemote[s] ? Choice.FREE : Choice.LOCAL;
    }
    return local ? Choice.LOCAL : remote ? Choice.REMOTE : Choice.NEITHER;
  }

  /** Movable sites by home CPU saved per slot time used, best first (ties: lower index). */
  private int[] savingOrder() {
    return java.util.stream.IntStream.range(0, n)
        .filter(s -> movable[s] && homeLocal[s] > homeRemote[s])
        .boxed()
        .sorted(
            (a, b) -> {
              int byRatio =
                  Double.compare(
                      (homeLocal[b] - homeRemote[b]) / slotWork[b],
                      (homeLocal[a] - homeRemote[a]) / slotWork[a]);
              return byRatio != 0 ? byRatio : Integer.compare(a, b);
            })
        .mapToInt(Integer::intValue)
        .toArray();
  }

  private static double max(double... values) {
    return Arrays.stream(values).max().orElse(0);
  }
}
