package dev.farcall.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 13 on the real cluster: each run is a JVM of its own that cannot reach the coordinator's
 * secrets, cannot end or wedge the cluster, and leaves nothing running behind it.
 */
@Order(3)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class RunIsolationTests {

  private static FarcallApi api;
  private static String examples;

  @BeforeAll
  static void uploadAndAnalyse() {
    api = TestCluster.admin();
    examples = TestCluster.examplesProgram();
    ProgramRuns.awaitAnalysis(api, examples);
  }

  @Test
  void aRunThatReadsItsEnvironmentPropertiesAndTheTokenFilesSeesNoToken() {
    LocalCluster cluster = TestCluster.get();
    Path data = cluster.dataDir();
    List<String> targets =
        List.of(
            data.resolve("admin-token").toString(),
            data.resolve("viewer-token").toString(),
            data.resolve("worker-token").toString(),
            data.toString(),
            data.resolve("db").toString(),
            data.resolve("programs").toString(),
            "/proc/" + ProcessHandle.current().pid() + "/environ",
            "/proc/" + ProcessHandle.current().pid() + "/cmdline");

    ProgramRuns.FinishedRun run =
        ProgramRuns.run(api, examples, ProgramRuns.main("snoop"), targets, null);

    assertThat(run.status()).as(run.toString()).isEqualTo("SUCCEEDED");
    String printed = run.stdout() + run.stderr();
    assertThat(printed).contains("== environment", "== properties", "refused: ");
    for (String token :
        List.of(cluster.tokens().admin(), cluster.tokens().viewer(), cluster.tokens().worker())) {
      assertThat(printed).as("a token of the coordinator").doesNotContain(token);
    }
    assertThat(printed).doesNotContain("FARCALL_", "spring.datasource", "farcall.security");
    // every target was refused: none of them printed an entry or a file's contents
    assertThat(printed).doesNotContain("entry ");
  }

  @Test
  void aRunThatFillsAndHoldsItsHeapEndsAtItsDeadlineAndTheCoordinatorStaysHealthy() {
    String hog =
        ProgramRuns.start(
            api, examples, ProgramRuns.main("heaphog"), List.of(), null, 20L, 64L << 20);
    await("the hog holds its full heap")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> ProgramRuns.output(api, hog, false).contains("holding it"));

    assertThat(api.get("/actuator/health").status()).isEqualTo(200);
    ProgramRuns.FinishedRun next =
        ProgramRuns.run(api, examples, ProgramRuns.main("sorting"), List.of(), null);
    assertThat(next.status()).as(next.toString()).isEqualTo("SUCCEEDED");
    assertThat(next.stdout())
        .isEqualTo(ProgramRuns.runPlain(ProgramRuns.main("sorting"), List.of()).stdout());
    assertThat(api.get("/actuator/health").status()).isEqualTo(200);

    ProgramRuns.FinishedRun ended = ProgramRuns.awaitFinal(api, hog, Duration.ofSeconds(60));
    assertThat(ended.status()).as(ended.toString()).isIn("CANCELLED", "FAILED");
    assertThat(ended.run().path("error").asString("")).contains("deadline");
    assertThat(RunProcesses.of(hog)).isEmpty();
  }

  @Test
  void aRunWithFiveThousandSleepingThreadsDoesNotDisturbARunBesideIt() {
    String crowd = ProgramRuns.start(api, examples, ProgramRuns.main("threads"), List.of(), null);
    try {
      await("5,000 threads started")
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> ProgramRuns.output(api, crowd, false).contains("started 5000 threads"));

      String main = ProgramRuns.main("parallelstream");
      ProgramRuns.FinishedRun beside =
          ProgramRuns.run(api, examples, main, List.of("8"), ProgramRuns.EVERYTHING_MOVABLE_REMOTE);

      assertThat(beside.status()).as(beside.toString()).isEqualTo("SUCCEEDED");
      assertThat(beside.stdout()).isEqualTo(ProgramRuns.runPlain(main, List.of("8")).stdout());
      assertThat(beside.remoteCalls()).isPositive();
    } finally {
      api.postJson("/runs/" + crowd + "/cancel", "");
    }
    ProgramRuns.FinishedRun cancelled = ProgramRuns.awaitFinal(api, crowd, Duration.ofSeconds(30));
    assertThat(cancelled.status()).isEqualTo("CANCELLED");
    assertThat(RunProcesses.of(crowd)).isEmpty();
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "exit, direct",
    "exit, reflection",
    "exit, handle",
    "halt, direct",
    "halt, reflection",
    "halt, handle",
    "runtime-exit, direct",
    "runtime-exit, reflection"
  })
  void exitOrHaltInAnyWayEndsOnlyThatRunWithThatStatus(String how, String path) {
    String main = ProgramRuns.main("exits");
    ProgramRuns.PlainRun plain = ProgramRuns.runPlain(main, List.of(how, path));

    ProgramRuns.FinishedRun run = ProgramRuns.run(api, examples, main, List.of(how, path), null);

    assertThat(plain.exitCode()).isEqualTo(7);
    assertThat(run.status()).as(run.toString()).isEqualTo("FAILED");
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(7);
    assertThat(run.stdout()).isEqualTo(plain.stdout());
    assertThat(run.stderr()).isEqualTo(plain.stderr());
    assertThat(api.get("/actuator/health").status()).isEqualTo(200);
    assertThat(TestCluster.aliveWorkers(api)).containsAll(TestCluster.get().workerIds());
  }

  @Test
  void aNonDaemonThreadThatPrintsAfterMainReturnedIsHeardAsWithPlainJava() {
    String main = ProgramRuns.main("lastword");
    ProgramRuns.PlainRun plain = ProgramRuns.runPlain(main, List.of());

    ProgramRuns.FinishedRun run = ProgramRuns.run(api, examples, main, List.of(), null);

    assertThat(plain.stdout()).contains("the last word");
    assertThat(run.stdout()).isEqualTo(plain.stdout());
    assertThat(run.stderr()).isEqualTo(plain.stderr());
    assertThat(run.exitCode()).isEqualTo(plain.exitCode());
  }

  @Test
  void nothingOfARunKeepsRunningAfterItExitsOrIsCancelled() {
    String main = ProgramRuns.main("lingering");
    ProgramRuns.FinishedRun exited = ProgramRuns.run(api, examples, main, List.of("exit"), null);
    assertThat(exited.status()).as(exited.toString()).isEqualTo("SUCCEEDED");
    assertThat(RunProcesses.of(exited.run().get("id").asString())).isEmpty();

    String spinning = ProgramRuns.start(api, examples, main, List.of(), null);
    await("the lingering run spins")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> ProgramRuns.output(api, spinning, false).contains("left two"));
    assertThat(RunProcesses.of(spinning)).isNotEmpty();
    api.postJson("/runs/" + spinning + "/cancel", "");
    ProgramRuns.FinishedRun cancelled =
        ProgramRuns.awaitFinal(api, spinning, Duration.ofSeconds(10));
    assertThat(cancelled.status()).isEqualTo("CANCELLED");
    assertThat(RunProcesses.of(spinning)).isEmpty();
  }

  @Test
  void aRunAsksForAHeapWithinTheLimitsOrIsRefused() {
    FarcallApi.Response tooBig =
        api.postJson(
            "/programs/" + examples + "/runs",
            FarcallApi.JSON.writeValueAsString(
                Map.of("mainClass", ProgramRuns.main("sorting"), "maxHeapBytes", Long.MAX_VALUE)));
    FarcallApi.Response tooSmall =
        api.postJson(
            "/programs/" + examples + "/runs",
            FarcallApi.JSON.writeValueAsString(
                Map.of("mainClass", ProgramRuns.main("sorting"), "maxHeapBytes", 1024)));

    assertThat(tooBig.status()).as(tooBig.toString()).isEqualTo(422);
    assertThat(tooBig.raw()).contains("maxHeapBytes");
    assertThat(tooSmall.status()).as(tooSmall.toString()).isEqualTo(422);
  }
}
