package dev.farcall.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.farcall.examples.invoke.Work;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * Issue 9 acceptance: the repository's own {@code docker-compose.yml} started with podman-compose
 * and 3 worker containers (broker and database images built here, so no registry is needed), used
 * from outside as a user would, over the published port. One stack serves the tests in order; the
 * last one takes it down and up again on the same volumes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class ComposeStackTests {

  private static final Path REPOSITORY =
      Path.of(System.getProperty("farcall.repository.root", "..")).toAbsolutePath().normalize();

  private static final Path EXAMPLES_JAR = Path.of("target", "test-jars", "examples.jar");

  /** CPU-bound: a heavy pure method per block, called from a parallel stream. */
  private static final String PARALLEL_STREAM = "dev.farcall.examples.programs.parallelstream.Main";

  /**
   * Dispatch made free in the cost model, so every movable call is REMOTE (the default model keeps
   * these small examples at home).
   */
  private static final Map<String, Object> EVERYTHING_MOVABLE_REMOTE =
      Map.of("dispatchOverheadMicros", 0, "nsPerByte", 0);

  /**
   * The plan kept for the whole run: these tests prove what the stack does with remote calls, and
   * the adaptive policy would rightly bring home calls that do not pay remotely (once in CI, 37 of
   * 1,200 calls went remote before it did, and the worker killed then had none left to resend).
   */
  private static final String PLAN_KEPT = "none";

  private static final int WORKERS = 3;

  /** A stack's start took 4.5 to 6.5 min under a load average of 40 to 50 (benchmark compose). */
  private static final Duration STARTUP = Duration.ofMinutes(10);

  private static final Duration RUN = Duration.ofMinutes(5);

  private static ComposeStack stack;
  private static FarcallRest api;
  private static String examples;

  @BeforeAll
  static void startStackWithThreeWorkers() {
    StackSettings settings = StackSettings.local("farcalltest", WORKERS);
    Containers.requireToolsAndImages(REPOSITORY, settings);
    stack = ComposeStack.up(REPOSITORY, settings);
    api = new FarcallRest(settings.baseUrl(), settings.adminToken());
    api.awaitAliveWorkers(WORKERS, STARTUP);
    examples = api.upload(EXAMPLES_JAR);
    api.awaitAnalysis(examples, Duration.ofMinutes(2));
  }

  @AfterAll
  static void removeStack() {
    if (stack != null) {
      stack.saveLogsUnderTarget();
      stack.close();
    }
  }

  @Test
  @Order(1)
  void cpuBoundRunSpreadsItsCallsOverThreeWorkerContainersAndPrintsWhatJavaPrints() {
    List<String> args = List.of("150");
    PlainJava.Run plain = PlainJava.run(EXAMPLES_JAR, PARALLEL_STREAM, args);
    Map<String, JsonNode> workers = api.awaitAliveWorkers(WORKERS, STARTUP);
    Map<String, Long> before = completed(workers.keySet());

    String runId =
        api.startRun(examples, PARALLEL_STREAM, args, EVERYTHING_MOVABLE_REMOTE, PLAN_KEPT);
    JsonNode run = api.awaitRun(runId, RUN);

    assertSucceededPrintingWhatJavaPrinted(run, plain);
    long remoteCalls = run.path("stats").path("remoteCalls").asLong();
    assertThat(remoteCalls).as(run.toString()).isPositive();
    // heartbeats carry the counts every 2 s: wait until they account for the run's remote calls
    Map<String, Long> served = new HashMap<>();
    await("heartbeats account for the run's " + remoteCalls + " remote calls")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              served.clear();
              completed(workers.keySet())
                  .forEach((id, count) -> served.put(id, count - before.get(id)));
              return served.values().stream().mapToLong(Long::longValue).sum() >= remoteCalls;
            });
    assertThat(served).as("calls served per worker").hasSize(WORKERS);
    assertThat(served.values()).as("calls served per worker: %s", served).allMatch(n -> n > 0);
  }

  @Test
  @Order(2)
  void workerContainerKilledMidRunLeavesTheRunSucceedingWithIdenticalOutput() {
    List<String> args = List.of("400");
    PlainJava.Run plain = PlainJava.run(EXAMPLES_JAR, PARALLEL_STREAM, args);
    Map<String, JsonNode> workers = api.awaitAliveWorkers(WORKERS, STARTUP);
    Map<String, Long> before = completed(workers.keySet());

    String runId =
        api.startRun(examples, PARALLEL_STREAM, args, EVERYTHING_MOVABLE_REMOTE, PLAN_KEPT);
    String victim = awaitWorkerServingRun(runId, workers.keySet(), before);
    String container =
        stack
            .containerWithHost("worker", workers.get(victim).path("host").asString())
            .orElseThrow();
    stack.kill(container);
    String statusAtKill;
    JsonNode run;
    try {
      statusAtKill = api.get("/runs/" + runId).path("status").asString();
      run = api.awaitRun(runId, RUN);
    } finally {
      // the next tests want three workers again, whatever this one finds: the same container,
      // a new worker id
      stack.start(container);
    }

    assertThat(statusAtKill)
        .as("the run was still going when the worker died")
        .isEqualTo("RUNNING");
    assertSucceededPrintingWhatJavaPrinted(run, plain);
    long recovered = run.path("stats").path("retries").asLong();
    for (JsonNode site : run.path("stats").path("sites")) {
      recovered += site.path("fallbacks").asLong();
    }
    assertThat(recovered).as("calls resent or run at home: %s", run.path("stats")).isPositive();
    await("the killed worker is no longer ALIVE")
        .atMost(Duration.ofSeconds(60))
        .until(() -> !api.aliveWorkers().containsKey(victim));
    api.awaitAliveWorkers(WORKERS, STARTUP);
  }

  @Test
  @Order(3)
  void workerContainerCutOffTheNetworkHasItsCallsResentAndEachAnsweredOnce() throws Exception {
    // enough work that most calls are still unanswered when the worker is cut off, and a deadline
    // that a loaded machine meets after the resends
    int calls = 400;
    int iterations = 10_000_000;
    Duration deadline = Duration.ofMinutes(2);
    long spun = Work.spin(iterations);
    Map<String, JsonNode> workers = api.awaitAliveWorkers(WORKERS, STARTUP);
    warmUp(workers.keySet());
    double retriedBefore = api.counter("farcall_dispatch_retried_total");

    CompletableFuture<String> firstServer = new CompletableFuture<>();
    AtomicInteger answered = new AtomicInteger();
    List<CompletableFuture<FarcallRest.Response>> answers = new ArrayList<>();
    for (int i = 0; i < calls; i++) {
      answers.add(
          spinResendingLostConnections(deadline, iterations, i, 2)
              .whenComplete(
                  (response, error) -> {
                    answered.incrementAndGet();
                    if (response != null && response.status() == 200) {
                      firstServer.complete(response.json().path("workerId").asString());
                    }
                  }));
    }
    String cutOff = firstServer.get(2, TimeUnit.MINUTES);
    String container =
        stack
            .containerWithHost("worker", workers.get(cutOff).path("host").asString())
            .orElseThrow();
    stack.disconnect(container);
    int pendingAtCut = calls - answered.get();

    Map<String, AtomicInteger> servedBy = new ConcurrentHashMap<>();
    for (int i = 0; i < calls; i++) {
      FarcallRest.Response response = answers.get(i).get(3, TimeUnit.MINUTES);
      assertThat(response.status()).as("call %d: %s", i, response).isEqualTo(200);
      JsonNode answer = response.json();
      assertThat(answer.path("outcome").asString()).as(response.toString()).isEqualTo("RETURNED");
      assertThat(answer.path("result").asLong()).as("call %d", i).isEqualTo(spun + i);
      servedBy
          .computeIfAbsent(answer.path("workerId").asString(), w -> new AtomicInteger())
          .incrementAndGet();
    }
    assertThat(pendingAtCut).as("calls still unanswered when the worker was cut off").isPositive();
    assertThat(answered.get()).as("one answer per call").isEqualTo(calls);
    assertThat(api.counter("farcall_dispatch_retried_total"))
        .as("calls resent after the cut (answers by worker: %s)", servedBy)
        .isGreaterThan(retriedBefore);
    await("the cut-off worker is no longer ALIVE")
        .atMost(Duration.ofSeconds(60))
        .until(() -> !api.aliveWorkers().containsKey(cutOff));

    // back on the network, the same worker process heartbeats again and serves
    stack.connect(container, "worker");
    await("the reconnected worker is ALIVE again")
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofSeconds(1))
        .ignoreExceptions()
        .until(() -> api.aliveWorkers().containsKey(cutOff));
  }

  /**
   * One call of the pure {@code spinTagged}, sent again when the HTTP connection to the published
   * port closed before any answer: once in two CI runs such a connection closed right after a
   * worker container's {@code podman network disconnect} (suspected: the firewall rules podman
   * reloads then; not proven). What the test proves, resends inside Farcall and one answer per
   * call, does not depend on this client's connection.
   */
  private static CompletableFuture<FarcallRest.Response> spinResendingLostConnections(
      Duration deadline, int iterations, int tag, int resends) {
    return api.invokeAsync(deadline, examples, Work.class.getName(), "spinTagged", iterations, tag)
        .handle(
            (response, error) -> {
              Throwable cause =
                  error instanceof java.util.concurrent.CompletionException c
                      ? c.getCause()
                      : error;
              if (cause == null) {
                return CompletableFuture.completedFuture(response);
              }
              if (cause instanceof java.io.IOException && resends > 0) {
                return spinResendingLostConnections(deadline, iterations, tag, resends - 1);
              }
              return CompletableFuture.<FarcallRest.Response>failedFuture(cause);
            })
        .thenCompose(f -> f);
  }

  @Test
  @Order(4)
  void downThenUpOnTheSameVolumesKeepsProgramsPlansAndRunHistory() throws Exception {
    // a plan of our own making (an override, so a new plan version), not one a fresh start
    // would compute again
    FarcallRest.Response override =
        api.putJson(
            "/programs/" + examples + "/placement/overrides",
            Map.of(PARALLEL_STREAM + "#describe", "LOCAL"));
    assertThat(override.status()).as(override.toString()).isEqualTo(200);
    JsonNode programsBefore = api.get("/programs");
    JsonNode placementBefore = api.get("/programs/" + examples + "/placement");
    JsonNode runsBefore = api.get("/runs");
    assertThat(runsBefore.size()).as(runsBefore.toString()).isGreaterThanOrEqualTo(2);

    stack.down();
    assertThat(stack.containers("coordinator")).as("containers removed by down").isEmpty();
    stack.upAgain();
    api.awaitAliveWorkers(WORKERS, STARTUP);

    assertThat(api.get("/programs")).isEqualTo(programsBefore);
    assertThat(api.get("/programs/" + examples + "/placement")).isEqualTo(placementBefore);
    assertThat(placementBefore.path("version").asInt()).isGreaterThan(1);
    assertThat(api.get("/runs")).isEqualTo(runsBefore);
    byte[] jar = api.getBytes("/programs/" + examples + "/jar");
    assertThat(sha256(jar)).isEqualTo(sha256(Files.readAllBytes(EXAMPLES_JAR)));
  }

  private static void assertSucceededPrintingWhatJavaPrinted(JsonNode run, PlainJava.Run plain) {
    assertThat(run.path("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
    assertThat(run.path("exitCode").asInt(-1)).isEqualTo(plain.exitCode()).isZero();
    assertThat(api.output(run.path("id").asString(), false)).isEqualTo(plain.stdout());
  }

  /** Waits until a worker has served calls of the running run; returns its id. */
  private static String awaitWorkerServingRun(
      String runId, java.util.Set<String> workerIds, Map<String, Long> before) {
    String[] serving = new String[1];
    await("a worker serves calls of run " + runId + " while it runs")
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              String status = api.get("/runs/" + runId).path("status").asString();
              if (FarcallRest.FINAL_RUN_STATES.contains(status)) {
                throw new AssertionError("run " + runId + " ended before a worker was seen");
              }
              for (Map.Entry<String, Long> e : completed(workerIds).entrySet()) {
                if (e.getValue() > before.get(e.getKey())) {
                  serving[0] = e.getKey();
                  return status.equals("RUNNING");
                }
              }
              return false;
            });
    return serving[0];
  }

  /** One call served by each worker, so each holds the jar before a burst (as users' do). */
  private static void warmUp(java.util.Set<String> workerIds) {
    java.util.Set<String> warmed = ConcurrentHashMap.newKeySet();
    AtomicInteger tag = new AtomicInteger();
    await("each worker serves a call")
        .atMost(Duration.ofMinutes(2))
        .until(
            () -> {
              FarcallRest.Response r =
                  api.invokeAsync(
                          examples, Work.class.getName(), "spinTagged", 1, tag.incrementAndGet())
                      .get(1, TimeUnit.MINUTES);
              warmed.add(r.json().path("workerId").asString());
              return warmed.containsAll(workerIds);
            });
  }

  /** The {@code completed} count {@code GET /workers} gives for each of the workers. */
  private static Map<String, Long> completed(java.util.Set<String> workerIds) {
    Map<String, Long> counts = new HashMap<>();
    for (JsonNode w : api.workers()) {
      String id = w.path("id").asString();
      if (workerIds.contains(id)) {
        counts.put(id, w.path("completed").asLong());
      }
    }
    return counts;
  }

  private static String sha256(byte[] bytes) throws Exception {
    return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
