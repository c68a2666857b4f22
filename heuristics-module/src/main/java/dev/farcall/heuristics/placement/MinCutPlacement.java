package dev.farcall.heuristics.placement;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jgrapht.alg.flow.DinicMFImpl;
import org.jgrapht.alg.flow.EdmondsKarpMFImpl;
import org.jgrapht.alg.flow.PushRelabelMFImpl;
import org.jgrapht.alg.interfaces.MinimumSTCutAlgorithm;
import org.jgrapht.graph.DefaultDirectedWeightedGraph;
import org.jgrapht.graph.DefaultWeightedEdge;

/**
 * {@code min-cut}: one global partition of the call graph into home and cluster, the minimum s-t
 * cut of a flow network (JGraphT), in the spirit of Coign and MAUI.
 *
 * <p>Source = home, sink = cluster. Entry points, pinned methods and their callers, and methods
 * that may not be dispatched but are called from there are merged into the source; methods
 * overridden REMOTE into the sink. The cut pays:
 *
 * <ul>
 *   <li>for each method left at home, the home work that running it remotely would save: its own
 *       work × how often it runs × the gain of moving it ({@code 1 - 1/(1 + workers ×
 *       parallelGain)} when it runs concurrently, {@code sequentialGain} otherwise, × {@code
 *       remoteHintBoost} for {@code @Remote});
 *   <li>for each call from home into the cluster, dispatch cost × how often the call runs.
 * </ul>
 *
 * <p>A method that may not be dispatched stays home when a caller at home calls it (infinite
 * capacity from caller to callee). A call from a cluster method to a home method costs nothing: the
 * callee then runs inside the caller on its worker. The cut minimises communication plus home work;
 * then the shared rules make only the outermost cluster call REMOTE and mark the methods whose
 * every caller is remote as running inside them. The network has at most one node per method and
 * one arc per distinct caller-callee pair.
 */
public final class MinCutPlacement extends AbstractPlacement {

  /** This heuristic's name. */
  public static final String NAME = "min-cut";

  /** Tunable: remote workers assumed. */
  public static final String WORKERS = "workers";

  /** Tunable: share of each worker that concurrent remote calls use. */
  public static final String PARALLEL_GAIN = "parallelGain";

  /** Tunable: share of sequential work that moving saves. */
  public static final String SEQUENTIAL_GAIN = "sequentialGain";

  /** Tunable: weight of the home work of {@code @Remote} methods. */
  public static final String REMOTE_HINT_BOOST = "remoteHintBoost";

  /** Tunable: the max-flow algorithm. */
  public static final String ALGORITHM = "algorithm";

  /** Max-flow algorithms offered by {@link #ALGORITHM}. */
  public enum Algorithm {
    /** Push-relabel with JGraphT's heuristics (the default: fastest on synthetic call graphs). */
    PUSH_RELABEL,
    /** Dinic's blocking flows. */
    DINIC,
    /** Edmonds-Karp shortest augmenting paths (slowest; for cross-checks). */
    EDMONDS_KARP
  }

  /** Largest finite capacity, in µs (about 17 minutes): keeps sums exact enough in doubles. */
  private static final double FINITE_CAP_MICROS = 1e9;

  /** Residual capacities below this (µs) count as zero, at least. */
  private static final double EPSILON_MICROS = 1e-6;

  /**
   * Ulps of the "infinite" capacity that count as zero: flow sums near it lose that much precision,
   * and a smaller tolerance would chase rounding noise.
   */
  private static final double EPSILON_ULPS = 64;

  /** Upper bound of how often a method is assumed to run. */
  private static final double MAX_FREQUENCY = 1e9;

  /** Creates the heuristic. */
  public MinCutPlacement() {
    super(
        List.of(
            TunableDescriptor.ofInt(
                WORKERS,
                2,
                1,
                100_000,
                "Remote workers assumed when weighing concurrent work that could run remotely."),
            TunableDescriptor.ofDouble(
                PARALLEL_GAIN,
                1.0,
                0,
                1,
                "Share of each worker that concurrent remote calls actually use; concurrent work"
                    + " moved saves 1 - 1/(1 + workers × parallelGain) of it at home."),
            TunableDescriptor.ofDouble(
                SEQUENTIAL_GAIN,
                0.0,
                0,
                1,
                "Share of sequential work that moving saves (0: the caller waits anyway)."),
            TunableDescriptor.ofDouble(
                REMOTE_HINT_BOOST,
                4,
                1,
                1000,
                "Weight of the home work of methods annotated @Remote."),
            TunableDescriptor.ofEnum(
                ALGORITHM,
                Algorithm.PUSH_RELABEL.name(),
                Arrays.stream(Algorithm.values()).map(Enum::name).toList(),
                "Max-flow algorithm used to find the minimum cut.")));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Partitions the call graph with a minimum s-t cut (home vs cluster) that minimises"
        + " dispatch cost of calls crossing the cut plus home work that could run concurrently on"
        + " workers; pinned methods and entry points stay home.";
  }

