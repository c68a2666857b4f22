package dev.farcall.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.farcall.examples.invoke.Work;
import dev.farcall.worker.WorkerApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * A worker dies abruptly (SIGKILL, no goodbye) while it holds invocations: every caller still gets
 * exactly one correct result, from the workers that remain. The dying worker runs in a child JVM
 * started with the same arguments the launcher gives its in-process workers.
 */
@Order(3)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class WorkerFailureTests {

  private static final String CHILD_ID = "child-worker-1";

  /**
   * A few milliseconds of work per call: the child still holds most of its share when it is killed,
   * yet all 500 calls finish well within the coordinator's default deadline on a busy machine.
   */
  private static final int ITERATIONS = 2_000_000;

  private Process child;

  @AfterEach
  void killChild() {
    if (child != null) {
      child.destroyForcibly();
    }
  }

  @Test
  void workerKilledWithInvocationsInFlightLosesNoCaller() throws Exception {
    LocalCluster cluster = TestCluster.get();
    FarcallApi api = TestCluster.admin();
    String examples = TestCluster.examplesProgram();
    child = startChildWorker(cluster, CHILD_ID);
    TestCluster.awaitAlive(api, List.of(CHILD_ID));
    // A worker that has been serving: the child holds the jar before the burst. (A cold worker
    // fetches the jar over HTTP, which waits behind the coordinator's blocked request threads
    // while hundreds of invocations are pending; that is a separate coordinator limit.)
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

    int calls = 500;
    long spun = Work.spin(ITERATIONS);
    Map<String, AtomicInteger> servedBy = new ConcurrentHashMap<>();
    AtomicBoolean killed = new AtomicBoolean();
    AtomicInteger answered = new AtomicInteger();
    AtomicInteger pendingAtKill = new AtomicInteger(-1);
    List<CompletableFuture<FarcallApi.Response>> answers = new ArrayList<>(calls);
    for (int i = 0; i < calls; i++) {
      answers.add(
          api.invokeAsync(examples, Work.class.getName(), "spinTagged", ITERATIONS, i)
              .whenComplete(
                  (response, error) -> {
                    answered.incrementAndGet();
                    if (response != null && response.status() == 200) {
                      String worker = response.json().path("workerId").asString("?");
                      servedBy.computeIfAbsent(worker, w -> new AtomicInteger()).incrementAndGet();
                      // kill the child the moment it is seen working: it still holds its share
                      if (worker.equals(CHILD_ID) && killed.compareAndSet(false, true)) {
                        child.destroyForcibly();
                        pendingAtKill.set(calls - answered.get());
                      }
                    }
                  }));
    }
    await("the child worker answers a call and is killed")
        .atMost(Duration.ofSeconds(60))
        .until(killed::get);
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("child worker died").isTrue();
    assertThat(pendingAtKill.get())
        .as("calls still in flight when the child was killed")
        .isPositive();

    for (int i = 0; i < calls; i++) {
      FarcallApi.Response response = answers.get(i).get(3, TimeUnit.MINUTES);
      assertThat(response.status()).as("call %d: %s", i, response).isEqualTo(200);
      JsonNode answer = response.json();
      assertThat(answer.get("outcome").asString()).as(response.toString()).isEqualTo("RETURNED");
      assertThat(answer.get("result").asLong()).as("call %d", i).isEqualTo(spun + i);
    }
    assertThat(servedBy.keySet()).containsAnyElementsOf(cluster.workerIds());
    await("the killed worker is no longer ALIVE")
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptions()
        .until(() -> !TestCluster.aliveWorkers(api).contains(CHILD_ID));
  }

  /** A worker in its own JVM, with the class path of this one and the launcher's arguments. */
  static Process startChildWorker(LocalCluster cluster, String id) throws IOException {
    Map<String, String> props =
        ServiceArguments.worker(
            id,
            cluster.baseUrl(),
            cluster.dataDir(),
            cluster.bootstrapServers(),
            cluster.tokens().worker());
    props.putAll(TestCluster.TEST_PROPERTIES);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx384m");
    command.add("-XX:+UseSerialGC");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(WorkerApplication.class.getName());
    command.addAll(List.of(ServiceArguments.toArgs(props)));
    Path log = Files.createDirectories(Path.of("target")).resolve(id + ".log");
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }
}
