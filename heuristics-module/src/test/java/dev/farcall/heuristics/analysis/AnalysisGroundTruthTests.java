package dev.farcall.heuristics.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.farcall.heuristics.Effect;
import dev.farcall.model.MethodId;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The analysis against methods whose answers are known by construction (module {@code examples},
 * package {@code dev.farcall.examples.analysis}).
 */
class AnalysisGroundTruthTests {

  private static final String PKG = "dev.farcall.examples.analysis.";
  private static ProgramModel model;

  @BeforeAll
  static void analyseExamples() {
    // the production options: JDK knowledge base, codec-backed transferability
    model = new JarAnalyzer().analyze(TestPrograms.examplesJar(), AnalysisOptions.defaults());
  }

  /** class, method, movable, exact transitive effects ('-' for none). */
  @ParameterizedTest(name = "{0}.{1} movable={2} effects={3}")
  @CsvSource(
      delimiter = '|',
      value = {
        // I/O three calls deep behind an interface with several implementations
        "Pipeline         | run              | false | IO",
        "Logged           | apply            | false | IO",
        "Audit            | note             | false | IO",
        "Sink             | emit             | false | IO",
        "Upper            | apply            | true  | -",
        "Trim             | apply            | true  | -",
        // a lambda in a stream that writes a file, next to a pure one
        "StreamFiles      | writeEach        | false | IO",
        "StreamFiles      | countLong        | true  | -",
        // a static counter and a method that calls it
        "Counter          | increment        | false | GLOBAL_WRITE GLOBAL_READ",
        "Counter          | next             | false | GLOBAL_WRITE GLOBAL_READ",
        "Counter          | current          | false | GLOBAL_READ",
        // static finals: constants move, a clock-seeded one and a written array do not
        "Constants        | name             | true  | -",
        "Constants        | prime            | true  | -",
        "Constants        | poke             | false | GLOBAL_WRITE GLOBAL_READ",
        "Constants        | peek             | false | GLOBAL_READ",
        "Constants        | seeded           | false | GLOBAL_READ",
        // in-place sort of a parameter next to a sort of a fresh copy
        "Sorting          | sortInPlace      | false | ARG_MUTATION",
        "Sorting          | sortedCopy       | true  | -",
        "Sorting          | smallest         | false | ARG_MUTATION",
        "Sorting          | smallestOfCopy   | true  | -",
        "Sorting          | sortedNames      | true  | -",
        "Sorting          | addDefault       | false | ARG_MUTATION",
        // a program object the JDK calls back (a comparator that prints)
        "Sorting          | sortedLoudly     | false | IO",
        "Geometry         | shiftInPlace     | false | ARG_MUTATION",
        "Geometry         | nudge            | false | ARG_MUTATION",
        "Geometry         | shifted          | true  | -",
        "Geometry         | attach           | false | ARG_MUTATION",
        "Point            | moveRight        | false | ARG_MUTATION",
        "Point            | manhattan        | true  | -",
        // a builder that only writes fresh objects
        "Report           | make             | true  | -",
        "Report           | render           | false | -",
        "Misc             | lengthOf         | false | -",
        "Report$Builder   | line             | false | ARG_MUTATION",
        // synchronized on a fresh object and on a parameter
        "Locks            | lockFresh        | true  | -",
        "Locks            | lockParameter    | false | THREADS",
        "Locks            | add              | false | THREADS ARG_MUTATION",
        // nondeterminism
        "Nondeterminism   | coin             | false | NONDETERMINISTIC",
        "Nondeterminism   | stamp            | false | NONDETERMINISTIC",
        "Nondeterminism   | roll             | false | NONDETERMINISTIC",
        "Nondeterminism   | seededRoll       | true  | -",
        "Nondeterminism   | identity         | false | NONDETERMINISTIC",
        // threads, exit, native, reflection, unknown, environment
        "Threads          | spawn            | false | THREADS",
        "Exits            | quit             | false | EXIT",
        "Exits            | checkOrQuit      | false | EXIT",
        "Natives          | rawHash          | false | NATIVE",
        "Natives          | hashTwice        | false | NATIVE",
        "Natives          | fastHash         | true  | -",
        "Natives          | fastHashTwice    | true  | -",
        "Natives          | declaredInFile   | true  | -",
        "Reflection       | instantiate      | false | REFLECTION",
        "Misc             | decapitalize     | false | UNKNOWN",
        "Misc             | home             | false | IO",
        "Misc             | checked          | true  | -",
        "Misc             | greet            | true  | -",
        // recursion, direct and mutual through interfaces
        "Recursion        | factorial        | true  | -",
        "Recursion        | prefixSums       | true  | -",
        "Recursion        | isEven           | true  | -",
        "Recursion$Even   | test             | true  | -",
        "Recursion$Odd    | test             | true  | -",
        "Recursion        | countdown        | false | IO",
        "Recursion$Quiet  | step             | false | IO",
        // declarations
        "Declared         | crunch           | true  | -",
        "Heavy            | parallelSum      | true  | -",
        "Heavy            | twice            | true  | -",
        "Heavy            | viaExecutor      | false | THREADS",
      })
  void verdictMatchesGroundTruth(String type, String method, boolean movable, String effects) {
    MethodAnalysis m = only(type, method);
    assertThat(m.effects()).as("effects of %s.%s", type, method).isEqualTo(parse(effects));
    assertThat(m.movable()).as("movable %s.%s: %s", type, method, m.reasons()).isEqualTo(movable);
    if (!movable) {
      assertThat(m.reasons()).as("reasons of %s.%s", type, method).isNotEmpty();
    }
  }

