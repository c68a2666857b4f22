package dev.farcall.heuristics.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.farcall.heuristics.adaptive.Movability;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The simulator against makespans computed by hand. */
class SimulatorTests {
  static final long MS = 1_000_000L;
  static final long US = 1_000L;

  /** No latency, no transfer time, no home CPU per remote call. */
  static ClusterModel ideal(int cores, int workers, int slots) {
    return new ClusterModel(cores, workers, slots, 0, 1e15, 0, 0);
  }

  static SimulatedSite site(int threads, long calls, double workNanos) {
    return SimulatedSite.movable(
        "t.S#f()V", threads, new Phase(calls, WorkDistribution.constant(workNanos), 0, 0));
  }

  static Strategy.Fixed remote(int... sites) {
    BitSet set = new BitSet();
    for (int s : sites) {
      set.set(s);
    }
    return new Strategy.Fixed("remote", set);
  }

  static SimulationResult run(ClusterModel cluster, Strategy strategy, SimulatedSite... sites) {
    return Simulator.run(new Scenario(List.of(sites), cluster, 1), strategy);
  }

  @Test
  void oneThreadMakingLocalCallsTakesItsCallsTimesTheirWork() {
    SimulationResult result = run(ideal(1, 1, 1), Strategy.allLocal(), site(1, 100, MS));

    assertThat(result.makespanNanos()).isEqualTo(100 * MS);
    assertThat(result.localCalls()).isEqualTo(100);
    assertThat(result.remoteCalls()).isZero();
  }

  @Test
  void runnableThreadsShareTheCoresEqually() {
    // three calls of 10 ms on two cores: each progresses at 2/3, all end at 15 ms
    SimulationResult threeOnTwo = run(ideal(2, 1, 1), Strategy.allLocal(), site(3, 3, 10 * MS));
    SimulationResult twoOnOne =
        run(ideal(1, 1, 1), Strategy.allLocal(), site(1, 1, 10 * MS), site(1, 1, 10 * MS));

    assertThat(threeOnTwo.makespanNanos()).isEqualTo(15 * MS);
    assertThat(twoOnOne.makespanNanos()).isEqualTo(20 * MS);
  }

  @Test
  void aRemoteCallTakesHomeCpuTransfersLatencyAndWork() {
    // 50 µs of home CPU, 1,000 bytes at 1 MB/s (1 ms), half of 400 µs round trip plus 200 µs
    // dispatch (300 µs), 2 ms of work, 300 µs back, 500 bytes at 1 MB/s (500 µs)
    ClusterModel cluster = new ClusterModel(1, 1, 1, 400 * US, 1e6, 200 * US, 50 * US);
    SimulatedSite site =
        SimulatedSite.movable(
            "t.S#f()V", 1, new Phase(1, WorkDistribution.constant(2 * MS), 1_000, 500));

    SimulationResult result = run(cluster, remote(0), site);

    assertThat(result.makespanNanos()).isEqualTo((50 + 1_000 + 300 + 2_000 + 300 + 500) * US);
    assertThat(result.remoteCalls()).isEqualTo(1);
  }

  @Test
  void remoteCallsQueueForAFreeSlot() {
    SimulationResult oneSlot = run(ideal(1, 1, 1), remote(0), site(4, 4, 10 * MS));
    SimulationResult twoSlots = run(ideal(1, 1, 2), remote(0), site(4, 4, 10 * MS));

    assertThat(oneSlot.makespanNanos()).isEqualTo(40 * MS);
    assertThat(twoSlots.makespanNanos()).isEqualTo(20 * MS);
  }

  @Test
  void messagesQueueOnTheLinkInTheOrderTheyAreSent() {
    // two 1 MB arguments on a 1 MB/s uplink: the second waits for the first
    ClusterModel cluster = new ClusterModel(1, 1, 2, 0, 1e6, 0, 0);
    SimulatedSite site =
        SimulatedSite.movable(
            "t.S#f()V", 2, new Phase(2, WorkDistribution.constant(MS), 1_000_000, 0));

    SimulationResult result = run(cluster, remote(0), site);

    assertThat(result.makespanNanos()).isEqualTo(2_000 * MS + MS);
  }

  @Test
  void thinkTimeUsesHomesCpuAndIdleTimeDoesNot() {
    SimulatedSite thinking =
        new SimulatedSite(
            "t.S#f()V",
            Movability.MOVABLE,
            1,
            List.of(new Phase(10, WorkDistribution.constant(MS), 0, 0)),
            MS,
            2 * MS,
            0);
    SimulatedSite other = site(1, 1, 30 * MS);

    SimulationResult alone = run(ideal(1, 1, 1), Strategy.allLocal(), thinking);
    SimulationResult shared = run(ideal(1, 1, 1), Strategy.allLocal(), thinking, other);

    assertThat(alone.makespanNanos()).isEqualTo(10 * (1 + 1 + 2) * MS);
    // the other site's 30 ms fit into the idle time and share the CPU: 20 ms of CPU and 30 ms
    // of work on one core need at least 50 ms
    assertThat(shared.makespanNanos()).isGreaterThanOrEqualTo(50 * MS);
  }

  @Test
  void aSiteStartsAtItsStartTime() {
    SimulationResult result =
        run(ideal(1, 1, 1), Strategy.allLocal(), site(1, 10, MS).startingAt(5 * MS));

    assertThat(result.makespanNanos()).isEqualTo(15 * MS);
    assertThat(result.phaseStart(0, 0)).hasValue(5 * MS);
  }

  @Test
  void phasesFollowEachOtherByCallNumber() {
    SimulatedSite site = Workloads.phased("t.S#f()V", 1, 10, MS, 5, 10 * MS, 0);

    SimulationResult result = run(ideal(1, 1, 1), Strategy.allLocal(), site);

    assertThat(result.phaseStart(0, 1)).hasValue(10 * MS);
    assertThat(result.phaseStart(0, 2)).hasValue(60 * MS);
    assertThat(result.makespanNanos()).isEqualTo(70 * MS);
  }

  @Test
  void theSameScenarioAndStrategyGiveTheSameResult() {
    Scenario scenario = Workloads.mixed(300, 8, 7);

    SimulationResult first = Simulator.run(scenario, Strategy.allRemote(scenario));
    SimulationResult second = Simulator.run(scenario, Strategy.allRemote(scenario));

    assertThat(second.makespanNanos()).isEqualTo(first.makespanNanos());
    assertThat(second.events()).isEqualTo(first.events());
  }

  @Test
  void lognormalAndExponentialWorksHaveTheirMeanOverATrace() {
    List<SimulatedSite> sites = new ArrayList<>();
    sites.add(site(1, 1, 1));
    Scenario scenario = new Scenario(sites, ideal(1, 1, 1), 3);
    for (WorkDistribution work :
        List.of(WorkDistribution.lognormal(MS, 0.8), WorkDistribution.exponential(MS))) {
      Trace trace =
          new Trace(
              new Scenario(
                  List.of(SimulatedSite.movable("t.S#f()V", 1, new Phase(200_000, work, 0, 0))),
                  scenario.cluster(),
                  3));
      double sum = 0;
      for (long j = 0; j < 200_000; j++) {
        sum += trace.work(0, j);
      }
      assertThat(sum / 200_000).as(work.toString()).isBetween(0.98 * MS, 1.02 * MS);
    }
  }
}
