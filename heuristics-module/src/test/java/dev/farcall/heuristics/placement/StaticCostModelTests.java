package dev.farcall.heuristics.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StaticCostModelTests {
  private static final CostParameters DEFAULTS = CostParameters.defaults();

  private static MethodNode node(String name, int instructions, int loopDepth, long bytes) {
    return MethodNode.builder("c.C", name, "()V").estimates(instructions, loopDepth, bytes).build();
  }

  private static String key(String name) {
    return MethodNode.keyOf("c.C", name, "()V");
  }

  @Test
  void workCountsOwnLoopsAndCalleesInLoopsTransitively() {
    PlacementProblem problem =
        PlacementProblem.of(
            List.of(node("a", 100, 1, 0), node("b", 10, 2, 0), node("c", 7, 0, 0)),
            List.of(
                new CallSite(key("a"), key("b"), 3, 1, false),
                new CallSite(key("b"), key("c"), 4, 0, false)),
            Set.of(key("a")));

    StaticCostModel cost = StaticCostModel.of(problem, DEFAULTS);

    // c = 7; b = 10 * 10^2 + 7 = 1007; a = 100 * 10 + 10 * 1007 = 11070
    assertThat(cost.workNanos(key("c"))).isEqualTo(7);
    assertThat(cost.workNanos(key("b"))).isEqualTo(1007);
    assertThat(cost.workNanos(key("a"))).isEqualTo(11_070);
    assertThat(cost.ownWorkNanos(key("a"))).isEqualTo(1_000);
  }

  @Test
  void recursionIsCountedRecursionFactorTimesAndStaysFinite() {
    PlacementProblem problem =
        PlacementProblem.of(
            List.of(node("main", 1, 0, 0), node("even", 10, 0, 0), node("odd", 20, 0, 0)),
            List.of(
                new CallSite(key("main"), key("even"), 1, 0, false),
                new CallSite(key("even"), key("odd"), 2, 0, false),
                new CallSite(key("odd"), key("even"), 3, 0, false)),
            Set.of(key("main")));

    StaticCostModel cost = StaticCostModel.of(problem, DEFAULTS);

    assertThat(cost.workNanos(key("even"))).isEqualTo(300);
    assertThat(cost.workNanos(key("odd"))).isEqualTo(300);
    assertThat(cost.workNanos(key("main"))).isEqualTo(301);
  }

  private static MethodNode counted(String name, Double... executionsByUnknownLoops) {
    return MethodNode.builder("c.C", name, "()V")
        .estimates(50, executionsByUnknownLoops.length - 1, 0)
        .bodyExecutions(List.of(executionsByUnknownLoops))
        .build();
  }

  @Test
  void constantTripCountsCountExactlyAndTheEstimateIsStatic() {
    // a body executing 4,000 instructions (a loop of 1,000), calling c 1,000 times
    PlacementProblem problem =
        PlacementProblem.of(
            List.of(counted("a", 4_000.0), node("c", 7, 0, 0)),
            List.of(new CallSite(key("a"), key("c"), 3, 1, false, 1_000, 0)),
            Set.of(key("a")));

    StaticCostModel cost = StaticCostModel.of(problem, DEFAULTS);

    assertThat(cost.ownWorkNanos(key("a"))).isEqualTo(4_000);
    assertThat(cost.workNanos(key("a"))).isEqualTo(4_000 + 1_000 * 7);
    assertThat(cost.estimates(key("a")).source()).isEqualTo(EstimateSource.STATIC);
    assertThat(cost.estimates(key("c")).source()).isEqualTo(EstimateSource.STATIC);
  }

  @Test
  void aLoopOfUnknownCountMakesTheEstimateUnknownAndCountsTheBodyAtItsDepth() {
    // 300 instructions outside loops of unknown count, 2,000 inside one: all at loopFactor 10
    PlacementProblem problem =
        PlacementProblem.of(
            List.of(counted("a", 300.0, 2_000.0), node("caller", 5, 0, 0)),
            List.of(new CallSite(key("caller"), key("a"), 1, 0, false)),
            Set.of(key("caller")));

    StaticCostModel cost = StaticCostModel.of(problem, DEFAULTS);

    assertThat(cost.ownWorkNanos(key("a"))).isEqualTo(23_000);
    assertThat(cost.estimates(key("a")).source()).isEqualTo(EstimateSource.UNKNOWN);
    assertThat(cost.estimates(key("caller")).source())
        .as("a caller of an unknown estimate")
        .isEqualTo(EstimateSource.UNKNOWN);
  }

  @Test
  void aCallInsideALoopOfUnknownCountOrRecursionMakesTheCallerUnknown() {
    PlacementProblem problem =
        PlacementProblem.of(
            List.of(
                counted("loops", 10.0),
                counted("leaf", 5.0),
                counted("recursive", 5.0),
                counted("calm", 3.0)),
            List.of(
                new CallSite(key("loops"), key("leaf"), 1, 1, false, 1, 1),
                new CallSite(key("recursive"), key("recursive"), 1, 0, false, 1, 0),
                new CallSite(key("calm"), key("leaf"), 1, 0, false, 1, 0)),
            Set.of(key("loops"), key("recursive"), key("calm")));

    StaticCostModel cost = StaticCostModel.of(problem, DEFAULTS);

    assertThat(cost.estimates(key("loops")).source()).isEqualTo(EstimateSource.UNKNOWN);
    assertThat(cost.workNanos(key("loops"))).isEqualTo(10 + 10 * 5);
    assertThat(cost.estimates(key("recursive")).source()).isEqualTo(EstimateSource.UNKNOWN);
    assertThat(cost.estimates(key("calm")).source()).isEqualTo(EstimateSource.STATIC);
  }

  @Test
  void aMeasuredProfileWinsOverTheStaticEstimateAndItsCallersAreNoLongerGuesses() {
    PlacementProblem problem =
        PlacementProblem.of(
                List.of(counted("caller", 10.0), counted("measured", 1.0, 100.0)),
                List.of(new CallSite(key("caller"), key("measured"), 1, 0, false)),
                Set.of(key("caller")))
            .withProfiles(Map.of(key("measured"), new MethodProfile(300, 64, 10)));

    StaticCostModel cost = StaticCostModel.of(problem, DEFAULTS);

    assertThat(cost.workNanos(key("measured"))).isEqualTo(300_000);
    assertThat(cost.estimates(key("measured")).source()).isEqualTo(EstimateSource.PROFILE);
    assertThat(cost.estimates(key("measured")).profiled()).isTrue();
    assertThat(cost.estimates(key("caller")).source()).isEqualTo(EstimateSource.STATIC);
    assertThat(cost.workNanos(key("caller"))).isEqualTo(10 + 300_000);
  }

  @Test
  void estimatesStoredBeforeSourcesExistedReadTheirSourceFromProfiled() {
    assertThat(new Estimates(1, 2, 3, true, null).source()).isEqualTo(EstimateSource.PROFILE);
    assertThat(new Estimates(1, 2, 3, false, null).source()).isEqualTo(EstimateSource.STATIC);
  }

  @Test
  void deepLoopNestsAreCappedInsteadOfOverflowing() {
    PlacementProblem problem =
        PlacementProblem.of(List.of(node("deep", 1_000_000, 30, 0)), List.of(), Set.of());

    assertThat(StaticCostModel.of(problem, DEFAULTS).workNanos(key("deep")))
        .isEqualTo(StaticCostModel.MAX_NANOS);
  }

  @Test
  void dispatchIsFixedOverheadPlusBytes() {
    PlacementProblem problem =
        PlacementProblem.of(List.of(node("m", 1, 0, 1_000)), List.of(), Set.of());

    assertThat(StaticCostModel.of(problem, DEFAULTS).dispatchNanos(key("m")))
        .isCloseTo(1_500_000 + 10 * 1_000, within(1e-6));
  }

  @Test
  void profileReplacesStaticEstimatesAndFeedsCallers() {
    PlacementProblem problem =
        PlacementProblem.of(
                List.of(node("a", 10, 0, 0), node("b", 10, 0, 8)),
                List.of(new CallSite(key("a"), key("b"), 1, 0, false)),
                Set.of(key("a")))
            .withProfiles(Map.of(key("b"), new MethodProfile(250, 4_096, 12)));

    StaticCostModel cost = StaticCostModel.of(problem, DEFAULTS);

    assertThat(cost.workNanos(key("b"))).isEqualTo(250_000);
    assertThat(cost.transferBytes(key("b"))).isEqualTo(4_096);
    assertThat(cost.profiled(key("b"))).isTrue();
    assertThat(cost.profiled(key("a"))).isFalse();
    assertThat(cost.workNanos(key("a"))).isEqualTo(250_010);
  }
}
