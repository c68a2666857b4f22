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

  /** Enough work per call (milliseconds) that the child still holds calls when it is killed. */
  private static final int ITERATIONS = 10_000_000;

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
    child = startChildWorker(cluster);
    TestCluster.awaitAlive(api, List.of(CHILD_ID));

    int calls = 500;
    long spun = Work.spin(ITERATIONS);
    Map<String, AtomicInteger> servedBy = new ConcurrentHashMap<>();
    List<CompletableFuture<FarcallApi.Response>> answers = new ArrayList<>(calls);
    for (int i = 0; i < calls; i++) {
      answers.add(
          api.invokeAsync(examples, Work.class.getName(), "spinTagged", ITERATIONS, i)
              .whenComplete(
                  (response, error) -> {
                    if (response != null && response.status() == 200) {
                      String worker = response.json().path("workerId").asString("?");
                      servedBy.computeIfAbsent(worker, w -> new AtomicInteger()).incrementAndGet();
                    }
                  }));
    }
    await("the child worker answers some calls before it is killed")
        .atMost(Duration.ofSeconds(60))
        .until(() -> servedBy.containsKey(CHILD_ID));
    long pending = answers.stream().filter(f -> !f.isDone()).count();
    child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    assertThat(pending).as("calls still in flight when the child was killed").isPositive();

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
  private static Process startChildWorker(LocalCluster cluster) throws IOException {
    Map<String, String> props =
        ServiceArguments.worker(
            CHILD_ID,
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
    Path log = Files.createDirectories(Path.of("target")).resolve("child-worker.log");
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }
}
