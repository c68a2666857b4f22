package dev.farcall.heuristics.placement;

import java.util.List;

/**
 * Cost model from static estimates, replaced per method by a measured {@link MethodProfile} when
 * the problem has one (a measurement always wins).
 *
 * <ul>
 *   <li>own work = {@code nsPerInstruction} × the instructions one call executes: each instruction
 *       counts the product of the trip counts the bytecode fixes for the loops around it ({@code
 *       for (int i = 0; i < 1000; i++)} counts 1000, {@link MethodNode#bodyExecutions()}); when
 *       some loop's count is not fixed (it depends on parameters or data), the whole body counts
 *       {@code loopFactor}^(deepest nesting of such loops) times more, leaning high; a method
 *       without those figures counts every instruction at {@code loopFactor}^(max loop depth);
 *   <li>work = own work + Σ over call sites (known iterations × {@code loopFactor}^(loops of
 *       unknown count around the site)) × callee's work; a recursive method or cycle counts its
 *       members' own work {@code recursionFactor} times plus the calls leaving the cycle, so
 *       recursion converges;
 *   <li>dispatch = {@code dispatchOverheadMicros} + {@code nsPerByte} × argument and result bytes.
 * </ul>
 *
 * <p>Each figure has a {@link EstimateSource}: PROFILE when measured, UNKNOWN when a guess went
 * into it (a loop of unknown count, recursion, or a callee whose work is UNKNOWN), STATIC
 * otherwise. Every figure is capped at {@link #MAX_NANOS} so deep loop nests cannot overflow.
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
  private final boolean[] guessed;

  private StaticCostModel(CallGraph graph, CostParameters parameters) {
    this.graph = graph;
    this.parameters = parameters;
    int n = graph.size();
    own = new double[n];
    work = new double[n];
    dispatch = new double[n];
    bytes = new long[n];
    profiled = new boolean[n];
    guessed = new boolean[n];
    for (int m = 0; m < n; m++) {
      MethodNode method = graph.methods[m];
      MethodProfile profile = graph.problem.profiles().get(method.key());
      own[m] = cap(parameters.nsPerInstruction() * executions(method));
      guessed[m] = hasUnknownLoops(method);
      bytes[m] = profile != null ? Math.round(profile.meanBytes()) : method.transferBytes();
      profiled[m] = profile != null;
      dispatch[m] =
          cap(parameters.dispatchOverheadMicros() * 1000 + parameters.nsPerByte() * bytes[m]);
    }
    computeInclusiveWork();
  }

  /**
   * Instructions one call of the method's own body executes: constant trip counts exactly, and,
   * when some loop's count is unknown, the whole body at the deepest nesting of unknown loops
   * (loopFactor per level), as if all its code ran as often as that loop's body. That leans high
   * where the code cannot say, so a method whose loops depend on its arguments is never taken for
   * tiny (trial calls at run time measure it), and it gives a body without trip counts the estimate
   * it always had.
   */
  private double executions(MethodNode method) {
    List<Double> terms = method.bodyExecutions();
    if (terms.isEmpty()) {
      return method.instructionCount() * Math.pow(parameters.loopFactor(), method.maxLoopDepth());
    }
    double total = 0;
    int deepest = 0;
    for (int k = 0; k < terms.size(); k++) {
      total += terms.get(k);
      if (terms.get(k) > 0) {
        deepest = k;
      }
    }
    return total * Math.pow(parameters.loopFactor(), deepest);
  }

  private static boolean hasUnknownLoops(MethodNode method) {
    List<Double> terms = method.bodyExecutions();
    if (terms.isEmpty()) {
      return method.maxLoopDepth() > 0 && method.instructionCount() > 0;
    }
    for (int k = 1; k < terms.size(); k++) {
      if (terms.get(k) > 0) {
        return true;
      }
    }
    return false;
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
      boolean guess = cycle;
      for (int m : members) {
        total += cycle ? parameters.recursionFactor() * own[m] : own[m];
        guess |= guessed[m];
        for (int s : graph.outSites[m]) {
          int callee = graph.siteCallee[s];
          if (!cycle || !contains(members, callee)) {
            total += callsPerExecution(s) * work[callee];
            guess |= guessed[callee] || (graph.sites[s].unknownLoops() > 0 && work[callee] > 0);
          }
        }
      }
      double value = cap(total);
      for (int m : members) {
        guessed[m] = guess;
      }
      for (int m : members) {
        MethodProfile profile = graph.problem.profiles().get(graph.methods[m].key());
        if (profile == null) {
          work[m] = value;
        } else {
          // the measurement is inclusive: what is left after the callees is the method's own work
          work[m] = cap(profile.meanWorkMicros() * 1000);
          guessed[m] = false;
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
    return callsPerExecution(graph.sites[site]);
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
    return new Estimates(work[m], dispatch[m], bytes[m], source(m));
  }

  private EstimateSource source(int m) {
    if (profiled[m]) {
      return EstimateSource.PROFILE;
    }
    return guessed[m] ? EstimateSource.UNKNOWN : EstimateSource.STATIC;
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
    return cap(site.knownIterations() * Math.pow(parameters.loopFactor(), site.unknownLoops()));
  }

  @Override
  public boolean profiled(String methodKey) {
    return profiled[id(methodKey)];
  }

  @Override
  public EstimateSource source(String methodKey) {
    return source(id(methodKey));
  }
}