  @Override
  AutoChooser prepare(CallGraph graph, StaticCostModel cost, Tunables tunables) {
    Cut cut = new Cut(graph, cost, tunables);
    cut.solve(Algorithm.valueOf(tunables.getEnum(ALGORITHM)));
    return cut::choose;
  }

  /** The flow network of one problem and its minimum cut. */
  private static final class Cut {
    private final CallGraph graph;
    private final StaticCostModel cost;
    private final int workers;
    private final double concurrentGain;
    private final double sequentialGain;
    private final double hintBoost;
    private final double[] frequency;
    private final boolean[] concurrent;
    private final int[] vertexOf;
    private final boolean[] inCluster;
    private double cutNanos;
    private final int source;
    private final int sink;

    Cut(CallGraph graph, StaticCostModel cost, Tunables tunables) {
      this.graph = graph;
      this.cost = cost;
      int n = graph.size();
      workers = tunables.getInt(WORKERS);
      concurrentGain = 1 - 1 / (1 + workers * tunables.getDouble(PARALLEL_GAIN));
      sequentialGain = tunables.getDouble(SEQUENTIAL_GAIN);
      hintBoost = tunables.getDouble(REMOTE_HINT_BOOST);
      frequency = new double[n];
      concurrent = new boolean[n];
      vertexOf = new int[n];
      inCluster = new boolean[n];
      source = n;
      sink = n + 1;
      computeFrequencyAndConcurrency();
    }

    /** Callers first: how often each method runs per program run, and whether concurrently. */
    private void computeFrequencyAndConcurrency() {
      for (int[] members : graph.componentsTopological) {
        boolean cycle = members.length > 1 || graph.recursive[members[0]];
        double inflow = 0;
        boolean anyConcurrent = false;
        for (int m : members) {
          double own = graph.root[m] ? 1 : 0;
          for (int s : graph.inSites[m]) {
            int caller = graph.siteCaller[s];
            if (cycle && Arrays.binarySearch(members, caller) >= 0) {
              continue;
            }
            own += frequency[caller] * cost.callsPerExecution(s);
            concurrent[m] |= graph.sites[s].concurrent() || concurrent[caller];
          }
          frequency[m] = Math.min(own, MAX_FREQUENCY);
          inflow += own;
          anyConcurrent |= concurrent[m];
        }
        if (cycle) {
          double each = Math.min(inflow * cost.parameters().recursionFactor(), MAX_FREQUENCY);
          for (int m : members) {
            frequency[m] = each;
            concurrent[m] = anyConcurrent;
          }
        }
      }
    }

    private double gain(int m) {
      double gain = concurrent[m] ? concurrentGain : sequentialGain;
      return graph.methods[m].remoteHint() ? gain * hintBoost : gain;
    }

    /** Home work that moving the method would save, in ns. */
    private double homeCost(int m) {
      return cost.ownWork(m) * frequency[m] * gain(m);
    }

    /** Dispatch cost of one call site over the run, in ns. */
    private double crossingCost(int site) {
      int caller = graph.siteCaller[site];
      int callee = graph.siteCallee[site];
      return cost.dispatch(callee) * frequency[caller] * cost.callsPerExecution(site);
    }

    private boolean dispatchable(int m) {
      MethodNode method = graph.methods[m];
      return !method.staysHome() && graph.override[m] != OverrideMode.LOCAL;
    }

