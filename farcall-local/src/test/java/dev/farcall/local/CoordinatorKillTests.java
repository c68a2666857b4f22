package dev.farcall.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 13: a run outlives its coordinator. The coordinator (a child JVM, so that it can be killed)
 * is killed with SIGKILL while a run makes remote calls, and started again on the same data
 * directory: it takes the run's driver over, and the run ends SUCCEEDED with all its output, as
 * under plain {@code java}.
 */
@Order(5)
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class CoordinatorKillTests {

  @Test
  void aRunMakingRemoteCallsSurvivesTheKillAndRestartOfItsCoordinator() throws Exception {
    try (ChildCoordinator coordinator = new ChildCoordinator()) {
      coordinator.start("before-kill").withWorker();
      FarcallApi api = coordinator.api;
      String program = api.uploadProgram(TestCluster.EXAMPLES_JAR);
      ProgramRuns.awaitAnalysis(api, program);
      String main = ProgramRuns.main("parallelstream");
      List<String> args = List.of("24");

      String run =
          ProgramRuns.start(api, program, main, args, ProgramRuns.EVERYTHING_MOVABLE_REMOTE);
      await("the run makes remote calls")
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> ProgramRuns.get(api, run).path("stats").path("remoteCalls").asLong() > 0);
      coordinator.kill(); // SIGKILL: no shutdown hook, no goodbye to the driver
      assertThat(RunProcesses.of(run)).as("the driver outlives its coordinator").isNotEmpty();

      coordinator.start("after-kill");
      ProgramRuns.FinishedRun finished = ProgramRuns.awaitFinal(api, run, Duration.ofMinutes(4));

      assertThat(finished.status()).as(finished.toString()).isEqualTo("SUCCEEDED");
      assertThat(finished.exitCode()).isZero();
      assertThat(finished.stdout()).isEqualTo(ProgramRuns.runPlain(main, args).stdout());
      assertThat(finished.remoteCalls()).as(finished.toString()).isPositive();
      assertThat(RunProcesses.of(run)).isEmpty();
    }
  }
}
