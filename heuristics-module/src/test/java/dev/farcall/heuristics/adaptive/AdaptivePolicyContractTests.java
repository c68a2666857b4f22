package dev.farcall.heuristics.adaptive;

import static dev.farcall.heuristics.adaptive.Sites.MS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.farcall.heuristics.placement.TunableValidationException;
import dev.farcall.heuristics.placement.Tunables;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * The rules every {@link AdaptivePolicy} keeps (see its Javadoc). Each policy's test extends this
 * class and supplies the policy.
 */
abstract class AdaptivePolicyContractTests {

  /** The policy under test. */
  protected abstract AdaptivePolicy policy();

  private Tunables tunables(Map<String, ?> values) {
    return policy().tunables(values);
  }

  /** Runs rounds every 100 ms over fixed profiles, applying flips; returns every outcome. */
  private List<PolicyOutcome> run(List<SiteProfile> sites, int rounds, Tunables tunables) {
    List<PolicyOutcome> outcomes = new ArrayList<>();
    PolicyState state = PolicyState.initial();
    List<SiteProfile> current = sites;
    for (int r = 1; r <= rounds; r++) {
      long now = r * 100 * MS;
      PolicyOutcome outcome = policy().decide(Sites.round(now, current), state, tunables);
      outcomes.add(outcome);
      state = outcome.state();
      current = Sites.applied(current, outcome, now);
    }
    return outcomes;
  }

  private static List<SiteDecision> decisions(List<PolicyOutcome> outcomes) {
    return outcomes.stream().flatMap(o -> o.decisions().stream()).toList();
  }

  @Test
  void sitesThatAreNotMovableAreNeverFlippedNorTrialledWhateverTheirProfile() {
    List<SiteProfile> sites = new ArrayList<>();
    int id = 0;
    for (Movability fixed :
        List.of(Movability.PINNED, Movability.NOT_MOVABLE, Movability.OVERRIDDEN)) {
      sites.add(Sites.heavyLocal(id++, fixed));
      sites.add(Sites.heavyLocalMeasured(id++, fixed));
    }
    int movable = id;
    sites.add(Sites.heavyLocalMeasured(movable, Movability.MOVABLE));

    List<PolicyOutcome> outcomes = run(sites, 30, tunables(Map.of()));

    assertThat(decisions(outcomes)).extracting(SiteDecision::site).containsOnly(movable);
    assertThat(outcomes.stream().flatMap(o -> o.trials().stream()))
        .allSatisfy(t -> assertThat(t.site()).isEqualTo(movable));
  }

  @Test
  void aSiteIsNotFlippedAgainWithinItsDwell() {
    Tunables tunables = tunables(Map.of(PolicyLimits.MIN_DWELL_MILLIS, 700));
    PolicyState state = PolicyState.initial();
    List<SiteDecision> decisions = new ArrayList<>();
    SiteMode mode = SiteMode.LOCAL;
    long since = 0;
    for (int r = 1; r <= 100; r++) {
      long now = r * 100 * MS;
      // alternately a site remote pays for, and one that loses remotely
      SiteProfile site =
          mode == SiteMode.LOCAL
              ? withMode(Sites.heavyLocalMeasured(0, Movability.MOVABLE), mode, since)
              : Sites.remoteSite(0, since, 100 + r * 10L, 40 * MS);
      PolicyOutcome outcome = policy().decide(Sites.round(now, List.of(site)), state, tunables);
      state = outcome.state();
      for (SiteDecision d : outcome.decisions()) {
        decisions.add(d);
        mode = d.to();
        since = now;
      }
    }

    assertThat(decisions).as("the scenario must make the policy flip").hasSizeGreaterThan(2);
    for (int i = 1; i < decisions.size(); i++) {
      assertThat(decisions.get(i).atNanos() - decisions.get(i - 1).atNanos())
          .isGreaterThanOrEqualTo(700 * MS);
    }
  }

  @Test
  void theRunsFlipsInAnySecondNeverExceedTheCap() {
    List<SiteProfile> sites = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      sites.add(Sites.heavyLocalMeasured(i, Movability.MOVABLE));
    }

