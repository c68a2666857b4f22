package dev.farcall.heuristics.adaptive;

import static dev.farcall.heuristics.adaptive.Sites.MS;
import static dev.farcall.heuristics.adaptive.Sites.US;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CostBenefitAdaptivePolicyTests extends AdaptivePolicyContractTests {

  private final CostBenefitAdaptivePolicy policy = new CostBenefitAdaptivePolicy();

  @Override
  protected AdaptivePolicy policy() {
    return policy;
  }

  private PolicyOutcome decide(long now, PolicyState state, SiteProfile... sites) {
    return policy.decide(Sites.round(now, List.of(sites)), state);
  }

  @Test
  void heavySiteNeverMeasuredRemoteGetsTrialCallsBeforeItFlipsOnMeasuredFigures() {
    SiteProfile heavy = Sites.heavyLocal(0, Movability.MOVABLE);

    PolicyOutcome first = decide(100 * MS, PolicyState.initial(), heavy);
    PolicyOutcome waiting =
        decide(200 * MS, first.state(), withRemote(heavy, Sites.remote(2, 5 * MS, 5.8 * MS, 1)));
    PolicyOutcome measured =
        decide(300 * MS, waiting.state(), Sites.heavyLocalMeasured(0, Movability.MOVABLE));

    assertThat(first.decisions()).isEmpty();
    assertThat(first.trials())
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.calls()).isEqualTo(PolicyLimits.DEFAULT_TRIAL_CALLS);
              assertThat(t.reason()).startsWith("never measured remote: 4 trial calls");
            });
    assertThat(waiting.isQuiet()).as("the trial's calls are not all answered yet").isTrue();
    assertThat(measured.trials()).isEmpty();
    assertThat(measured.decisions())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.to()).isEqualTo(SiteMode.REMOTE);
              assertThat(d.cause()).isEqualTo(DecisionCause.REMOTE_FASTER);
              assertThat(d.figures().overheadNanos()).isEqualTo(800 * US);
              assertThat(d.reason())
                  .isEqualTo(
                      "remote 5.8 ms = overhead 800.0 µs + work 5.0 ms × max(1, 4 calls / 8 free slots);"
                          + " × 1.5 < home 10.0 ms (4 runnable threads on 2 cores)");
            });
  }

  @Test
  void withoutTrialsASiteFlipsOnTheAssumedOverheadAndSaysSo() {
    var tunables = policy.tunables(Map.of(PolicyLimits.TRIAL_CALLS, 0));

    PolicyOutcome outcome =
        policy.decide(
            Sites.round(100 * MS, List.of(Sites.heavyLocal(0, Movability.MOVABLE))),
            PolicyState.initial(),
            tunables);

    assertThat(outcome.decisions())
        .singleElement()
        .satisfies(d -> assertThat(d.reason()).endsWith("overhead assumed, none measured yet"));
  }

  @Test
  void sequentialHeavyCallsOnAnIdleHomeStayLocal() {
    // one call at a time on an idle home: remote only adds its overhead
    SiteProfile sequential =
        new SiteProfile(
            0,
            Sites.key(0),
            Movability.MOVABLE,
            SiteMode.LOCAL,
            0,
            Sites.local(100, 5 * MS, 1),
            Sites.remote(10, 5 * MS, 5.8 * MS, 1),
            true);

    PolicyOutcome outcome =
        policy.decide(
            new PolicyRound(
                100 * MS, new HomeLoad(2, 0.5, 1), Sites.freeCluster(), List.of(sequential)),
            PolicyState.initial());

    assertThat(outcome.isQuiet()).isTrue();
  }

  @Test
  void aSiteNeverCalledGetsNoTrialWhateverHomeIsDoing() {
    SiteProfile idle =
        new SiteProfile(
            0,
            Sites.key(0),
            Movability.MOVABLE,
            SiteMode.LOCAL,
            0,
            LocalProfile.NONE,
            RemoteProfile.NONE,
            false);

    PolicyOutcome outcome = decide(100 * MS, PolicyState.initial(), idle);

    assertThat(outcome.isQuiet()).isTrue();
  }

  @Test
  void aSiteWhoseTimedCallsKeepHomesCoresBusyIsTriedWithoutAnyCpuSample() {
    // JFR may start late: two calls at once on two cores, 1 s each on an idle home, no CPU sample
    SiteProfile busy =
        new SiteProfile(
            0,
            Sites.key(0),
            Movability.MOVABLE,
            SiteMode.LOCAL,
            0,
            new LocalProfile(40, 2, 2, 40, 1_000 * MS, 0),
            RemoteProfile.NONE,
            false);

    PolicyOutcome outcome =
        policy.decide(
            new PolicyRound(100 * MS, new HomeLoad(2, 1.0, 2), Sites.freeCluster(), List.of(busy)),
            PolicyState.initial());

    assertThat(outcome.trials()).singleElement().satisfies(t -> assertThat(t.site()).isZero());
  }

  @Test
  void tinySitesStayLocalOnASaturatedHomeAndGetNoTrials() {
    PolicyOutcome outcome = decide(100 * MS, PolicyState.initial(), Sites.tiny(0), Sites.tiny(1));

    assertThat(outcome.isQuiet()).isTrue();
  }

  @Test
  void siteThatLosesRemotelyGoesHomeAndWaitsTwiceTheDwellBeforeGoingAgain() {
    // site 1 runs remotely as expected all along: the run's lowest overhead is 800 µs
    SiteProfile healthy = Sites.remoteSite(1, 0, 100, 5.8 * MS);
    PolicyOutcome lost =
        decide(1_000 * MS, PolicyState.initial(), Sites.remoteSite(0, 0, 100, 40 * MS), healthy);

    assertThat(lost.decisions())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.to()).isEqualTo(SiteMode.LOCAL);
              assertThat(d.cause()).isEqualTo(DecisionCause.REMOTE_SLOWER);
              assertThat(d.reason())
                  .isEqualTo(
                      "measured round trip 40.0 ms > 1 × home 20.0 ms = work 5.0 ms × max(1, (4"
                          + " runnable + 4 calls) / 2 cores)");
            });
    PolicyState state = lost.state();
    SiteProfile backHome =
        withMode(Sites.heavyLocalMeasured(0, Movability.MOVABLE), SiteMode.LOCAL, 1_000 * MS);
    // the minimum dwell (500 ms) is over, but not twice it
    PolicyOutcome early = decide(1_600 * MS, state, backHome, healthy);
    PolicyOutcome later = decide(2_000 * MS, early.state(), backHome, healthy);

    assertThat(state.site(0).orElseThrow().losses()).isEqualTo(1);
    assertThat(state.overheadFloorNanos()).hasValue(800 * US);
    assertThat(early.decisions()).isEmpty();
    assertThat(later.decisions())
        .singleElement()
        .satisfies(d -> assertThat(d.to()).isEqualTo(SiteMode.REMOTE));
  }

  @Test
  void remoteSiteIsJudgedOnlyOnCallsMadeAfterItsFlip() {
    PolicyOutcome flipped =
        decide(100 * MS, PolicyState.initial(), Sites.heavyLocalMeasured(0, Movability.MOVABLE));
    // at the flip the site had 4 answered calls (the trial's); 2 more are too few to judge
    PolicyOutcome tooFew =
        decide(800 * MS, flipped.state(), Sites.remoteSite(0, 100 * MS, 6, 40 * MS));
    PolicyOutcome enough =
        decide(900 * MS, tooFew.state(), Sites.remoteSite(0, 100 * MS, 7, 40 * MS));

    assertThat(flipped.decisions()).hasSize(1);
    assertThat(tooFew.decisions()).isEmpty();
    assertThat(enough.decisions())
        .singleElement()
        .satisfies(
            d ->
                assertThat(d.reason())
                    .contains("expected remote 5.8 ms against home 10.0 ms at the flip"));
  }

  @Test
  void remoteSiteWhoseCallsTurnTinyComesHomeAsTooFineGrained() {
    // a first round measures the run's lowest overhead: 5.8 ms round trips of 5 ms of work
    PolicyState state =
        decide(
                100 * MS,
                PolicyState.initial(),
                Sites.remoteSite(0, 0, 10, 5.8 * MS),
                Sites.remoteSite(1, 0, 10, 5.8 * MS))
            .state();
    SiteProfile tinyNow =
        new SiteProfile(
            0,
            Sites.key(0),
            Movability.MOVABLE,
            SiteMode.REMOTE,
            0,
            LocalProfile.NONE,
            Sites.remote(100, 2 * US, 800 * US, 4),
            true);

    PolicyOutcome outcome =
        decide(1_000 * MS, state, tinyNow, Sites.remoteSite(1, 0, 10, 5.8 * MS));

    assertThat(outcome.decisions())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.cause()).isEqualTo(DecisionCause.TOO_FINE_GRAINED);
              assertThat(d.reason())
                  .isEqualTo(
                      "work 2.0 µs < 0.25 × the run's lowest overhead 800.0 µs: too fine-grained to pay remotely");
            });
  }

  @Test
  void remoteSitesGoHomeWhenNoWorkerIsLeft() {
    PolicyOutcome outcome =
        policy.decide(
            new PolicyRound(
                100 * MS,
                Sites.saturatedHome(),
                ClusterCapacity.NONE,
                List.of(Sites.remoteSite(0, 0, 100, 5.8 * MS))),
            PolicyState.initial());

    assertThat(outcome.decisions())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.cause()).isEqualTo(DecisionCause.NO_WORKERS);
              assertThat(d.to()).isEqualTo(SiteMode.LOCAL);
            });
  }

  @Test
  void batchSizeCarriesAboutOneOverheadOfWorkUpToTheCallsInFlight() {
    SiteProfile small =
        new SiteProfile(
            0,
            Sites.key(0),
            Movability.MOVABLE,
            SiteMode.REMOTE,
            0,
            LocalProfile.NONE,
            Sites.remote(100, 300 * US, 1_300 * US, 20),
            true);
    SiteProfile few =
        new SiteProfile(
            1,
            Sites.key(1),
            Movability.MOVABLE,
            SiteMode.REMOTE,
            0,
            LocalProfile.NONE,
            Sites.remote(100, 300 * US, 1_300 * US, 3),
            true);
    SiteProfile heavy = Sites.remoteSite(2, 0, 100, 5.8 * MS);

    // a home saturated eight times over: calls of 300 µs pay remotely despite 1 ms of overhead
    PolicyRound round =
        new PolicyRound(
            100 * MS, new HomeLoad(2, 1, 16), Sites.freeCluster(), List.of(small, few, heavy));

    PolicyOutcome outcome = policy.decide(round, PolicyState.initial());

    assertThat(outcome.batchSize(0)).isEqualTo(4);
    assertThat(outcome.batchSize(1)).isEqualTo(3);
    assertThat(outcome.batchSize(2)).isEqualTo(1);
  }

  @Test
  void whenMoreSitesWantToMoveThanTheCapAllowsTheLargestGainsGoFirst() {
    SiteProfile modest = Sites.heavyLocalMeasured(0, Movability.MOVABLE);
    SiteProfile large =
        new SiteProfile(
            1,
            Sites.key(1),
            Movability.MOVABLE,
            SiteMode.LOCAL,
            0,
            Sites.local(100, 40 * MS, 4),
            Sites.remote(4, 20 * MS, 20.8 * MS, 1),
            true);
    var capOne = policy.tunables(Map.of(PolicyLimits.MAX_FLIPS_PER_SECOND, 1));

    PolicyOutcome outcome =
        policy.decide(Sites.round(100 * MS, List.of(modest, large)), PolicyState.initial(), capOne);

    assertThat(outcome.decisions()).extracting(SiteDecision::site).containsExactly(1);
  }

  private static SiteProfile withRemote(SiteProfile site, RemoteProfile remote) {
    return new SiteProfile(
        site.id(),
        site.methodKey(),
        site.movability(),
        site.mode(),
        site.modeSinceNanos(),
        site.local(),
        remote,
        remote.calls() > 0);
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
