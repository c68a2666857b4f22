package dev.farcall.heuristics.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.farcall.heuristics.Effect;
import dev.farcall.heuristics.analysis.AnalysisOptions;
import dev.farcall.heuristics.analysis.CallKind;
import dev.farcall.heuristics.analysis.CallSite;
import dev.farcall.heuristics.analysis.JarAnalyzer;
import dev.farcall.heuristics.analysis.MethodAnalysis;
import dev.farcall.heuristics.analysis.ProgramModel;
import dev.farcall.heuristics.placement.Decision;
import dev.farcall.heuristics.placement.EstimateSource;
import dev.farcall.heuristics.placement.MethodNode;
import dev.farcall.heuristics.placement.MethodPlacement;
import dev.farcall.heuristics.placement.MethodProfile;
import dev.farcall.heuristics.placement.OverrideMode;
import dev.farcall.heuristics.placement.OverrideRejectedException;
import dev.farcall.heuristics.placement.PlacementHeuristic;
import dev.farcall.heuristics.placement.PlacementHeuristics;
import dev.farcall.heuristics.placement.PlacementPlan;
import dev.farcall.heuristics.placement.PlacementProblem;
import dev.farcall.model.MethodId;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The adapter on the real analysis of the examples jar, placed by every built-in heuristic, and its
 * rules on small hand-made models.
 */
class PlacementProblemAdapterTests {

  private static final String PARALLEL_SUM = "dev.farcall.examples.placement.ParallelSum";
  private static final String MAIN = PARALLEL_SUM + "#main([Ljava/lang/String;)V";
  private static final String HEAVY = PARALLEL_SUM + "#countSolutions(I)J";
  private static final String TINY = PARALLEL_SUM + "#square(I)I";
  private static final String REPORT = PARALLEL_SUM + "#report(JI)V";
  private static final String WEIGHT = PARALLEL_SUM + "#weight(II)I";

  private static ProgramModel examples;
  private static PlacementProblem problem;

  @BeforeAll
  static void analyseExamples() {
    examples = new JarAnalyzer().analyze(examplesJar(), AnalysisOptions.defaults());
    problem = new PlacementProblemAdapter().adapt(examples);
  }

  private static PlacementPlan place(String heuristic) {
    PlacementHeuristic h = PlacementHeuristics.builtIn().find(heuristic).orElseThrow();
    return h.place(problem);
  }

  private static MethodPlacement decision(PlacementPlan plan, String key) {
    return plan.decisionFor(key).orElseThrow(() -> new AssertionError("no decision for " + key));
  }

  @ParameterizedTest
  @ValueSource(strings = {"greedy", "min-cut"})
  void ioMethodsArePinnedWithTheAnalysisReasons(String heuristic) {
    PlacementPlan plan = place(heuristic);

    MethodPlacement report = decision(plan, REPORT);
    assertThat(report.decision()).isEqualTo(Decision.PINNED);
    assertThat(report.reason()).startsWith("pinned: ").contains("IO: ").contains("PrintStream");
    assertThat(decision(plan, MAIN).decision()).isEqualTo(Decision.PINNED);
    assertThat(decision(plan, MAIN).reason()).contains("IO: ");
  }

  @ParameterizedTest
  @ValueSource(strings = {"greedy", "min-cut"})
  void tinyPureMethodStaysLocal(String heuristic) {
    MethodPlacement square = decision(place(heuristic), TINY);

    assertThat(examples.method(PARALLEL_SUM, "square", "(I)I").orElseThrow().movable()).isTrue();
    assertThat(square.decision()).isEqualTo(Decision.LOCAL);
  }

  @ParameterizedTest
  @ValueSource(strings = {"greedy", "min-cut"})
  void heavyPureMethodCalledFromAParallelStreamGoesRemote(String heuristic) {
    PlacementPlan plan = place(heuristic);

    MethodPlacement heavy = decision(plan, HEAVY);
    assertThat(heavy.decision()).as(heavy.reason()).isEqualTo(Decision.REMOTE);
    assertThat(heavy.reason()).contains("concurrently");
    // only the outermost movable call moves: its helper runs inside it
    assertThat(decision(plan, WEIGHT).decision()).isEqualTo(Decision.LOCAL);
    assertThat(decision(plan, WEIGHT).reason()).contains("runs inside remote");
  }

