package dev.farcall.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.farcall.examples.invoke.Ledger;
import dev.farcall.examples.invoke.Work;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * The retry policy follows purity: a worker is killed (SIGKILL) while it holds explicit REST
 * invocations of a method with effects ({@link Ledger#record}, which appends to an execution log)
 * and of an effect-free one ({@link Work#spinTagged}). The effectful method ran at most once per
 * invocation (the log says so), and each caller whose call the dead worker held is told it may or
 * may not have run; every effect-free call is answered once, correctly.
 */
@Order(4)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class AtMostOnceInvocationTests {

  private static final String CHILD_ID = "child-worker-amo";
  private static final int ITERATIONS = 2_000_000;
  private static final int CALLS = 120;

  private Process child;

  @AfterEach
  void killChild() {
    if (child != null) {
      child.destroyForcibly();
    }
  }

  @Test
  void effectfulInvocationsRunAtMostOnceWhenTheirWorkerIsKilled() throws Exception {
    LocalCluster cluster = TestCluster.get();
    FarcallApi api = TestCluster.admin();
    String examples = TestCluster.examplesProgram();
    ProgramRuns.awaitAnalysis(api, examples);
    Path log = Files.createTempFile("farcall-ledger-", ".log");
    child = WorkerFailureTests.startChildWorker(cluster, CHILD_ID);
    // A child JVM starting Spring Boot on a loaded machine can take minutes.
    await("child worker ALIVE in GET /workers")
        .atMost(Duration.ofMinutes(4))
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptions()
        .until(() -> TestCluster.aliveWorkers(api).contains(CHILD_ID));
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

    long spun = Work.spin(ITERATIONS);
    AtomicBoolean killed = new AtomicBoolean();
    AtomicInteger answered = new AtomicInteger();
    AtomicInteger pendingAtKill = new AtomicInteger(-1);
    List<CompletableFuture<FarcallApi.Response>> answers = new ArrayList<>(CALLS);
    for (int i = 0; i < CALLS; i++) {
      boolean effectful = i % 2 == 0;
      String body =
          effectful
              ? invocation(Ledger.class.getName(), "record", log.toString(), i, ITERATIONS)
              : invocation(Work.class.getName(), "spinTagged", ITERATIONS, i);
      answers.add(
          api.postJsonAsync("/programs/" + examples + "/invocations", body)
              .whenComplete(
                  (response, error) -> {
                    answered.incrementAndGet();
                    if (response != null
                        && response.status() == 200
                        && CHILD_ID.equals(response.json().path("workerId").asString(""))
                        && killed.compareAndSet(false, true)) {
                      // killed the moment it is seen working: it still holds its share
                      child.destroyForcibly();
                      pendingAtKill.set(CALLS - answered.get());
                    }
                  }));
    }
    await("the child worker answers a call and is killed")
        .atMost(Duration.ofSeconds(60))
        .until(killed::get);
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("child worker died").isTrue();
    assertThat(pendingAtKill.get()).as("calls in flight at the kill").isPositive();

    int lost = 0;
    List<Integer> returnedEffectful = new ArrayList<>();
    for (int i = 0; i < CALLS; i++) {
      FarcallApi.Response response = answers.get(i).get(3, TimeUnit.MINUTES);
      if (i % 2 == 1) {
        assertThat(response.status()).as("effect-free call %d: %s", i, response).isEqualTo(200);
        assertThat(response.json().get("result").asLong()).isEqualTo(spun + i);
        continue;
      }
      if (response.status() == 200) {
        assertThat(response.json().get("result").asLong()).as("call %d", i).isEqualTo(spun + i);
        assertThat(response.json().get("attempts").asInt()).as("call %d", i).isEqualTo(1);
        returnedEffectful.add(i);
      } else {
        assertThat(response.status()).as("effectful call %d: %s", i, response).isEqualTo(502);
        assertThat(response.isProblem()).isTrue();
        JsonNode problem = response.json();
        assertThat(problem.get("type").asString())
            .isEqualTo("https://farcall.dev/problems/worker-lost");
        assertThat(problem.get("workerId").asString()).isEqualTo(CHILD_ID);
        assertThat(problem.get("mayHaveRun").asBoolean()).isTrue();
        assertThat(problem.get("detail").asString()).contains("may or may not have run");
        lost++;
      }
    }
    assertThat(lost).as("effectful calls the killed worker held").isPositive();

    // The dead worker's partitions move to the survivors: let anything redelivered run (or not).
    await("the killed worker is no longer ALIVE")
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptions()
        .until(() -> !TestCluster.aliveWorkers(api).contains(CHILD_ID));
    java.util.concurrent.atomic.AtomicReference<Map<String, Long>> seen =
        new java.util.concurrent.atomic.AtomicReference<>(Map.of());
    await("the execution log stops changing")
        .pollInterval(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(60))
        .until(() -> seen.getAndSet(executions(log)).equals(seen.get()));
    Map<String, Long> finalRuns = executions(log);
    assertThat(finalRuns.values()).as("runs per effectful invocation").allMatch(n -> n == 1);
    for (int i : returnedEffectful) {
      assertThat(finalRuns)
          .as("call %d returned, so it ran", i)
          .containsEntry(String.valueOf(i), 1L);
    }
  }

  private static String invocation(String className, String method, Object... args) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("className", className);
    body.put("methodName", method);
    body.put("args", List.of(args));
    body.put("timeoutMillis", 120_000);
    return FarcallApi.JSON.writeValueAsString(body);
  }

  private static Map<String, Long> executions(Path log) throws java.io.IOException {
    return Files.readAllLines(log).stream()
        .filter(line -> !line.isBlank())
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
  }
}
