package dev.farcall.heuristics.placement;

import static dev.farcall.heuristics.placement.ParallelSumProgram.CHECKSUM;
import static dev.farcall.heuristics.placement.ParallelSumProgram.IS_PRIME;
import static dev.farcall.heuristics.placement.ParallelSumProgram.MAIN;
import static dev.farcall.heuristics.placement.ParallelSumProgram.SORT_IN_PLACE;
import static dev.farcall.heuristics.placement.ParallelSumProgram.SQUARE;
import static dev.farcall.heuristics.placement.ParallelSumProgram.SUM_OF_PRIMES;
import static dev.farcall.heuristics.placement.ParallelSumProgram.WRITE_REPORT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.farcall.heuristics.placement.synthetic.SyntheticProblems;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The rules every {@link PlacementHeuristic} keeps. Each heuristic's test extends this class and
 * supplies the heuristic.
 */
abstract class PlacementHeuristicContractTests {

  /** The heuristic under test, with fresh state. */
  protected abstract PlacementHeuristic heuristic();

  private PlacementPlan place(PlacementProblem problem) {
    return heuristic().place(problem);
  }

  private static MethodPlacement decision(PlacementPlan plan, String key) {
    return plan.decisionFor(key).orElseThrow(() -> new AssertionError("no decision for " + key));
  }

  @Test
  void pinnedAndUnmovableMethodsArePinnedWithTheAnalysisReason() {
    PlacementPlan plan = place(ParallelSumProgram.problem());

    assertThat(decision(plan, WRITE_REPORT).decision()).isEqualTo(Decision.PINNED);
    assertThat(decision(plan, WRITE_REPORT).reason())
        .isEqualTo("pinned: " + ParallelSumProgram.REPORT_REASON);
    assertThat(decision(plan, SORT_IN_PLACE).decision()).isEqualTo(Decision.PINNED);
    assertThat(decision(plan, SORT_IN_PLACE).reason())
        .isEqualTo("not movable: " + ParallelSumProgram.MUTATION_REASON);
    assertThat(decision(plan, MAIN).decision()).isEqualTo(Decision.PINNED);
  }

  @Test
  void tinyPureMethodCalledConcurrentlyStaysLocal() {
    PlacementPlan plan = place(ParallelSumProgram.problem());

    assertThat(decision(plan, SQUARE).decision()).isEqualTo(Decision.LOCAL);
  }

  @Test
  void heavyPureMethodCalledFromParallelStreamGoesRemote() {
    PlacementPlan plan = place(ParallelSumProgram.problem());

    MethodPlacement sum = decision(plan, SUM_OF_PRIMES);
    assertThat(sum.decision()).isEqualTo(Decision.REMOTE);
    assertThat(sum.reason()).contains("ParallelSum.main");
    assertThat(sum.estimates().workNanos()).isGreaterThan(sum.estimates().dispatchNanos());
  }

  @Test
  void measuredProfileReplacesTheStaticEstimate() {
    PlacementProblem profiled =
        ParallelSumProgram.problem()
            .withProfiles(Map.of(SQUARE, new MethodProfile(50_000, 64, 200)));

    MethodPlacement square = decision(place(profiled), SQUARE);

    assertThat(square.decision()).isEqualTo(Decision.REMOTE);
    assertThat(square.estimates().profiled()).isTrue();
    assertThat(square.estimates().workNanos()).isEqualTo(50_000_000);
    assertThat(square.estimates().transferBytes()).isEqualTo(64);
  }

  @Test
  void heavyMethodCalledOnceSequentiallyStaysLocal() {
    PlacementPlan plan = place(ParallelSumProgram.problem());

    assertThat(decision(plan, CHECKSUM).decision()).isEqualTo(Decision.LOCAL);
  }

  @Test
  void onlyTheOutermostMovableCallMoves() {
    PlacementPlan plan = place(ParallelSumProgram.problem());

    assertThat(decision(plan, SUM_OF_PRIMES).decision()).isEqualTo(Decision.REMOTE);
    MethodPlacement inner = decision(plan, IS_PRIME);
    assertThat(inner.decision()).isEqualTo(Decision.LOCAL);
    assertThat(inner.reason()).isEqualTo("runs inside remote ParallelSum.sumOfPrimes");
  }

  @Test
  void methodCalledFromHomeAndFromInsideARemoteMethodStaysRemoteForTheHomeCall() {
    List<CallSite> sites = new ArrayList<>(ParallelSumProgram.sites());
    sites.add(new CallSite(MAIN, IS_PRIME, 80, 0, true));
    PlacementProblem problem =
        PlacementProblem.of(ParallelSumProgram.methods(), sites, Set.of(MAIN));

    PlacementPlan plan = place(problem);

    assertThat(decision(plan, SUM_OF_PRIMES).decision()).isEqualTo(Decision.REMOTE);
    assertThat(decision(plan, IS_PRIME).decision()).isEqualTo(Decision.REMOTE);
  }