  @Test
  void groundTruthCoversEveryEffectKind() {
    Set<Effect> seen = EnumSet.noneOf(Effect.class);
    model.methods().stream()
        .filter(m -> m.className().startsWith(PKG))
        .forEach(m -> seen.addAll(m.effects()));
    assertThat(seen).containsExactlyInAnyOrder(Effect.values());
  }

  @Test
  void hiddenIoNamesTheWholeChainThroughTheInterface() {
    assertThat(only("Pipeline", "run").reasons())
        .containsExactly(
            "IO: Pipeline.run -> Stage.apply (Logged) -> Audit.note -> Sink.emit"
                + " -> java.io.PrintStream.println");
  }

  @Test
  void argumentMutationNamesTheParameterAndTheMutatingCall() {
    assertThat(only("Sorting", "smallest").reasons())
        .containsExactly(
            "ARG_MUTATION: Sorting.smallest mutates parameter 0 -> Sorting.sortInPlace"
                + " -> java.util.Arrays.sort (which mutates argument 0)");
  }

  @Test
  void clockSeededConstantNamesItsInitialiser() {
    assertThat(only("Constants", "seeded").reasons())
        .singleElement()
        .asString()
        .contains("Constants.SEED")
        .contains("Constants.<clinit> -> java.lang.System.nanoTime");
  }

  @Test
  void declarationsAppearAsTheReasonWhereTheyDecide() {
    assertThat(only("Natives", "fastHash").reasons())
        .containsExactly(
            "PURE: trusted, declared @Pure on Natives.fastHash (\"a table lookup in C\")");
    assertThat(only("Natives", "declaredInFile").reasons())
        .singleElement()
        .asString()
        .contains("META-INF/farcall/declarations.txt:2");
    assertThat(only("Natives", "fastHashTwice").reasons())
        .singleElement()
        .asString()
        .startsWith("PURE: trusts Natives.fastHashTwice -> Natives.fastHash");
    assertThat(only("Declared", "licensed").movable()).isFalse();
    assertThat(only("Declared", "licensed").reasons())
        .containsExactly(
            "PINNED: declared @Pinned on Declared.licensed (\"talks to licensed hardware\")");
    assertThat(only("Declared", "usesLicensed").movable()).isFalse();
    assertThat(only("Declared", "usesLicensed").reasons().get(0))
        .startsWith("PINNED: Declared.usesLicensed -> Declared.licensed");
    assertThat(only("Declared", "crunch").remoteHint()).isTrue();
    assertThat(only("Declared", "crunch").declarations()).containsExactly("Remote");
  }

  @Test
  void nondeterminismMovesOnlyWhenAllowed() {
    ProgramModel allowing =
        new JarAnalyzer()
            .analyze(
                TestPrograms.examplesJar(),
                AnalysisOptions.defaults().withAllowNondeterministic(true));
    MethodAnalysis coin = allowing.methods(PKG + "Nondeterminism", "coin").get(0);
    assertThat(coin.movable()).isTrue();
    assertThat(coin.effects()).containsExactly(Effect.NONDETERMINISTIC);
  }

  @Test
  void constructorsAndInitialisersNeverMove() {
    assertThat(model.methods())
        .filteredOn(m -> m.methodName().equals("<init>") || m.methodName().equals("<clinit>"))
        .isNotEmpty()
        .allSatisfy(m -> assertThat(m.movable()).isFalse());
  }

  @Test
  void callSitesInParallelStreamAndExecutorLambdasAreConcurrentOthersNot() {
    List<CallSite> crunchCalls =
        model.edges().stream().filter(e -> e.callee().methodName().equals("crunch")).toList();
    assertThat(crunchCalls)
        .isNotEmpty()
        .allSatisfy(e -> assertThat(e.concurrentContext()).isTrue());
    assertThat(crunchCalls)
        .extracting(e -> e.caller().methodName().replaceAll("\\$\\d+$", ""))
        .containsExactlyInAnyOrder("lambda$parallelSum", "lambda$viaExecutor");
    assertThat(model.edges())
        .filteredOn(e -> e.caller().methodName().equals("sortedCopy"))
        .isNotEmpty()
        .allSatisfy(e -> assertThat(e.concurrentContext()).isFalse());
  }

  @Test
  void estimatesCountInstructionsAndLoops() {
    MethodAnalysis crunch = only("Declared", "crunch");
    assertThat(crunch.maxLoopDepth()).isEqualTo(2);
    assertThat(crunch.instructionCount()).isGreaterThan(10);
    assertThat(only("Heavy", "twice").maxLoopDepth()).isZero();
    assertThat(only("Heavy", "twice").instructionCount()).isBetween(2, 5);
  }

  @Test
  void callGraphRecordsDispatchToEveryImplementation() {
    MethodId run = only("Pipeline", "run").method();
    assertThat(model.callsFrom(run))
        .filteredOn(e -> e.declaredCallee().methodName().equals("apply"))
        .extracting(e -> e.callee().className())
        .contains(PKG + "Upper", PKG + "Trim", PKG + "Logged");
  }

  private static MethodAnalysis only(String type, String method) {
    List<MethodAnalysis> found = model.methods(PKG + type, method);
    assertThat(found).as("%s.%s", type, method).hasSize(1);
    return found.get(0);
  }

  private static Set<Effect> parse(String effects) {
    if (effects.equals("-")) {
      return Set.of();
    }
    return Arrays.stream(effects.trim().split("\\s+"))
        .map(Effect::valueOf)
        .collect(Collectors.toCollection(() -> EnumSet.noneOf(Effect.class)));
  }
}
