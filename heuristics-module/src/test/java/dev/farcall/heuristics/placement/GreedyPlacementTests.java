package dev.farcall.heuristics.placement;

import static dev.farcall.heuristics.placement.ParallelSumProgram.CHECKSUM;
import static dev.farcall.heuristics.placement.ParallelSumProgram.HINTED;
import static dev.farcall.heuristics.placement.ParallelSumProgram.SQUARE;
import static dev.farcall.heuristics.placement.ParallelSumProgram.SUM_OF_PRIMES;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class GreedyPlacementTests extends PlacementHeuristicContractTests {

  @Override
  protected PlacementHeuristic heuristic() {
    return new GreedyPlacement();
  }

  private static MethodPlacement decide(Map<String, ?> tunables, String key) {
    GreedyPlacement greedy = new GreedyPlacement();
    return greedy
        .place(ParallelSumProgram.problem(), greedy.tunables(tunables))
        .decisionFor(key)
        .orElseThrow();
  }

  @Test
  void remoteReasonComparesWorkWithKTimesDispatchAndNamesTheConcurrentCaller() {
    MethodPlacement sum = decide(Map.of(), SUM_OF_PRIMES);

    assertThat(sum.reason())
        .isEqualTo(
            "estimated work 102.0 ms ≥ 4 × dispatch 1.5 ms, called concurrently from"
                + " ParallelSum.main");
  }

  @Test
  void raisingKAboveTheWorkRatioKeepsTheHeavyMethodLocal() {
    assertThat(decide(Map.of(GreedyPlacement.K, 100.0), SUM_OF_PRIMES).decision())
        .isEqualTo(Decision.LOCAL);
  }

  @Test
  void sequentialCallNeedsSequentialFactorUnlessConcurrentOnlyIsOff() {
    assertThat(decide(Map.of(), CHECKSUM).reason())
        .isEqualTo("estimated work 20.0 ms < 50 × dispatch 1.5 ms, called sequentially");
    assertThat(decide(Map.of(GreedyPlacement.CONCURRENT_ONLY, false), CHECKSUM).decision())
        .isEqualTo(Decision.REMOTE);
    assertThat(decide(Map.of(GreedyPlacement.SEQUENTIAL_FACTOR, 5.0), CHECKSUM).decision())
        .isEqualTo(Decision.REMOTE);
  }

  @Test
  void remoteHintMovesAModestSequentialCall() {
    MethodPlacement hinted = decide(Map.of(), HINTED);

    assertThat(hinted.decision()).isEqualTo(Decision.REMOTE);
    assertThat(hinted.reason()).endsWith("@Remote hint");
    assertThat(decide(Map.of(GreedyPlacement.REMOTE_HINT_FACTOR, 10.0), HINTED).decision())
        .isEqualTo(Decision.LOCAL);
  }

  @Test
  void cheaperDispatchMakesTinyMethodWorthMovingOnlyWhenWorkExceedsIt() {
    Map<String, Object> freeDispatch =
        Map.of(CostParameters.DISPATCH_OVERHEAD_MICROS, 0.0, CostParameters.NS_PER_BYTE, 0.0);

    assertThat(decide(freeDispatch, SQUARE).decision()).isEqualTo(Decision.REMOTE);
  }
}