  @Test
  void overrideLocalOnOuterMethodLetsItsHeavyCalleeMove() {
    PlacementPlan plan =
        place(ParallelSumProgram.problem(Map.of(SUM_OF_PRIMES, OverrideMode.LOCAL)));

    assertThat(decision(plan, SUM_OF_PRIMES).decision()).isEqualTo(Decision.LOCAL);
    assertThat(decision(plan, SUM_OF_PRIMES).reason()).isEqualTo("override LOCAL");
    assertThat(decision(plan, IS_PRIME).decision()).isEqualTo(Decision.REMOTE);
  }

  @Test
  void overrideRemoteSendsTinyMovableMethodRemote() {
    PlacementPlan plan = place(ParallelSumProgram.problem(Map.of(SQUARE, OverrideMode.REMOTE)));

    assertThat(decision(plan, SQUARE).decision()).isEqualTo(Decision.REMOTE);
    assertThat(decision(plan, SQUARE).reason()).isEqualTo("override REMOTE");
  }

  @Test
  void overrideAutoRestoresTheHeuristicsDecision() {
    PlacementProblem problem =
        ParallelSumProgram.problem(Map.of(SUM_OF_PRIMES, OverrideMode.LOCAL))
            .withOverrides(Map.of(SUM_OF_PRIMES, OverrideMode.AUTO));

    assertThat(decision(place(problem), SUM_OF_PRIMES).decision()).isEqualTo(Decision.REMOTE);
  }

  @Test
  void overrideRemoteOnPinnedMethodIsRejectedWithItsReason() {
    PlacementProblem forced =
        new PlacementProblem(
            ParallelSumProgram.methods(),
            ParallelSumProgram.sites(),
            Set.of(MAIN),
            Map.of(WRITE_REPORT, OverrideMode.REMOTE, SORT_IN_PLACE, OverrideMode.REMOTE),
            Map.of());

    assertThatThrownBy(() -> place(forced))
        .isInstanceOfSatisfying(
            OverrideRejectedException.class,
            e ->
                assertThat(e.reasons())
                    .containsOnlyKeys(WRITE_REPORT, SORT_IN_PLACE)
                    .hasEntrySatisfying(
                        WRITE_REPORT, r -> assertThat(r).contains("IO: ParallelSum.writeReport"))
                    .hasEntrySatisfying(
                        SORT_IN_PLACE, r -> assertThat(r).contains("ARG_MUTATION")));
  }

  @Test
  void everyReachedMethodHasADecisionWithAReason() {
    PlacementProblem problem = SyntheticProblems.generate(500, 7);

    PlacementPlan plan = place(problem);

    Set<String> reached = new HashSet<>(problem.entryPoints());
    problem.callSites().forEach(s -> reached.add(s.calleeKey()));
    assertThat(plan.decisions()).extracting(MethodPlacement::methodKey).hasSameSizeAs(reached);
    assertThat(plan.decisions())
        .allSatisfy(d -> assertThat(d.reason()).isNotBlank())
        .extracting(MethodPlacement::methodKey)
        .containsExactlyInAnyOrderElementsOf(reached);
    assertThat(plan.heuristic()).isEqualTo(heuristic().name());
    assertThat(plan.tunables()).containsOnlyKeys(names(heuristic().parameters()));
  }

  @Test
  void sameProblemInAnyOrderGivesTheSamePlan() {
    PlacementProblem problem = SyntheticProblems.generate(400, 11);
    List<MethodNode> methods = new ArrayList<>(problem.methods());
    List<CallSite> sites = new ArrayList<>(problem.callSites());
    Collections.shuffle(methods, new Random(3));
    Collections.shuffle(sites, new Random(4));
    PlacementProblem shuffled = PlacementProblem.of(methods, sites, problem.entryPoints());

    assertThat(place(shuffled)).isEqualTo(place(problem)).isEqualTo(place(problem));
  }

  @Test
  void syntheticProblemMovesSomethingAndPinsSomething() {
    PlacementPlan plan = place(SyntheticProblems.generate(1_000, 1));

    assertThat(plan.methodsDecided(Decision.REMOTE)).isNotEmpty();
    assertThat(plan.methodsDecided(Decision.PINNED)).isNotEmpty();
    assertThat(plan.methodsDecided(Decision.LOCAL)).isNotEmpty();
  }

