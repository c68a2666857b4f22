package dev.farcall.heuristics.placement;

/**
 * Estimates what a call costs at home and what dispatching it to a worker costs. Methods are named
 * by key; asking about a key that is not in the problem is an {@link IllegalArgumentException}.
 */
public interface CostModel {

  /** Estimated inclusive work of one call (own body and callees, transitively), in ns. */
  double workNanos(String methodKey);

  /** Estimated work of the method's own body alone, in ns. */
  double ownWorkNanos(String methodKey);

  /** Estimated cost of dispatching one call to a worker (fixed overhead plus bytes), in ns. */
  double dispatchNanos(String methodKey);

  /** Estimated encoded argument plus result size of one call, in bytes. */
  long transferBytes(String methodKey);

  /** How often the site runs per execution of its caller (from the loops around it). */
  double callsPerExecution(CallSite site);

  /** Whether the method's figures come from a measured profile. */
  boolean profiled(String methodKey);

  /** Where the method's work figure comes from. */
  default EstimateSource source(String methodKey) {
    return profiled(methodKey) ? EstimateSource.PROFILE : EstimateSource.STATIC;
  }

  /** The figures for a method, as a plan reports them. */
  default Estimates estimates(String methodKey) {
    return new Estimates(
        workNanos(methodKey),
        dispatchNanos(methodKey),
        transferBytes(methodKey),
        source(methodKey));
  }
}
