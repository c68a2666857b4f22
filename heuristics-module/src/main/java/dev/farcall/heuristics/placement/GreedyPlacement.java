package dev.farcall.heuristics.placement;

import java.util.List;

/**
 * {@code greedy}: a movable method called from home goes remote when its estimated work is at least
 * {@code k} times the estimated cost of dispatching it.
 *
 * <p>With {@code concurrentOnly} (the default) a call that does not run concurrently needs {@code
 * sequentialFactor} times the dispatch cost instead, because a remote call from a sequential loop
 * only adds latency unless the work is huge. A {@code @Remote} hint lowers the factor to {@code
 * remoteHintFactor} wherever the call is. Only the outermost movable call on a path moves. Linear
 * in methods plus call sites.
 */
public final class GreedyPlacement extends AbstractPlacement {

  /** This heuristic's name. */
  public static final String NAME = "greedy";

  /** Tunable: work-to-dispatch factor for concurrent calls. */
  public static final String K = "k";

  /** Tunable: whether sequential calls need {@link #SEQUENTIAL_FACTOR} instead of {@link #K}. */
  public static final String CONCURRENT_ONLY = "concurrentOnly";

  /** Tunable: work-to-dispatch factor for sequential calls when {@link #CONCURRENT_ONLY}. */
  public static final String SEQUENTIAL_FACTOR = "sequentialFactor";

  /** Tunable: work-to-dispatch factor for methods annotated {@code @Remote}. */
  public static final String REMOTE_HINT_FACTOR = "remoteHintFactor";

  /** Creates the heuristic. */
  public GreedyPlacement() {
    super(
        List.of(
            TunableDescriptor.ofDouble(
                K,
                4,
                0.01,
                1000,
                "A movable call goes remote when its estimated work is at least k times the"
                    + " estimated dispatch cost."),
            TunableDescriptor.ofBoolean(
                CONCURRENT_ONLY,
                true,
                "Only calls in a concurrent context (parallel streams, executors, fork/join, async"
                    + " futures) use k; sequential calls need sequentialFactor."),
            TunableDescriptor.ofDouble(
                SEQUENTIAL_FACTOR,
                50,
                0.01,
                1_000_000,
                "Work-to-dispatch factor a sequential call needs when concurrentOnly is set."),
            TunableDescriptor.ofDouble(
                REMOTE_HINT_FACTOR,
                0.5,
                0,
                1000,
                "Work-to-dispatch factor for methods annotated @Remote, wherever they are called:"
                    + " hinted methods move unless tiny.")));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Sends a movable call remote when its estimated work is at least k times its estimated"
        + " dispatch cost (sequential calls need sequentialFactor); only the outermost movable"
        + " call on a path moves.";
  }

  @Override
  AutoChooser prepare(CallGraph graph, StaticCostModel cost, Tunables tunables) {
    double k = tunables.getDouble(K);
    boolean concurrentOnly = tunables.getBoolean(CONCURRENT_ONLY);
    double sequentialFactor = tunables.getDouble(SEQUENTIAL_FACTOR);
    double hintFactor = tunables.getDouble(REMOTE_HINT_FACTOR);
    return (m, concurrent, origin) -> {
      double factor;
      String context;
      if (graph.methods[m].remoteHint()) {
        factor = hintFactor;
        context = "@Remote hint";
      } else if (concurrent) {
        factor = k;
        context = "called concurrently from " + origin;
      } else {
        factor = concurrentOnly ? sequentialFactor : k;
        context = "called sequentially";
      }
      double work = cost.work(m);
      double dispatch = cost.dispatch(m);
      boolean remote = work > 0 && work >= factor * dispatch;
      String reason =
          "estimated work "
              + Durations.format(work)
              + (remote ? " ≥ " : " < ")
              + Durations.factor(factor)
              + " × dispatch "
              + Durations.format(dispatch)
              + ", "
              + context;
      return new Choice(remote ? Decision.REMOTE : Decision.LOCAL, reason);
    };
  }
}
