package dev.farcall.driver.adaptive;

import static dev.farcall.driver.sites.Examples.method;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.farcall.driver.sites.Decision;
import dev.farcall.driver.sites.Examples;
import dev.farcall.driver.sites.InProcessRun;
import dev.farcall.driver.sites.SitePlan;
import dev.farcall.driver.sites.WorkerLikeInvoker;
import dev.farcall.heuristics.adaptive.AdaptivePolicy;
import dev.farcall.heuristics.adaptive.ClusterCapacity;
import dev.farcall.heuristics.adaptive.CostBenefitAdaptivePolicy;
import dev.farcall.heuristics.adaptive.CostBenefitOptions;
import dev.farcall.heuristics.adaptive.PolicyLimits;
import dev.farcall.heuristics.adaptive.PolicyOutcome;
import dev.farcall.heuristics.adaptive.PolicyRound;
import dev.farcall.heuristics.adaptive.PolicyState;
import dev.farcall.heuristics.placement.TunableDescriptor;
import dev.farcall.heuristics.placement.Tunables;
import dev.farcall.model.MethodId;
import dev.farcall.model.wire.SiteDecision;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The adaptive loop in a run's driver, with the rewritten program in process and a worker-like
 * invoker: a heavy site that the plan keeps LOCAL is measured and its trial calls go to the worker
 * while the program runs; a tiny one stays home; shadow mode records and applies nothing. Whether a
 * measured site then flips for good depends on real round trips, so that is shown end to end in
 * farcall-local's adaptive tests, not here (in process, a cold worker-like call costs more than the
 * local one).
 */
class AdaptiveLoopTests {

  private static final MethodId COLLATZ = method("parallelstream", "collatzBlock", "(J)J");
  private static final MethodId MIX = method("finegrained", "mix", "(I)I");
  private static final MethodId PRIMES = method("executor", "countPrimes", "(II)I");
  private static final ClusterCapacity FOUR_FREE_SLOTS = new ClusterCapacity(1, 4, 4);

  private final List<SiteDecision> decisions = new CopyOnWriteArrayList<>();

  private static SitePlan countedLocal(MethodId m) {
    return new SitePlan(m, Decision.LOCAL, "the static model keeps it home", 10, true);
  }

  private AdaptiveLoop loop(InProcessRun run, Map<String, Object> tunables) {
    var policy = new CostBenefitAdaptivePolicy();
    return new AdaptiveLoop(
        run.dispatcher,
        () -> Optional.of(FOUR_FREE_SLOTS),
        policy,
        policy.tunables(tunables),
        decisions::addAll,
        Duration.ofMillis(100));
  }

  @Test
  void aHeavySiteThePlanKeepsHomeIsMeasuredAndTriedRemoteWhileTheProgramRuns() throws Throwable {
    try (WorkerLikeInvoker worker = WorkerLikeInvoker.serving(Examples.JAR)) {
      InProcessRun run = InProcessRun.of(Examples.JAR, List.of(countedLocal(COLLATZ)), worker);
      try (AdaptiveLoop loop = loop(run, Map.of())) {
        loop.start();

        run.runMain(Examples.main("parallelstream"), "3000");

        assertThat(loop.rounds()).isPositive();
      }
      assertThat(worker.served(COLLATZ)).isPositive();
      assertThat(decisions)
          .anySatisfy(
              d -> {
                assertThat(d.getTo()).isEqualTo("REMOTE");
                assertThat(d.getApplied()).isTrue();
              });
    }
  }

  @Test
  void aRemoteSitesCallsGoOutCappedAtTheBatchSizeThePolicyMeasured() throws Throwable {
    try (WorkerLikeInvoker worker = WorkerLikeInvoker.serving(Examples.JAR)) {
      SitePlan remote = new SitePlan(COLLATZ, Decision.REMOTE, "the plan sends it away", 10, true);
      InProcessRun run = InProcessRun.of(Examples.JAR, List.of(remote), worker);
      assertThat(run.dispatcher.batchSize(0)).as("before any round").isEqualTo(Integer.MAX_VALUE);
      // judge the REMOTE site late, so that its calls keep going to the worker for a while
      try (AdaptiveLoop loop = loop(run, Map.of(CostBenefitOptions.MIN_SAMPLES, 1000))) {
        loop.start();

        run.runMain(Examples.main("parallelstream"), "3000");

        assertThat(loop.rounds()).isPositive();
      }
      // the policy's batch size (overhead over work, capped by calls at once and maxBatch) is set
      // on the site and asked of the dispatcher by its calls; it moves as the figures do
      assertThat(run.dispatcher.batchSize(0)).isBetween(1, CostBenefitOptions.DEFAULT_MAX_BATCH);
      assertThat(worker.lastCap(COLLATZ))
          .as("what the last call asked the dispatcher")
          .hasValueSatisfying(
              cap -> assertThat(cap).isBetween(1, CostBenefitOptions.DEFAULT_MAX_BATCH));
    }
  }

