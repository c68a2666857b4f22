package dev.farcall.heuristics.placement;

/**
 * The cost model's figures behind a decision.
 *
 * @param workNanos estimated inclusive work of one call (its own body and its callees), in ns
 * @param dispatchNanos estimated cost of dispatching one call to a worker, in ns
 * @param transferBytes estimated argument plus result bytes of one call
 * @param profiled whether the figures come from a measured profile rather than static estimates
 */
public record Estimates(
    double workNanos, double dispatchNanos, long transferBytes, boolean profiled) {}
