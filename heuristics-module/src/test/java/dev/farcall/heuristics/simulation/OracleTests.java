package dev.farcall.heuristics.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.farcall.heuristics.adaptive.Movability;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class OracleTests {
  static final long MS = 1_000_000L;
  static final long US = 1_000L;

  /** Two cores at home, 2 workers of one slot, 1 ms round trip plus 300 µs of dispatch. */
  static final ClusterModel CLUSTER = new ClusterModel(2, 2, 1, MS, 1.25e9, 300 * US, 20 * US);

  /** Six sites of very different grain, two threads each, one pinned. */
  static Scenario small() {
    List<SimulatedSite> sites =
        List.of(
            site(Movability.MOVABLE, 200, 2 * MS),
            site(Movability.MOVABLE, 400, 500 * US),
            site(Movability.MOVABLE, 20_000, 5 * US),
            site(Movability.MOVABLE, 50, 8 * MS),
            site(Movability.PINNED, 100, MS),
            site(Movability.MOVABLE, 300, MS));
    return new Scenario(sites, CLUSTER, 11);
  }

  static SimulatedSite site(Movability movability, long calls, double work) {
    return new SimulatedSite(
        "o.S#f()V",
        movability,
        2,
        List.of(new Phase(calls, WorkDistribution.lognormal(work, 0.4), 256, 64)),
        0,
        0,
        0);
  }

  @Test
  void refinedOracleFindsTheBestOfEveryStaticAssignmentAndItsBoundIsBelowThemAll() {
    Scenario scenario = small();
    OracleResult oracle = Oracle.refined(scenario, 100);
    long best = Long.MAX_VALUE;
    int movable = 0b101111; // site 4 is pinned
    for (int mask = 0; mask < 64; mask++) {
      if ((mask & ~movable) != 0) {
        continue;
      }
      BitSet remote = BitSet.valueOf(new long[] {mask});
      long makespan =
          Simulator.run(scenario, new Strategy.Fixed("m" + mask, remote)).makespanNanos();
      best = Math.min(best, makespan);
      assertThat(oracle.lowerBoundNanos())
          .as("assignment %s", remote)
          .isLessThanOrEqualTo(makespan);
    }

    long oracleMakespan = Simulator.run(scenario, oracle.strategy()).makespanNanos();

    assertThat(oracleMakespan).isEqualTo(best);
    assertThat(oracle.remote().get(4)).as("the pinned site").isFalse();
    assertThat(oracle.remote().get(2)).as("the 5 µs site").isFalse();
  }

  @Test
  void theBoundsChoiceAloneIsWithinAQuarterOfTheBestWhenSlotsAreScarce() {
    // the bound ignores slot queueing, which dominates with two slots
    Scenario scenario = small();

    long fluid = Simulator.run(scenario, Oracle.of(scenario).strategy()).makespanNanos();
    long refined =
        Simulator.run(scenario, Oracle.refined(scenario, 100).strategy()).makespanNanos();

    assertThat(fluid).isGreaterThan(refined).isLessThan((long) (1.25 * refined));
  }

  @Test
  void theBoundHoldsForEveryStrategyOnALargeMix() {
    Scenario scenario = Workloads.mixed(400, 16, 5);
    OracleResult oracle = Oracle.of(scenario);

    for (Strategy strategy :
        List.of(Strategy.allLocal(), Strategy.allRemote(scenario), oracle.strategy())) {
      assertThat(Simulator.run(scenario, strategy).makespanNanos())
          .as(strategy.name())
          .isGreaterThanOrEqualTo((long) oracle.lowerBoundNanos());
    }
    assertThat(oracle.assignmentBoundNanos()).isGreaterThanOrEqualTo(oracle.lowerBoundNanos());
    assertThat(oracle.allLocalBoundNanos()).isGreaterThanOrEqualTo(oracle.assignmentBoundNanos());
  }

  @Test
  void nothingMovesWhenRemoteCannotPay() {
    // one thread of 1 µs calls: 1.3 ms of latency per call could never pay
    Scenario scenario = new Scenario(List.of(site(Movability.MOVABLE, 10_000, US)), CLUSTER, 1);

    assertThat(Oracle.of(scenario).remote().isEmpty()).isTrue();
  }
}