  /**
   * With one slot on the workers, a REMOTE site's second call at once runs at home rather than
   * queueing behind the first: the parallel stream's threads keep home's cores busy. (The common
   * pool gives the stream at least two threads on this 2-core machine.)
   */
  @Test
  void callsBeyondTheWorkersSlotsRunAtHomeMeanwhile() throws Throwable {
    try (WorkerLikeInvoker worker = WorkerLikeInvoker.serving(Examples.JAR)) {
      SitePlan remote = new SitePlan(COLLATZ, Decision.REMOTE, "the plan sends it away", 10, true);
      InProcessRun run = InProcessRun.of(Examples.JAR, List.of(remote), worker);
      AdaptivePolicy keepsEverything = new KeepsEveryDecision();
      try (AdaptiveLoop loop =
          new AdaptiveLoop(
              run.dispatcher,
              () -> Optional.of(new ClusterCapacity(1, 1, 1)),
              keepsEverything,
              keepsEverything.tunables(Map.of()),
              decisions::addAll,
              Duration.ofMillis(20))) {
        loop.start();
        await().pollInSameThread().atMost(Duration.ofSeconds(10)).until(() -> loop.rounds() > 0);

        run.runMain(Examples.main("parallelstream"), "3000");
      }
      assertThat(run.dispatcher.remoteCallsInFlightLimit()).isEqualTo(1);
      var site = run.stats().getSites().get(0);
      assertThat(site.getFallbacks()).isZero();
      assertThat(site.getRemoteCalls()).as("calls sent to the worker").isPositive();
      assertThat(site.getLocalCalls())
          .as("calls run at home while the slot was taken")
          .isPositive();
      assertThat(worker.served(COLLATZ)).isEqualTo(site.getRemoteCalls());
    }
  }

  @Test
  void aTinySiteStaysHome() throws Throwable {
    try (WorkerLikeInvoker worker = WorkerLikeInvoker.serving(Examples.JAR)) {
      InProcessRun run = InProcessRun.of(Examples.JAR, List.of(countedLocal(MIX)), worker);
      try (AdaptiveLoop loop = loop(run, Map.of())) {
        loop.start();

        run.runMain(Examples.main("finegrained"), "20000000", "10");

        assertThat(loop.rounds()).isPositive();
        assertThat(loop.startedJfr()).as("JFR started for one thread on idle cores").isFalse();
      }
      assertThat(worker.served(MIX)).isZero();
      assertThat(decisions).noneMatch(d -> d.getTo().equals("REMOTE"));
    }
  }

  /**
   * Home saturated (a pool of twice as many threads as cores, each calling the heavy site): the
   * policy would move the site, and in shadow mode records so and applies nothing. JFR, which can
   * only pay when home is saturated, is started.
   */
  @Test
  void inShadowModeDecisionsAreRecordedAndNoCallLeaves() throws Throwable {
    try (WorkerLikeInvoker worker = WorkerLikeInvoker.serving(Examples.JAR)) {
      InProcessRun run = InProcessRun.of(Examples.JAR, List.of(countedLocal(PRIMES)), worker);
      // Shadow mode makes no trial calls, so it judges on the assumed overhead alone: assume a
      // cheap one so that the heavy site is one the policy would move.
      Map<String, Object> shadow =
          Map.of(PolicyLimits.SHADOW, true, CostBenefitOptions.ASSUMED_OVERHEAD_MICROS, 20.0);
      String threads = String.valueOf(2 * Runtime.getRuntime().availableProcessors());
      // JFR as soon as home is saturated, not after the default's 20 s of CPU
      var jfrAtOnce = new AdaptiveLoop.JfrStart(Duration.ofSeconds(1), Duration.ZERO);
      try (AdaptiveLoop loop = loop(run, shadow).startingJfr(jfrAtOnce)) {
        loop.start();

        run.runMain(Examples.main("executor"), "160", "100000", threads);

        assertThat(loop.startedJfr()).as("JFR started on a saturated home").isTrue();
      }
      assertThat(worker.served(PRIMES)).isZero();
      assertThat(run.stats().getRemoteCalls()).isZero();
      assertThat(decisions).isNotEmpty().allSatisfy(d -> assertThat(d.getApplied()).isFalse());
    }
  }

  /** A policy that flips nothing and asks for no trial: the plan's decisions hold. */
  private static final class KeepsEveryDecision implements AdaptivePolicy {
    @Override
    public String name() {
      return "keeps-every-decision";
    }

    @Override
    public String description() {
      return "Flips nothing.";
    }

    @Override
    public List<TunableDescriptor> parameters() {
      return List.of();
    }

    @Override
    public PolicyOutcome decide(PolicyRound round, PolicyState state, Tunables tunables) {
      return new PolicyOutcome(List.of(), List.of(), state);
    }
  }
}
