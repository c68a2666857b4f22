package dev.farcall.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Acceptance of issues 4 and 13 over the real cluster (broker, coordinator, two workers), each run
 * in a driver JVM of its own: each example program prints byte-identical stdout and stderr and
 * exits with the same code under Farcall as with plain {@code java -cp examples.jar}; the CPU-bound
 * ones really make remote calls; and no method the analysis finds effectful (or not movable) is
 * ever run on a worker.
 */
@Order(1)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class RunEquivalenceTests {

  private static FarcallApi api;
  private static String examples;

  /** Methods the analysis says may not move: an effect, or not movable. Key: class#name desc. */
  private static Set<String> unmovable;

  /** Methods the analysis says may move: movable with no effect. */
  private static Set<String> movable;

  /** The analysis' verdict per method, for messages. */
  private static Map<String, String> verdicts;

  @BeforeAll
  static void uploadAndAnalyse() {
    api = TestCluster.admin();
    examples = TestCluster.examplesProgram();
    JsonNode analysis = ProgramRuns.awaitAnalysis(api, examples);
    unmovable = new HashSet<>();
    movable = new HashSet<>();
    verdicts = new TreeMap<>();
    for (JsonNode m : analysis.get("methods")) {
      String key = key(m);
      boolean hasEffect = m.path("effects").isArray() && !m.path("effects").isEmpty();
      boolean canMove = m.path("movable").asBoolean(false);
      (canMove && !hasEffect ? movable : unmovable).add(key);
      verdicts.put(key, "movable=" + canMove + " effects=" + m.path("effects"));
    }
  }

  static Stream<Arguments> programs() {
    // name, args, CPU-bound (must make remote calls when every movable call is REMOTE)
    List<Arguments> programs =
        List.of(
            Arguments.of("parallelstream", List.of("16"), true),
            Arguments.of("executor", List.of(), true),
            Arguments.of("forkjoin", List.of(), true),
            Arguments.of("fileio", List.of(), false),
            Arguments.of("exceptions", List.of(), false),
            Arguments.of("exceptions", List.of("uncaught"), false),
            Arguments.of("sorting", List.of(), false),
            Arguments.of("staticstate", List.of(), false),
            Arguments.of("async", List.of(), true));
    return Stream.of(Plan.values())
        .flatMap(
            plan ->
                programs.stream().map(a -> Arguments.of(a.get()[0], a.get()[1], a.get()[2], plan)));
  }

  /** The plan a run uses. */
  enum Plan {
    /** Every movable call REMOTE (dispatch made free in the cost model). */
    REMOTE(ProgramRuns.EVERYTHING_MOVABLE_REMOTE),
    /** The program's current plan with the default settings, as a user gets it. */
    DEFAULT(null);

    final Map<String, Object> tunables;

    Plan(Map<String, Object> tunables) {
      this.tunables = tunables;
    }
  }

  @ParameterizedTest(name = "{0} {1} with the {3} plan")
  @MethodSource("programs")
  void programPrintsTheSameAndExitsTheSameAsWithPlainJava(
      String program, List<String> args, boolean cpuBound, Plan plan) {
    String main = ProgramRuns.main(program);
    ProgramRuns.PlainRun plain = ProgramRuns.runPlain(main, args);

    ProgramRuns.FinishedRun farcall = ProgramRuns.run(api, examples, main, args, plan.tunables);

    assertThat(farcall.stdout()).as("stdout of %s", farcall).isEqualTo(plain.stdout());
    assertThat(farcall.stderr()).as("stderr of %s", farcall).isEqualTo(plain.stderr());
    assertThat(farcall.exitCode()).as("exit code of %s", farcall).isEqualTo(plain.exitCode());
    assertThat(farcall.status())
        .as(farcall.toString())
        .isEqualTo(plain.exitCode() == 0 ? "SUCCEEDED" : "FAILED");
    if (plain.exitCode() != 0) {
      // an uncaught exception: its stack trace on the run's stderr, as the JVM prints it
      assertThat(plain.stderr()).contains("java.lang.IllegalArgumentException: negative size -7");
    }
    if (cpuBound && plan == Plan.REMOTE) {
      assertThat(farcall.remoteCalls()).as("remote calls of %s", farcall).isPositive();
    }
    assertNoEffectfulSiteRanRemotely(farcall);
  }

  @Test
  void analysisFindsTheEffectfulMethodsOfTheExamples() {
    // the cross-check of run stats against the analysis means something only if the analysis
    // does find the examples' effects
    assertThat(unmovable)
        .as(verdicts.toString())
        .contains(
            ProgramRuns.main("sorting") + "#sortInPlace([I)V",
            ProgramRuns.main("staticstate") + "#count()V",
            ProgramRuns.main("fileio") + "#writeNumbers(Ljava/nio/file/Path;I)V");
    assertThat(movable)
        .as(verdicts.toString())
        .contains(
            ProgramRuns.main("parallelstream") + "#collatzBlock(J)J",
            ProgramRuns.main("sorting") + "#sortedCopy([I)[I");
  }

  /**
   * Every site that ran on a worker is a method the analysis lists as movable with no effect; every
   * site of an effectful or unmovable method made no remote call.
   */
  private static void assertNoEffectfulSiteRanRemotely(ProgramRuns.FinishedRun farcall) {
    List<String> violations = new ArrayList<>();
    for (JsonNode site : farcall.stats().path("sites")) {
      String key = key(site);
      long remote = site.path("remoteCalls").asLong();
      if (remote > 0 && !movable.contains(key)) {
        violations.add(
            key + " ran remotely " + remote + "x; analysis: " + verdicts.getOrDefault(key, "none"));
      }
    }
    assertThat(violations).as(farcall.stats().toString()).isEmpty();
  }

  private static String key(JsonNode m) {
    return m.get("className").asString()
        + "#"
        + m.get("methodName").asString()
        + m.get("descriptor").asString();
  }
}
