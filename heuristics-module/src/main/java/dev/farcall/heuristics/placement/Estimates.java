package dev.farcall.heuristics.placement;

/**
 * The cost model's figures behind a decision.
 *
 * @param workNanos estimated inclusive work of one call (its own body and its callees), in ns
 * @param dispatchNanos estimated cost of dispatching one call to a worker, in ns
 * @param transferBytes estimated argument plus result bytes of one call
 * @param profiled whether the figures come from a measured profile ({@code source == PROFILE})
 * @param source where the work figure comes from; derived from {@code profiled} when absent (plans
 *     stored before sources existed)
 */
public record Estimates(
    double workNanos,
    double dispatchNanos,
    long transferBytes,
    boolean profiled,
    EstimateSource source) {

  /** Fills a missing source from {@code profiled} and keeps the two consistent. */
  public Estimates {
    if (source == null) {
      source = profiled ? EstimateSource.PROFILE : EstimateSource.STATIC;
    }
    profiled = source == EstimateSource.PROFILE;
  }

  /** Figures from the given source. */
  public Estimates(
      double workNanos, double dispatchNanos, long transferBytes, EstimateSource source) {
    this(workNanos, dispatchNanos, transferBytes, source == EstimateSource.PROFILE, source);
  }
}
