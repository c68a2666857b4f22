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
 * Issue 4 acceptance: a worker process killed (SIGKILL) in the middle of a run, while it holds
 * calls of that run, does not change the run's outcome: it SUCCEEDS with the output of plain java.
 */
@Order(3)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class RunWorkerFailureTests {

  private static final String CHILD_ID = "child-worker-run";

  /** Blocks of the parallel stream example: two remote calls each, a run of several seconds. */
  private static final String BLOCKS = "1000";

  private Process child;

  @AfterEach
  void killChild() {
    if (child != null) {
      child.destroyForcibly();
    }
  }

  @Test
  void workerKilledWhileServingARunLeavesTheRunSucceedingWithIdenticalOutput() throws Exception {
    LocalCluster cluster = TestCluster.get();
    FarcallApi api = TestCluster.admin();
    String examples = TestCluster.examplesProgram();
    ProgramRuns.awaitAnalysis(api, examples);
    String main = ProgramRuns.main("parallelstream");
    ProgramRuns.PlainRun plain = ProgramRuns.runPlain(main, List.of(BLOCKS));
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
    String id =
        ProgramRuns.start(
            api, examples, main, List.of(BLOCKS), ProgramRuns.EVERYTHING_MOVABLE_REMOTE);
    await("run " + id + " RUNNING")
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> ProgramRuns.get(api, id).path("status").asString("").equals("RUNNING"));
    // counted from here: what the child completes now is this run's (its driver is up)
    long completedBefore = childSnapshot(api).path("completed").asLong();
    // Kill the child once it has served calls of this run, while the run still dispatches. (Its
    // heartbeat's inFlight is a sample, often 0 between batches: not waited for. Calls that were
    // on the child, or sent to its partitions before it is found dead, must be resent or run at
    // home: checked below.)
    long giveUp = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    JsonNode worker = childSnapshot(api);
    JsonNode runNow = ProgramRuns.get(api, id);
    while (worker.path("completed").asLong() <= completedBefore) {
      if (System.nanoTime() > giveUp
          || ProgramRuns.FINAL.contains(runNow.path("status").asString())) {
        throw new AssertionError(
            "the child worker was not seen serving calls of the run; child: "
                + worker
                + " before: "
                + completedBefore
                + " run: "
                + runNow);
      }
      Thread.sleep(50);
      worker = childSnapshot(api);
      runNow = ProgramRuns.get(api, id);
    }
    child.destroyForcibly();
    String statusAtKill = ProgramRuns.get(api, id).path("status").asString();
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("child worker died").isTrue();

    ProgramRuns.FinishedRun run = ProgramRuns.awaitFinal(api, id, Duration.ofMinutes(3));

    assertThat(statusAtKill)
        .as("the run was still going when the worker died")
        .isEqualTo("RUNNING");
    assertThat(run.status()).as(run.toString()).isEqualTo("SUCCEEDED");
    assertThat(run.exitCode()).isZero();
    assertThat(run.stdout()).as(run.toString()).isEqualTo(plain.stdout());
    assertThat(run.remoteCalls()).isPositive();
    long recovered = run.stats().path("retries").asLong();
    for (JsonNode site : run.stats().path("sites")) {
      recovered += site.path("fallbacks").asLong();
    }
    assertThat(recovered)
        .as("calls resent or run at home after the kill: %s", run.stats())
        .isPositive();
  }

  private static JsonNode childSnapshot(FarcallApi api) {
    return TestCluster.worker(api, CHILD_ID)
        .orElseThrow(() -> new AssertionError(CHILD_ID + " not in GET /workers"));
  }
}
