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