    List<SiteDecision> decisions =
        decisions(run(sites, 40, tunables(Map.of(PolicyLimits.MAX_FLIPS_PER_SECOND, 7))));

    assertThat(decisions).as("the scenario must make the policy flip").isNotEmpty();
    assertCapHeld(decisions, 7);
  }

  @Test
  void shadowModeRecordsDecisionsAppliesNoneAndAsksNoTrials() {
    List<SiteProfile> sites =
        List.of(
            Sites.heavyLocal(0, Movability.MOVABLE),
            Sites.heavyLocalMeasured(1, Movability.MOVABLE));
    Tunables shadow = tunables(Map.of(PolicyLimits.SHADOW, true));

    List<PolicyOutcome> outcomes = run(sites, 30, shadow);

    assertThat(decisions(outcomes)).as("decisions are recorded").isNotEmpty();
    assertThat(decisions(outcomes)).allSatisfy(d -> assertThat(d.applied()).isFalse());
    assertThat(outcomes).allSatisfy(o -> assertThat(o.trials()).isEmpty());
  }

  @Test
  void everyDecisionFlipsFromTheModeThePolicyHoldsAndGivesItsReason() {
    List<SiteProfile> sites =
        List.of(
            Sites.heavyLocalMeasured(0, Movability.MOVABLE), Sites.remoteSite(1, 0, 50, 40 * MS));

    List<PolicyOutcome> outcomes = run(sites, 20, tunables(Map.of()));

    assertThat(decisions(outcomes)).isNotEmpty();
    SiteMode[] held = {SiteMode.LOCAL, SiteMode.REMOTE};
    for (SiteDecision d : decisions(outcomes)) {
      assertThat(d.from()).isEqualTo(held[d.site()]).isNotEqualTo(d.to());
      assertThat(d.reason()).isNotBlank().containsPattern("\\d");
      assertThat(d.methodKey()).isEqualTo(Sites.key(d.site()));
      held[d.site()] = d.to();
    }
  }

  @Test
  void aRoundWithoutSitesIsQuiet() {
    PolicyOutcome outcome =
        policy().decide(Sites.round(100 * MS, List.of()), PolicyState.initial());

    assertThat(outcome.isQuiet()).isTrue();
    assertThat(outcome.state().siteCount()).isZero();
  }

  @Test
  void withoutWorkersNothingGoesRemote() {
    List<SiteProfile> sites =
        List.of(
            Sites.heavyLocal(0, Movability.MOVABLE),
            Sites.heavyLocalMeasured(1, Movability.MOVABLE));
    PolicyState state = PolicyState.initial();
    List<SiteDecision> decisions = new ArrayList<>();
    List<TrialRequest> trials = new ArrayList<>();
    for (int r = 1; r <= 30; r++) {
      PolicyRound round =
          new PolicyRound(r * 100 * MS, Sites.saturatedHome(), ClusterCapacity.NONE, sites);
      PolicyOutcome outcome = policy().decide(round, state);
      state = outcome.state();
      decisions.addAll(outcome.decisions());
      trials.addAll(outcome.trials());
    }

    assertThat(decisions).isEmpty();
    assertThat(trials).isEmpty();
  }

  @Test
  void theSameRoundAndStateGiveTheSameOutcomeAndTheStateIsNotChanged() {
    List<SiteProfile> sites = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      sites.add(i % 2 == 0 ? Sites.heavyLocalMeasured(i, Movability.MOVABLE) : Sites.tiny(i));
    }
    PolicyState state = run(sites, 3, tunables(Map.of())).get(2).state();
    PolicyRound round = Sites.round(400 * MS, sites);

    PolicyOutcome first = policy().decide(round, state);
    PolicyOutcome second = policy().decide(round, state);

    assertThat(second.decisions()).isEqualTo(first.decisions());
    assertThat(second.trials()).isEqualTo(first.trials());
    assertThat(second.state().rounds()).isEqualTo(state.rounds() + 1);
  }

  @Test
  void theStateHoldsOneMemoryPerSiteAndNoMoreFlipTimesThanTheCap() {
    List<SiteProfile> sites = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      sites.add(Sites.heavyLocalMeasured(i, Movability.MOVABLE));
    }

    PolicyState state =
        run(sites, 30, tunables(Map.of(PolicyLimits.MAX_FLIPS_PER_SECOND, 25))).get(29).state();

    assertThat(state.siteCount()).isEqualTo(300);
    assertThat(state.flipTimesKept()).isLessThanOrEqualTo(25);
    assertThat(state.totalFlips()).isGreaterThan(25);
  }

  @Test
  void everyBatchSizeIsAtLeastOne() {
    List<SiteProfile> sites =
        List.of(Sites.remoteSite(0, 0, 100, 5.5 * MS), Sites.tiny(1), Sites.remoteSite(2, 0, 0, 0));

    PolicyOutcome outcome = policy().decide(Sites.round(100 * MS, sites), PolicyState.initial());

    for (int i = 0; i < sites.size(); i++) {
      assertThat(outcome.batchSize(i)).isPositive();
    }
  }

  @Test
  void tunablesOutOfRangeOrUnknownAreRejected() {
    assertThatThrownBy(() -> tunables(Map.of(PolicyLimits.MAX_FLIPS_PER_SECOND, 0)))
        .isInstanceOf(TunableValidationException.class)
        .hasMessageContaining(PolicyLimits.MAX_FLIPS_PER_SECOND);
    assertThatThrownBy(() -> tunables(Map.of("noSuchTunable", 1)))
        .isInstanceOf(TunableValidationException.class);
    assertThat(policy().parameters())
        .extracting(d -> d.name())
        .contains(
            PolicyLimits.SHADOW,
            PolicyLimits.MIN_DWELL_MILLIS,
            PolicyLimits.MAX_FLIPS_PER_SECOND,
            PolicyLimits.TRIAL_CALLS);
  }

  /**
   * Over random profiles, random loads and random limits, driven like a run (flips applied, trial
   * calls answered): no site that is not movable leaves, no flip falls inside its dwell, no second
   * holds more flips than the cap, and shadow mode applies nothing.
   */
  @Property(tries = 150)
  void overRandomRunsTheLimitsHold(@ForAll long seed) {
    RandomRun run = new RandomRun(seed);
    Map<String, Object> values = new HashMap<>();
    values.put(PolicyLimits.MIN_DWELL_MILLIS, run.dwellMillis);
    values.put(PolicyLimits.MAX_FLIPS_PER_SECOND, run.cap);
    values.put(PolicyLimits.TRIAL_CALLS, run.trialCalls);
    values.put(PolicyLimits.SHADOW, run.shadow);

    List<PolicyOutcome> outcomes = run.drive(policy(), tunables(values));

    List<SiteDecision> decisions = decisions(outcomes);
    for (SiteDecision d : decisions) {
      assertThat(run.movability(d.site())).as(d.toString()).isEqualTo(Movability.MOVABLE);
      assertThat(d.applied()).isEqualTo(!run.shadow);
    }
    for (PolicyOutcome outcome : outcomes) {
      for (TrialRequest trial : outcome.trials()) {
        assertThat(run.movability(trial.site())).isEqualTo(Movability.MOVABLE);
        assertThat(run.shadow).isFalse();
      }
    }
    Map<Integer, Long> lastFlip = new HashMap<>();
    for (SiteDecision d : decisions) {
      Long previous = lastFlip.put(d.site(), d.atNanos());
      if (previous != null) {
        assertThat(d.atNanos() - previous)
            .as(d.toString())
            .isGreaterThanOrEqualTo(run.dwellMillis * MS);
      }
    }
    assertCapHeld(decisions, run.cap);
  }

  private static void assertCapHeld(List<SiteDecision> decisions, int cap) {
    for (SiteDecision d : decisions) {
      long inWindow =
          decisions.stream()
              .filter(o -> o.atNanos() > d.atNanos() - 1_000 * MS && o.atNanos() <= d.atNanos())
              .count();
      assertThat(inWindow)
          .as("flips in the second before %s", d.atNanos())
          .isLessThanOrEqualTo(cap);
    }
  }

  private static SiteProfile withMode(SiteProfile site, SiteMode mode, long since) {
    return new SiteProfile(
        site.id(),
        site.methodKey(),
        site.movability(),
        mode,
        since,
        site.local(),
        site.remote(),
        site.everMeasuredRemote());
  }
}