  @Test
  void everyParameterDescribesItselfAndItsDefaultIsAccepted() {
    List<TunableDescriptor> parameters = heuristic().parameters();

    assertThat(parameters).isNotEmpty();
    assertThat(parameters)
        .allSatisfy(
            p -> {
              assertThat(p.description()).isNotBlank();
              assertThat(p.range()).isNotBlank();
            });
    assertThat(names(parameters)).doesNotHaveDuplicates();
    Map<String, Object> defaults = new HashMap<>();
    parameters.forEach(p -> defaults.put(p.name(), p.defaultValue()));
    assertThat(heuristic().tunables(defaults).values()).isEqualTo(defaults);
  }

  @Test
  void numericTunablesOutOfRangeAreRejectedNamingTheRange() {
    for (TunableDescriptor p : heuristic().parameters()) {
      if (p.type() == TunableType.INT || p.type() == TunableType.DOUBLE) {
        double above = p.max().orElseThrow().doubleValue() + 1;
        double below = p.min().orElseThrow().doubleValue() - 1;
        for (double bad : new double[] {above, below}) {
          assertThatThrownBy(() -> heuristic().tunables(Map.of(p.name(), bad)))
              .isInstanceOf(TunableValidationException.class)
              .hasMessageContaining(p.name())
              .hasMessageContaining(p.range());
        }
      }
    }
  }

  @Test
  void unknownOrMistypedTunablesAreRejected() {
    assertThatThrownBy(() -> heuristic().tunables(Map.of("noSuchTunable", 1)))
        .isInstanceOf(TunableValidationException.class)
        .hasMessageContaining("noSuchTunable");
    TunableDescriptor first = heuristic().parameters().get(0);
    assertThatThrownBy(() -> heuristic().tunables(Map.of(first.name(), List.of())))
        .isInstanceOf(TunableValidationException.class)
        .hasMessageContaining(first.name());
  }

  @Test
  void tunablesOfAnotherHeuristicAreCheckedAgainstThisOne() {
    Tunables foreign =
        Tunables.of(
            List.of(TunableDescriptor.ofInt("foreignOnly", 1, 0, 5, "not ours")),
            Map.of("foreignOnly", 2));

    assertThatThrownBy(() -> heuristic().place(ParallelSumProgram.problem(), foreign))
        .isInstanceOf(TunableValidationException.class)
        .hasMessageContaining("foreignOnly");
  }

  @Test
  void expensiveDispatchKeepsEverythingLocalWithReasons() {
    Tunables costly =
        heuristic().tunables(Map.of(CostParameters.DISPATCH_OVERHEAD_MICROS, 10_000_000.0));

    PlacementPlan plan = heuristic().place(ParallelSumProgram.problem(), costly);

    assertThat(plan.methodsDecided(Decision.REMOTE)).isEmpty();
    assertThat(plan.decisions()).allSatisfy(d -> assertThat(d.reason()).isNotBlank());
  }

  @Property(tries = 150)
  void randomProgramsNeverMoveWhatMustStayHomeNorCallsInsideRemoteOnes(
      @ForAll @IntRange(min = 2, max = 40) int size, @ForAll long seed) {
    PlacementProblem problem = RandomDags.generate(size, seed);

    PlacementPlan plan = place(problem);

    Map<String, MethodNode> methods = new HashMap<>();
    problem.methods().forEach(m -> methods.put(m.key(), m));
    Set<String> remote = plan.methodsDecided(Decision.REMOTE);
    for (String key : remote) {
      assertThat(methods.get(key).staysHome()).as("%s may not move", key).isFalse();
    }
    Set<String> runsHome = runsHome(problem, remote);
    for (String key : remote) {
      boolean calledFromHome =
          problem.callSites().stream()
              .anyMatch(s -> s.calleeKey().equals(key) && runsHome.contains(s.callerKey()));
      assertThat(calledFromHome).as("%s is reached only through remote callers", key).isTrue();
    }
  }

  /** Methods that execute at home: roots, and non-REMOTE methods with a caller at home. */
  private static Set<String> runsHome(PlacementProblem problem, Set<String> remote) {
    Set<String> called = new HashSet<>();
    problem.callSites().forEach(s -> called.add(s.calleeKey()));
    Set<String> home = new HashSet<>(problem.entryPoints());
    for (MethodNode m : problem.methods()) {
      if (!called.contains(m.key())) {
        home.add(m.key());
      }
    }
    boolean changed = true;
    while (changed) {
      changed = false;
      for (CallSite site : problem.callSites()) {
        if (home.contains(site.callerKey())
            && !remote.contains(site.calleeKey())
            && home.add(site.calleeKey())) {
          changed = true;
        }
      }
    }
    return home;
  }

  private static List<String> names(List<TunableDescriptor> parameters) {
    return parameters.stream().map(TunableDescriptor::name).toList();
  }
}
