package dev.farcall.heuristics.placement;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlacementHeuristicsTests {

  @Test
  void builtInsAreGreedyAndMinCutWithGreedyAsDefault() {
    PlacementHeuristics heuristics = PlacementHeuristics.builtIn();

    assertThat(heuristics.all())
        .extracting(PlacementHeuristic::name)
        .containsExactly("greedy", "min-cut");
    assertThat(heuristics.defaultHeuristic()).isInstanceOf(GreedyPlacement.class);
    assertThat(heuristics.find("min-cut")).containsInstanceOf(MinCutPlacement.class);
    assertThat(heuristics.find("random")).isEmpty();
    assertThat(heuristics.all()).allSatisfy(h -> assertThat(h.description()).isNotBlank());
  }
}
