package dev.farcall.coordinator.run;

import dev.farcall.coordinator.analysis.AnalysisNotReadyException;
import dev.farcall.coordinator.placement.PlacementService;
import dev.farcall.coordinator.program.ProgramRef;
import dev.farcall.coordinator.run.driver.Decision;
import dev.farcall.coordinator.run.driver.RunPlan;
import dev.farcall.heuristics.placement.EstimateSource;
import dev.farcall.heuristics.placement.MethodPlacement;
import dev.farcall.heuristics.placement.OverrideMode;
import dev.farcall.heuristics.placement.PlacementPlan;
import dev.farcall.model.MethodId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The run plan from the program's placement: methods decided REMOTE are dispatched, methods decided
 * LOCAL (movable, but better at home) get stubs so that their decision can change during the run,
 * and PINNED methods are never touched. With no heuristic and no tunables the program's current
 * (persisted) plan is used; otherwise a plan is made for this run. While the analysis is not done,
 * nothing moves.
 */
@Component
class PlacementPlanSource implements RunPlanSource {

  private final PlacementService placement;

  PlacementPlanSource(PlacementService placement) {
    this.placement = placement;
  }

  @Override
  public RunPlan planFor(ProgramRef program, String heuristic, Map<String, Object> tunables) {
    Optional<PlacementPlan> plan;
    if (heuristic == null && (tunables == null || tunables.isEmpty())) {
      plan = placement.currentPlan(program.id());
    } else {
      try {
        plan = Optional.of(placement.plan(program.id(), heuristic, tunables));
      } catch (AnalysisNotReadyException notYet) {
        plan = Optional.empty();
      }
    }
    Map<String, OverrideMode> overrides = placement.currentOverrides(program.id());
    return plan.map(p -> toRunPlan(p, overrides)).orElse(RunPlan.empty());
  }

  static RunPlan toRunPlan(PlacementPlan plan, Map<String, OverrideMode> overrides) {
    List<RunPlan.PlannedMethod> methods =
        plan.decisions().stream()
            .filter(d -> d.decision() != dev.farcall.heuristics.placement.Decision.PINNED)
            .map(d -> planned(d, overrides.get(d.methodKey())))
            .toList();
    return new RunPlan(methods);
  }

  private static RunPlan.PlannedMethod planned(MethodPlacement d, OverrideMode override) {
    return new RunPlan.PlannedMethod(
        new MethodId(d.className(), d.methodName(), d.descriptor()),
        d.decision() == dev.farcall.heuristics.placement.Decision.REMOTE
            ? Decision.REMOTE
            : Decision.LOCAL,
        d.reason(),
        workOf(d),
        override == OverrideMode.LOCAL || override == OverrideMode.REMOTE);
  }

  /** The estimated work, unknown ({@code NaN}) when the bytecode does not fix it. */
  private static double workOf(MethodPlacement d) {
    if (d.estimates() == null || d.estimates().source() == EstimateSource.UNKNOWN) {
      return Double.NaN;
    }
    return d.estimates().workNanos();
  }
}
