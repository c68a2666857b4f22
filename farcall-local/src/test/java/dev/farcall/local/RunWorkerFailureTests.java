package dev.farcall.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.farcall.examples.invoke.Work;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * A worker dies (SIGKILL) while it holds calls of a run: the run still ends SUCCEEDED with the
 * output of plain {@code java}, and the calls the dead worker held were sent again to a live one.
 * The calls are long (tens of milliseconds each, eight at a time), so the worker is killed while
 * its own heartbeat says it runs calls, and the run's resends show they were there.
 */
@Order(3)
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class RunWorkerFailureTests {

  private static final String CHILD_ID = "child-worker-run";
  private static final List<String> ARGS = List.of("48", "30000000");

  private Process child;

  @AfterEach
  void killChild() {
    if (child != null) {
      child.destroyForcibly();
    }
  }

  @Test
  void workerKilledWhileHoldingCallsOfARunLeavesTheRunSucceedingWithIdenticalOutput()
      throws Exception {
    LocalCluster cluster = TestCluster.get();
    FarcallApi api = TestCluster.admin();
    String examples = TestCluster.examplesProgram();
    ProgramRuns.awaitAnalysis(api, examples);
    String main = ProgramRuns.main("grind");
    ProgramRuns.PlainRun plain = ProgramRuns.runPlain(main, ARGS);
    child = WorkerFailureTests.startChildWorker(cluster, CHILD_ID);
    TestCluster.awaitAlive(api, List.of(CHILD_ID));
    // the child holds the jar before the run (as in WorkerFailureTests)
    AtomicInteger warmUp = new AtomicInteger();
    await("the child worker serves a call")
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                CHILD_ID.equals(
                    api.invoke(
                            examples,
                            Work.class.getName(),
                            "spinTagged",
                            1,
                            warmUp.incrementAndGet())
                        .json()
                        .path("workerId")
                        .asString("")));

    String id = ProgramRuns.start(api, examples, main, ARGS, ProgramRuns.EVERYTHING_MOVABLE_REMOTE);
    await("the child worker runs calls of run " + id)
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              JsonNode run = ProgramRuns.get(api, id);
              if (ProgramRuns.FINAL.contains(run.path("status").asString())) {
                throw new AssertionError("the run ended before the child was seen busy: " + run);
              }
              return run.path("status").asString("").equals("RUNNING")
                  && childSnapshot(api).path("inFlight").asInt() > 0;
            });
    child.destroyForcibly();
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("child worker died").isTrue();
    String statusAtKill = ProgramRuns.get(api, id).path("status").asString();

    ProgramRuns.FinishedRun run = ProgramRuns.awaitFinal(api, id, Duration.ofMinutes(5));

    assertThat(statusAtKill)
        .as("the run was still going when the worker died")
        .isEqualTo("RUNNING");
    assertThat(run.status()).as(run.toString()).isEqualTo("SUCCEEDED");
    assertThat(run.exitCode()).isZero();
    assertThat(run.stdout()).as(run.toString()).isEqualTo(plain.stdout());
    assertThat(run.remoteCalls()).isPositive();
    assertThat(run.stats().path("retries").asLong())
        .as("calls the dead worker held, sent again: %s", run.stats())
        .isPositive();
  }

  private static JsonNode childSnapshot(FarcallApi api) {
    return TestCluster.worker(api, CHILD_ID)
        .orElseThrow(() -> new AssertionError(CHILD_ID + " not in GET /workers"));
  }
}