  @ParameterizedTest
  @ValueSource(strings = {"greedy", "min-cut"})
  void lambdaBodiesNeverGoRemote(String heuristic) {
    PlacementPlan plan = place(heuristic);

    List<MethodPlacement> lambdas =
        plan.decisions().stream()
            .filter(d -> d.methodName().startsWith(PlacementProblemAdapter.LAMBDA_PREFIX))
            .toList();
    assertThat(lambdas).isNotEmpty().noneMatch(d -> d.decision() == Decision.REMOTE);
    assertThat(plan.decisionFor(PARALLEL_SUM + "#lambda$main$0(I)J"))
        .get()
        .extracting(MethodPlacement::decision)
        .isEqualTo(Decision.PINNED);
  }

  @Test
  void constantLoopBoundsAreCountedAndBoundsFromParametersMakeTheEstimateUnknownNotTiny() {
    PlacementPlan plan = place("greedy");
    String programs = "dev.farcall.examples.programs.";

    MethodPlacement collatz = decision(plan, programs + "parallelstream.Main#collatzBlock(J)J");
    MethodPlacement mix = decision(plan, programs + "finegrained.Main#mix(I)I");

    // 2,000 iterations of an outer loop read from the code, an inner loop of unknown count
    assertThat(collatz.estimates().source()).isEqualTo(EstimateSource.UNKNOWN);
    assertThat(collatz.estimates().workNanos()).isGreaterThan(100_000);
    assertThat(mix.estimates().source()).isEqualTo(EstimateSource.STATIC);
    assertThat(mix.estimates().workNanos()).isLessThan(20);
  }

  @Test
  void aMeasuredProfileWinsOverTheStaticEstimateOfAnExample() {
    String collatz = "dev.farcall.examples.programs.parallelstream.Main#collatzBlock(J)J";
    PlacementProblem profiled =
        problem.withProfiles(Map.of(collatz, new MethodProfile(300, 24, 1_000)));

    MethodPlacement decision =
        decision(PlacementHeuristics.builtIn().defaultHeuristic().place(profiled), collatz);

    assertThat(decision.estimates().source()).isEqualTo(EstimateSource.PROFILE);
    assertThat(decision.estimates().workNanos()).isEqualTo(300_000);
  }

  @Test
  void entryPointsAreTheMainMethods() {
    assertThat(problem.entryPoints())
        .contains(MAIN)
        .allMatch(k -> k.endsWith("#main([Ljava/lang/String;)V"));
  }

  @Test
  void remoteOverrideOnAnIoMethodIsRejectedWithItsReason() {
    assertThatThrownBy(() -> problem.withOverrides(Map.of(REPORT, OverrideMode.REMOTE)))
        .isInstanceOfSatisfying(
            OverrideRejectedException.class,
            e -> assertThat(e.reasons().get(REPORT)).contains("IO: "));
  }

  // ------------------------------------------------------------------ rules on small models

  private static MethodId ref(String name, String descriptor) {
    return new MethodId("p.C", name, descriptor);
  }

  private static MethodAnalysis method(
      MethodId ref,
      boolean movable,
      Set<Effect> effects,
      List<String> reasons,
      Set<String> declared) {
    return new MethodAnalysis(ref, movable, effects, reasons, declared, false, true, 10, 0);
  }

  private static CallSite edge(
      MethodId from, MethodId to, CallKind kind, boolean concurrent, boolean library) {
    return new CallSite(from, to, to, kind, 3, 1, concurrent, library);
  }

