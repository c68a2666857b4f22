package dev.farcall.coordinator.placement;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.farcall.heuristics.placement.Decision;
import dev.farcall.heuristics.placement.EstimateSource;
import dev.farcall.heuristics.placement.MethodPlacement;
import dev.farcall.heuristics.placement.OverrideMode;
import dev.farcall.heuristics.placement.PlacementPlan;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A placement plan as the REST API shows it. */
@Schema(name = "Placement", description = "Where each reached method of a program runs, and why")
@JsonInclude(JsonInclude.Include.NON_NULL)
record PlacementResponse(
    @Schema(description = "Plan version; absent for a preview with ?heuristic=", nullable = true)
        Integer version,
    @Schema(description = "The heuristic that made it") String heuristic,
    @Schema(description = "Every tunable value used, defaults included")
        Map<String, Object> tunables,
    @Schema(description = "Overrides in force, by pkg.Class#method(descriptor)")
        Map<String, OverrideMode> overrides,
    @Schema(description = "When it was computed; absent for a preview", nullable = true)
        Instant createdAt,
    @Schema(description = "One per method reached by a call site or an entry point")
        List<DecisionView> decisions) {

  /** The decision for one method. */
  @Schema(name = "PlacementDecision")
  record DecisionView(
      String className,
      String methodName,
      String descriptor,
      @Schema(description = "LOCAL, REMOTE or PINNED") Decision decision,
      @Schema(description = "Why, for people") String reason,
      EstimatesView estimates) {}

  /** The cost model's figures behind a decision. */
  @Schema(name = "PlacementEstimates")
  record EstimatesView(
      @Schema(description = "Estimated inclusive work of one call, ns") double workNanos,
      @Schema(description = "Estimated cost of dispatching one call, ns") double dispatchNanos,
      @Schema(description = "Estimated argument and result bytes of one call") long transferBytes,
      @Schema(
              description =
                  "Where the work figure comes from: STATIC (the bytecode fixes it), PROFILE (a"
                      + " measured profile), UNKNOWN (a loop bound or recursion the code does not"
                      + " fix: a guess)")
          EstimateSource source) {}

  static PlacementResponse of(StoredPlan stored) {
    return of(stored.version(), stored.plan(), stored.overrides(), stored.createdAt());
  }

  static PlacementResponse preview(PlacementPlan plan, Map<String, OverrideMode> overrides) {
    return of(null, plan, overrides, null);
  }

  private static PlacementResponse of(
      Integer version, PlacementPlan plan, Map<String, OverrideMode> overrides, Instant createdAt) {
    return new PlacementResponse(
        version,
        plan.heuristic(),
        plan.tunables(),
        new TreeMap<>(overrides),
        createdAt,
        plan.decisions().stream().map(PlacementResponse::view).toList());
  }

  private static DecisionView view(MethodPlacement d) {
    return new DecisionView(
        d.className(),
        d.methodName(),
        d.descriptor(),
        d.decision(),
        d.reason(),
        new EstimatesView(
            d.estimates().workNanos(),
            d.estimates().dispatchNanos(),
            d.estimates().transferBytes(),
            d.estimates().source()));
  }
}
