package dev.farcall.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * Issue 4 acceptance on the real cluster: a program's {@code System.exit(3)} ends its run, not the
 * coordinator; a cancelled endless run ends CANCELLED within 5 s.
 */
@Order(2)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class RunControlTests {

  private static FarcallApi api;
  private static String examples;

  @BeforeAll
  static void uploadAndAnalyse() {
    api = TestCluster.admin();
    examples = TestCluster.examplesProgram();
    ProgramRuns.awaitAnalysis(api, examples);
  }

  @Test
  void systemExitThreeFailsTheRunWithExitCodeThreeAndTheCoordinatorKeepsServing() {
    String main = ProgramRuns.main("exit");
    ProgramRuns.PlainRun plain = ProgramRuns.runPlain(main, List.of());

    ProgramRuns.FinishedRun exited =
        ProgramRuns.run(api, examples, main, List.of(), ProgramRuns.EVERYTHING_MOVABLE_REMOTE);

    assertThat(plain.exitCode()).isEqualTo(3);
    assertThat(exited.status()).as(exited.toString()).isEqualTo("FAILED");
    assertThat(exited.exitCode()).as(exited.toString()).isEqualTo(3);
    assertThat(exited.stdout()).isEqualTo(plain.stdout()).isEqualTo("before exit: 21\n");
    // the coordinator is still there: it answers and runs the next program to its end
    assertThat(api.get("/actuator/health").status()).isEqualTo(200);
    ProgramRuns.FinishedRun next =
        ProgramRuns.run(api, examples, ProgramRuns.main("sorting"), List.of(), null);
    assertThat(next.status()).as(next.toString()).isEqualTo("SUCCEEDED");
    assertThat(next.exitCode()).isZero();
    assertThat(next.stdout())
        .isEqualTo(ProgramRuns.runPlain(ProgramRuns.main("sorting"), List.of()).stdout());
  }

  /**
   * {@code cpu}: a loop that never looks at its interrupt flag, calling a pure method at home;
   * {@code cpu-remote}: the same with that method's calls on the workers; {@code sleep}: blocked.
   */
  @ParameterizedTest(name = "spin {0}")
  @ValueSource(strings = {"cpu", "cpu-remote", "sleep"})
  void cancelOfAnEndlessRunEndsItCancelledWithinFiveSeconds(String mode) {
    List<String> args = mode.equals("sleep") ? List.of("sleep") : List.of();
    Map<String, Object> tunables =
        mode.equals("cpu-remote") ? ProgramRuns.EVERYTHING_MOVABLE_REMOTE : null;
    String id = ProgramRuns.start(api, examples, ProgramRuns.main("spin"), args, tunables);
    await("run " + id + " RUNNING and printing")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              JsonNode run = ProgramRuns.get(api, id);
              return run.path("status").asString("").equals("RUNNING")
                  && ProgramRuns.output(api, id, false).equals("spinning\n")
                  && (tunables == null || run.path("stats").path("remoteCalls").asLong() > 0);
            });

    long cancelledAt = System.nanoTime();
    FarcallApi.Response cancel = api.postJson("/runs/" + id + "/cancel", "");
    assertThat(cancel.status()).as(cancel.toString()).isEqualTo(200);
    ProgramRuns.FinishedRun run = ProgramRuns.awaitFinal(api, id, Duration.ofSeconds(5));
    Duration took = Duration.ofNanos(System.nanoTime() - cancelledAt);

    assertThat(run.status()).as(run.toString()).isEqualTo("CANCELLED");
    assertThat(took).isLessThan(Duration.ofSeconds(5));
    assertThat(run.stdout()).isEqualTo("spinning\n");
    if (tunables != null) {
      assertThat(run.remoteCalls()).as(run.toString()).isPositive();
    }
  }
}