    void solve(Algorithm algorithm) {
      contract();
      int n = graph.size();
      // (from, to) -> capacity in µs; infinite arcs are +Infinity until the bound is known
      Map<Long, double[]> arcs = new LinkedHashMap<>();
      for (int m = 0; m < n; m++) {
        if (vertexOf[m] == m) {
          double home = homeCost(m) / 1000;
          if (home > EPSILON_MICROS) {
            addArc(arcs, m, sink, home);
          }
        }
      }
      for (int s = 0; s < graph.sites.length; s++) {
        int caller = vertexOf[graph.siteCaller[s]];
        int callee = vertexOf[graph.siteCallee[s]];
        if (caller != callee) {
          // a method that may not be dispatched runs where a caller at home runs
          double capacity =
              dispatchable(graph.siteCallee[s]) ? crossingCost(s) / 1000 : Double.POSITIVE_INFINITY;
          addArc(arcs, caller, callee, capacity);
        }
      }
      double finiteTotal = 0;
      for (double[] capacity : arcs.values()) {
        if (Double.isFinite(capacity[0])) {
          finiteTotal += capacity[0];
        }
      }
      // any cut through an "infinite" arc costs more than cutting every finite one
      double infinite = finiteTotal + 1;
      double epsilon = Math.max(EPSILON_MICROS, Math.ulp(infinite) * EPSILON_ULPS);
      DefaultDirectedWeightedGraph<Integer, DefaultWeightedEdge> network =
          new DefaultDirectedWeightedGraph<>(DefaultWeightedEdge.class);
      network.addVertex(source);
      network.addVertex(sink);
      for (int m = 0; m < n; m++) {
        if (vertexOf[m] == m) {
          network.addVertex(m);
        }
      }
      for (Map.Entry<Long, double[]> arc : arcs.entrySet()) {
        int from = (int) (arc.getKey() >>> 32);
        int to = (int) (long) arc.getKey();
        double capacity = Math.min(arc.getValue()[0], infinite);
        DefaultWeightedEdge edge = network.addEdge(from, to);
        network.setEdgeWeight(edge, capacity);
      }
      MinimumSTCutAlgorithm<Integer, DefaultWeightedEdge> algorithmImpl =
          switch (algorithm) {
            case DINIC -> new DinicMFImpl<>(network, epsilon);
            case EDMONDS_KARP -> new EdmondsKarpMFImpl<>(network, epsilon);
            case PUSH_RELABEL -> new PushRelabelMFImpl<>(network, epsilon);
          };
      cutNanos = algorithmImpl.calculateMinCut(source, sink) * 1000;
      Set<Integer> home = algorithmImpl.getSourcePartition();
      for (int m = 0; m < n; m++) {
        inCluster[m] = vertexOf[m] == sink || (vertexOf[m] == m && !home.contains(m));
      }
    }

    /**
     * Merges into the source what must run at home: pinned methods and everything that calls them
     * (a caller on a worker would call them there), entry points, and methods that may not be
     * dispatched when a caller at home calls them. Methods overridden REMOTE merge into the sink.
     */
    private void contract() {
      int n = graph.size();
      for (int m = 0; m < n; m++) {
        vertexOf[m] = graph.override[m] == OverrideMode.REMOTE ? sink : m;
      }
      ArrayDeque<Integer> pending = new ArrayDeque<>();
      for (int m = 0; m < n; m++) {
        if (graph.methods[m].pinned()) {
          vertexOf[m] = source;
          pending.add(m);
        }
      }
      while (!pending.isEmpty()) {
        for (int s : graph.inSites[pending.poll()]) {
          int caller = graph.siteCaller[s];
          if (vertexOf[caller] != source) {
            vertexOf[caller] = source;
            pending.add(caller);
          }
        }
      }
      for (int m = 0; m < n; m++) {
        if (vertexOf[m] == source || graph.root[m]) {
          vertexOf[m] = source;
          pending.add(m);
        }
      }
      while (!pending.isEmpty()) {
        for (int s : graph.outSites[pending.poll()]) {
          int callee = graph.siteCallee[s];
          if (vertexOf[callee] != source && !dispatchable(callee)) {
            vertexOf[callee] = source;
            pending.add(callee);
          }
        }
      }
    }

    private void addArc(Map<Long, double[]> arcs, int from, int to, double capacity) {
      if (from == sink || to == source) {
        return; // never crosses from the source side to the sink side
      }
      double bounded = Double.isFinite(capacity) ? Math.min(capacity, FINITE_CAP_MICROS) : capacity;
      long key = ((long) from << 32) | (to & 0xffffffffL);
      double[] existing = arcs.get(key);
      if (existing == null) {
        arcs.put(key, new double[] {bounded});
      } else {
        existing[0] =
            Double.isFinite(existing[0]) && Double.isFinite(bounded)
                ? Math.min(existing[0] + bounded, FINITE_CAP_MICROS)
                : Double.POSITIVE_INFINITY;
      }
    }

    Choice choose(int m, boolean calledConcurrently, String origin) {
      double crossing = 0;
      double calls = 0;
      for (int s : graph.inSites[m]) {
        if (!inCluster[graph.siteCaller[s]]) {
          crossing += crossingCost(s);
          calls += frequency[graph.siteCaller[s]] * cost.callsPerExecution(s);
        }
      }
      String context =
          calledConcurrently
              ? "called concurrently from " + origin + ", " + workers + " workers"
              : concurrent[m] ? "called concurrently" : "called sequentially";
      String figures =
          "crossing cost "
              + Durations.format(crossing)
              + " for "
              + Durations.count(calls)
              + (calls == 1 ? " call" : " calls")
              + " from home"
              + (inCluster[m]
                  ? " vs estimated work " + Durations.format(cost.work(m)) + " per call"
                  : " vs home work it would save " + Durations.format(homeCost(m)))
              + " ("
              + context
              + (graph.methods[m].remoteHint() ? ", @Remote hint" : "")
              + "); cut total "
              + Durations.format(cutNanos);
      return inCluster[m]
          ? new Choice(Decision.REMOTE, "min-cut puts it on the cluster side: " + figures)
          : new Choice(Decision.LOCAL, "min-cut keeps it on the home side: " + figures);
    }
  }
}
