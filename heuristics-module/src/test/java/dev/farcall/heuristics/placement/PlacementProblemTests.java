package dev.farcall.heuristics.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlacementProblemTests {

  @Test
  void overrideWithoutDescriptorAppliesToEveryOverload() {
    MethodNode one = MethodNode.builder("p.C", "f", "(I)I").build();
    MethodNode two = MethodNode.builder("p.C", "f", "(J)J").build();
    PlacementProblem problem = PlacementProblem.of(List.of(one, two), List.of(), Set.of());

    PlacementProblem overridden = problem.withOverrides(Map.of("p.C#f", OverrideMode.REMOTE));

    assertThat(overridden.overrides())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(one.key(), OverrideMode.REMOTE, two.key(), OverrideMode.REMOTE));
  }

  @Test
  void overrideOfUnknownMethodOrRemoteOnUnmovableIsRejectedAndNothingApplied() {
    MethodNode pinned = MethodNode.builder("p.C", "log", "()V").pinned("IO: C.log -> x").build();
    MethodNode free = MethodNode.builder("p.C", "f", "()V").build();
    PlacementProblem problem = PlacementProblem.of(List.of(pinned, free), List.of(), Set.of());

    assertThatThrownBy(
            () ->
                problem.withOverrides(
                    Map.of(
                        pinned.key(),
                        OverrideMode.REMOTE,
                        "p.C#missing",
                        OverrideMode.LOCAL,
                        free.key(),
                        OverrideMode.LOCAL)))
        .isInstanceOfSatisfying(
            OverrideRejectedException.class,
            e ->
                assertThat(e.reasons())
                    .containsOnlyKeys(pinned.key(), "p.C#missing")
                    .containsEntry(pinned.key(), "cannot run remotely: IO: C.log -> x"));
    assertThat(problem.overrides()).isEmpty();
  }

  @Test
  void callSiteToUnknownMethodIsRefused() {
    MethodNode free = MethodNode.builder("p.C", "f", "()V").build();

    assertThatThrownBy(
            () ->
                PlacementProblem.of(
                    List.of(free),
                    List.of(new CallSite(free.key(), "p.C#g()V", 0, 0, false)),
                    Set.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("p.C#g()V");
  }

  @Test
  void methodKeptHomeWithoutReasonIsRefused() {
    assertThatThrownBy(
            () -> new MethodNode("p.C#f()V", "p.C", "f", "()V", false, false, " ", false, 1, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs a reason");
  }
}
