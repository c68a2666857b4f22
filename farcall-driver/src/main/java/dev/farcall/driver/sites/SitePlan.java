package dev.farcall.driver.sites;

import dev.farcall.model.MethodId;
import dev.farcall.model.wire.PlannedSite;
import java.util.List;

/**
 * A dispatchable method of the run and its initial decision. Methods absent from the plan are never
 * rewritten and always run at home, so the plan is the single gate for "nothing with effects
 * moves". A site's index in the plan is its id.
 *
 * @param estimatedWorkNanos the cost model's work per call, {@code NaN} when unknown
 * @param countsLocalCalls whether the site counts its calls while LOCAL (a counter costs some
 *     nanoseconds, too much for a tiny method)
 */
public record SitePlan(
    MethodId method,
    Decision decision,
    String reason,
    double estimatedWorkNanos,
    boolean countsLocalCalls) {

  /** From the run spec the coordinator sent. */
  public static SitePlan of(PlannedSite planned) {
    return new SitePlan(
        MethodId.of(planned.getMethod()),
        planned.getRemote() ? Decision.REMOTE : Decision.LOCAL,
        planned.getReason(),
        planned.getEstimatedWorkNanos(),
        planned.getCountLocalCalls());
  }

  /** The methods of a plan, in site-id order. */
  public static List<MethodId> methods(List<SitePlan> plan) {
    return plan.stream().map(SitePlan::method).toList();
  }
}
