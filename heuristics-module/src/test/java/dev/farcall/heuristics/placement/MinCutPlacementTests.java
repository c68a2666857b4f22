package dev.farcall.heuristics.placement;

import static dev.farcall.heuristics.placement.ParallelSumProgram.HINTED;
import static dev.farcall.heuristics.placement.ParallelSumProgram.SUM_OF_PRIMES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.farcall.heuristics.placement.synthetic.SyntheticProblems;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MinCutPlacementTests extends PlacementHeuristicContractTests {

  @Override
  protected PlacementHeuristic heuristic() {
    return new MinCutPlacement();
  }

  private static PlacementPlan place(PlacementProblem problem, Map<String, ?> tunables) {
    MinCutPlacement minCut = new MinCutPlacement();
    return minCut.place(problem, minCut.tunables(tunables));
  }

  @Test
  void remoteReasonMentionsTheCutAndItsFigures() {
    MethodPlacement sum =
        place(ParallelSumProgram.problem(), Map.of()).decisionFor(SUM_OF_PRIMES).orElseThrow();

    assertThat(sum.reason())
        .startsWith(
            "min-cut puts it on the cluster side: crossing cost 1.5 ms for 1 call from home vs estimated work 102.0 ms per call")
        .contains("called concurrently from ParallelSum.main, 2 workers")
        .contains("cut total");
  }

  @Test
  void noGainFromConcurrencyKeepsEverythingHome() {
    PlacementPlan plan =
        place(ParallelSumProgram.problem(), Map.of(MinCutPlacement.PARALLEL_GAIN, 0.0));

    assertThat(plan.methodsDecided(Decision.REMOTE)).isEmpty();
  }

  @Test
  void sequentialGainLetsHintedSequentialWorkMove() {
    PlacementPlan plan =
        place(ParallelSumProgram.problem(), Map.of(MinCutPlacement.SEQUENTIAL_GAIN, 1.0));

    assertThat(plan.decisionFor(HINTED).orElseThrow().decision()).isEqualTo(Decision.REMOTE);
  }

  @Test
  void everyMaxFlowAlgorithmFindsTheSamePlacement() {
    PlacementProblem problem = SyntheticProblems.generate(600, 5);
    PlacementPlan dinic = place(problem, Map.of());

    for (MinCutPlacement.Algorithm algorithm : MinCutPlacement.Algorithm.values()) {
      PlacementPlan other = place(problem, Map.of(MinCutPlacement.ALGORITHM, algorithm.name()));
      assertThat(other.methodsDecided(Decision.REMOTE))
          .as(algorithm.name())
          .isEqualTo(dinic.methodsDecided(Decision.REMOTE));
    }
  }
}