  @Test
  void effectsThatMatterElsewherePinButArgumentMutationOnlyKeepsHome() {
    MethodId io = ref("io", "()V");
    MethodId mutates = ref("mutates", "([I)V");
    MethodId declared = ref("declared", "()V");
    MethodId pure = ref("pure", "(I)I");
    ProgramModel model =
        new ProgramModel(
            List.of(
                method(
                    io,
                    false,
                    Set.of(Effect.IO),
                    List.of("IO: C.io -> java.io.PrintStream.println"),
                    Set.of()),
                method(
                    mutates,
                    false,
                    Set.of(Effect.ARG_MUTATION),
                    List.of("ARG_MUTATION: C.mutates"),
                    Set.of()),
                method(
                    declared,
                    false,
                    Set.of(),
                    List.of("PINNED: declared p.C#declared"),
                    Set.of("Pinned")),
                method(pure, true, Set.of(), List.of(), Set.of())),
            List.of(),
            1,
            Duration.ZERO);

    Map<String, MethodNode> nodes = nodes(new PlacementProblemAdapter().adapt(model));

    assertThat(nodes.get("p.C#io()V").pinned()).isTrue();
    assertThat(nodes.get("p.C#io()V").homeReason())
        .isEqualTo("IO: C.io -> java.io.PrintStream.println");
    assertThat(nodes.get("p.C#mutates([I)V").pinned()).isFalse();
    assertThat(nodes.get("p.C#mutates([I)V").movable()).isFalse();
    assertThat(nodes.get("p.C#declared()V").pinned()).isTrue();
    assertThat(nodes.get("p.C#pure(I)I").staysHome()).isFalse();
    assertThat(nodes.get("p.C#pure(I)I").transferBytes()).isEqualTo(6);
  }

  @Test
  void lambdaSitesAreOneLoopDeeperAndLibraryCallsAreLeftOut() {
    MethodId main = ref("main", "([Ljava/lang/String;)V");
    MethodId lambda = ref("lambda$main$0", "(I)J");
    MethodId heavy = ref("heavy", "(I)J");
    MethodId println = new MethodId("java.io.PrintStream", "println", "(J)V");
    ProgramModel model =
        new ProgramModel(
            List.of(
                method(main, false, Set.of(Effect.IO), List.of("IO: C.main"), Set.of()),
                method(lambda, true, Set.of(), List.of(), Set.of()),
                method(heavy, true, Set.of(), List.of(), Set.of())),
            List.of(
                edge(main, lambda, CallKind.LAMBDA, true, false),
                edge(lambda, heavy, CallKind.STATIC, true, false),
                edge(main, println, CallKind.VIRTUAL, false, true)),
            1,
            Duration.ZERO);

    PlacementProblem adapted = new PlacementProblemAdapter().adapt(model);

    assertThat(adapted.entryPoints()).containsExactly("p.C#main([Ljava/lang/String;)V");
    assertThat(adapted.callSites())
        .containsExactly(
            new dev.farcall.heuristics.placement.CallSite(
                "p.C#main([Ljava/lang/String;)V", "p.C#lambda$main$0(I)J", 3, 2, true),
            new dev.farcall.heuristics.placement.CallSite(
                "p.C#lambda$main$0(I)J", "p.C#heavy(I)J", 3, 1, true));
    MethodNode lambdaNode = nodes(adapted).get("p.C#lambda$main$0(I)J");
    assertThat(lambdaNode.movable()).isFalse();
    assertThat(lambdaNode.homeReason()).isEqualTo(PlacementProblemAdapter.LAMBDA_REASON);
  }

  private static Map<String, MethodNode> nodes(PlacementProblem p) {
    return p.methods().stream().collect(java.util.stream.Collectors.toMap(MethodNode::key, m -> m));
  }

  // ------------------------------------------------------------------ the examples jar

  /** The examples module's jar (or its classes, packed into a temporary jar). */
  static Path examplesJar() {
    try {
      Path location =
          Path.of(
              dev.farcall.examples.placement.ParallelSum.class
                  .getProtectionDomain()
                  .getCodeSource()
                  .getLocation()
                  .toURI());
      return Files.isDirectory(location) ? pack(location) : location;
    } catch (URISyntaxException | IOException e) {
      throw new IllegalStateException("cannot locate the examples", e);
    }
  }

  private static Path pack(Path directory) throws IOException {
    Path jar = Files.createTempFile("farcall-examples", ".jar");
    jar.toFile().deleteOnExit();
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream zip = new JarOutputStream(out);
        Stream<Path> files = Files.walk(directory)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        zip.putNextEntry(new JarEntry(directory.relativize(file).toString().replace('\\', '/')));
        Files.copy(file, zip);
        zip.closeEntry();
      }
    }
    return jar;
  }
}
