package dev.farcall.heuristics.placement;

/**
 * Cost model from static estimates, replaced per method by a measured {@link MethodProfile} when
 * the problem has one.
 *
 * <ul>
 *   <li>own work = instructions × {@code nsPerInstruction} × {@code loopFactor}^(max loop depth);
 *   <li>work = own work + Σ over call sites {@code loopFactor}^(site loop depth) × callee's work; a
 *       recursive method or cycle counts its members' own work {@code recursionFactor} times plus
 *       the calls leaving the cycle, so recursion converges;
 *   <li>dispatch = {@code dispatchOverheadMicros} + {@code nsPerByte} × argument and result bytes.
 * </ul>
 *
 * <p>Every figure is capped at {@link #MAX_NANOS} so deep loop nests cannot overflow.
 */
public final class StaticCostModel implements CostModel {

  /** Upper bound of every estimate: about 2.8 hours, in ns. */
  public static final double MAX_NANOS = 1e13;

  private final CallGraph graph;
  private final CostParameters parameters;
  private final double[] own;
  private final double[] work;
  private final double[] dispatch;
  private final long[] bytes;
  private final boolean[] profiled;

  private StaticCostModel(CallGraph graph, CostParameters parameters) {
    this.graph = graph;
    this.parameters = parameters;
    int n = graph.size();
    own = new double[n];
    work = new double[n];
    dispatch = new double[n];
    bytes = new long[n];
    profiled = new boolean[n];
    for (int m = 0; m < n; m++) {
      MethodNode method = graph.methods[m];
      MethodProfile profile = graph.problem.profiles().get(method.key());
      own[m] =
          cap(
              method.instructionCount()
                  * parameters.nsPerInstruction()
                  * Math.pow(parameters.loopFactor(), method.maxLoopDepth()));
      bytes[m] = profile != null ? Math.round(profile.meanBytes()) : method.transferBytes();
      profiled[m] = profile != null;
      dispatch[m] =
          cap(parameters.dispatchOverheadMicros() * 1000 + parameters.nsPerByte() * bytes[m]);
    }
    computeInclusiveWork();
  }

  /** A cost model for {@code problem} with the given parameters. */
  public static StaticCostModel of(PlacementProblem problem, CostParameters parameters) {
    return new StaticCostModel(CallGraph.of(problem), parameters);
  }

  static StaticCostModel of(CallGraph graph, CostParameters parameters) {
    return new StaticCostModel(graph, parameters);
  }

  /** The parameters in use. */
  public CostParameters parameters() {
    return parameters;
  }

  /** Callees before callers, so each callee's work is known when its callers sum it. */
  private void computeInclusiveWork() {
    int[][] components = graph.componentsTopological;
    for (int c = components.length - 1; c >= 0; c--) {
      int[] members = components[c];
      boolean cycle = members.length > 1 || graph.recursive[members[0]];
      double total = 0;
      for (int m : members) {
        total += cycle ? parameters.recursionFactor() * own[m] : own[m];
        for (int s : graph.outSites[m]) {
          int callee = graph.siteCallee[s];
          if (!cycle || !contains(members, callee)) {
            total += callsPerExecution(s) * work[callee];
          }
        }
      }
      double value = cap(total);
      for (int m : members) {
        MethodProfile profile = graph.problem.profiles().get(graph.methods[m].key());
        if (profile == null) {
          work[m] = value;
        } else {
          // the measurement is inclusive: what is left after the callees is the method's own work
          work[m] = cap(profile.meanWorkMicros() * 1000);
          double callees = 0;
          for (int s : graph.outSites[m]) {
            callees += callsPerExecution(s) * work[graph.siteCallee[s]];
          }
          own[m] = Math.max(0, work[m] - callees);
        }
      }
    }
  }

  private static boolean contains(int[] sortedMembers, int id) {
    return java.util.Arrays.binarySearch(sortedMembers, id) >= 0;
  }

  private static double cap(double nanos) {
    return Math.min(nanos, MAX_NANOS);
  }

  double callsPerExecution(int site) {
    return cap(Math.pow(parameters.loopFactor(), graph.sites[site].loopDepth()));
  }

  double work(int m) {
    return work[m];
  }

  double ownWork(int m) {
    return own[m];
  }

  double dispatch(int m) {
    return dispatch[m];
  }

  Estimates estimates(int m) {
    return new Estimates(work[m], dispatch[m], bytes[m], profiled[m]);
  }

  private int id(String methodKey) {
    Integer id = graph.ids.get(methodKey);
    if (id == null) {
      throw new IllegalArgumentException("no method " + methodKey + " in the problem");
    }
    return id;
  }

  @Override
  public double workNanos(String methodKey) {
    return work[id(methodKey)];
  }

  @Override
  public double ownWorkNanos(String methodKey) {
    return own[id(methodKey)];
  }

  @Override
  public double dispatchNanos(String methodKey) {
    return dispatch[id(methodKey)];
  }

  @Override
  public long transferBytes(String methodKey) {
    return bytes[id(methodKey)];
  }

  @Override
  public double callsPerExecution(CallSite site) {
    return cap(Math.pow(parameters.loopFactor(), site.loopDepth()));
  }

  @Override
  public boolean profiled(String methodKey) {
    return profiled[id(methodKey)];
  }
}
