package dev.farcall.heuristics.adaptive;

import static dev.farcall.heuristics.adaptive.Sites.MS;
import static dev.farcall.heuristics.adaptive.Sites.US;
import static org.assertj.core.api.Assertions.assertThat;

import dev.farcall.heuristics.simulation.ClusterModel;
import dev.farcall.heuristics.simulation.Phase;
import dev.farcall.heuristics.simulation.Scenario;
import dev.farcall.heuristics.simulation.SimulatedSite;
import dev.farcall.heuristics.simulation.SimulationResult;
import dev.farcall.heuristics.simulation.Simulator;
import dev.farcall.heuristics.simulation.Strategy;
import dev.farcall.heuristics.simulation.WorkDistribution;
import dev.farcall.heuristics.simulation.Workloads;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The cost-benefit policy driven by the cluster simulator the way the driver drives it (profiles
 * smoothed from counters every 100 ms of simulated time, flips and trial calls applied).
 */
class CostBenefitInSimulationTests {
  private static final long SECOND = 1_000 * MS;

  /** A home of 2 cores, 4 workers of 2 slots, 500 µs round trip and 300 µs dispatch. */
  private static final ClusterModel CLUSTER =
      new ClusterModel(2, 4, 2, 500 * US, 1.25e9, 300 * US, 20 * US);

  private final CostBenefitAdaptivePolicy policy = new CostBenefitAdaptivePolicy();

  /**
   * Four threads on two cores call one site: about 3 s of 1 µs calls (100 µs apart), then 1,600
   * calls of 5 ms, then tiny again.
   */
  private static Scenario phaseChange() {
    SimulatedSite site =
        Workloads.phased("p.Main#block(J)J", 4, 120_000, US, 1_600, 5 * MS, 100 * US);
    return new Scenario(List.of(site), CLUSTER, 1);
  }

  private SimulationResult run(Scenario scenario, Map<String, ?> tunables) {
    return Simulator.run(
        scenario, Strategy.adaptive(policy.name(), policy, policy.tunables(tunables)));
  }

  @Test
  void siteTurningHeavyMidwayGoesRemoteWithinTwoSecondsAndComesBackWhenItTurnsTiny() {
    SimulationResult result = run(phaseChange(), Map.of());

    long heavyFrom = result.phaseStart(0, 1).orElseThrow();
    long tinyFrom = result.phaseStart(0, 2).orElseThrow();
    List<SiteDecision> decisions = result.decisionsOf(0);
    assertThat(heavyFrom).as("the tiny phase lasts seconds").isGreaterThan(2 * SECOND);
    assertThat(decisions).hasSizeGreaterThanOrEqualTo(2);
    SiteDecision away = decisions.get(0);
    SiteDecision back = decisions.get(1);
    assertThat(away.to()).isEqualTo(SiteMode.REMOTE);
    assertThat(away.atNanos()).isBetween(heavyFrom, heavyFrom + 2 * SECOND);
    assertThat(back.to()).isEqualTo(SiteMode.LOCAL);
    assertThat(back.atNanos()).isBetween(tinyFrom, tinyFrom + 2 * SECOND);
    assertThat(result.trialCalls()).isEqualTo(PolicyLimits.DEFAULT_TRIAL_CALLS);
  }

  @Test
  void goingRemoteMidwayBeatsStayingHome() {
    Scenario scenario = phaseChange();

    long adaptive = run(scenario, Map.of()).makespanNanos();
    long allLocal = Simulator.run(scenario, Strategy.allLocal()).makespanNanos();

    assertThat(adaptive).isLessThan(allLocal);
  }

  @Test
  void fineGrainedSitesNeverGoRemoteNorGetTrialsEvenOnASaturatedHome() {
    List<SimulatedSite> sites = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      sites.add(
          SimulatedSite.movable(
              "p.Fine#mix" + i + "(I)I",
              4,
              new Phase(25_000, WorkDistribution.lognormal(20 * US, 0.5), 16, 8)));
    }
    Scenario scenario = new Scenario(sites, CLUSTER, 1);

    SimulationResult result = run(scenario, Map.of());

    assertThat(result.rounds()).isGreaterThan(10);
    assertThat(result.decisions()).isEmpty();
    assertThat(result.remoteCalls()).isZero();
    assertThat(result.makespanNanos())
        .isEqualTo(Simulator.run(scenario, Strategy.allLocal()).makespanNanos());
  }

  @Test
  void shadowModeRecordsTheSameKindOfDecisionsAndMakesNoRemoteCall() {
    SimulationResult shadow = run(phaseChange(), Map.of(PolicyLimits.SHADOW, true));

    assertThat(shadow.remoteCalls()).isZero();
    assertThat(shadow.decisions()).isNotEmpty().allSatisfy(d -> assertThat(d.applied()).isFalse());
    assertThat(shadow.decisions().get(0).to()).isEqualTo(SiteMode.REMOTE);
  }
}
