package dev.farcall.coordinator.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.farcall.coordinator.CoordinatorTestBase;
import dev.farcall.coordinator.analysis.AnalysisClient;
import dev.farcall.coordinator.invocation.TestPrograms;
import dev.farcall.coordinator.kafka.FarcallKafkaProperties;
import dev.farcall.coordinator.program.ProgramsClient;
import dev.farcall.dispatch.FakeWorker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/**
 * A real run (its own driver JVM, real Kafka) whose calls of a method placed REMOTE are answered by
 * two workers: the driver reports each remote call, and the run's timeline shows them per worker,
 * live and after the run, with the worker's time in the method.
 */
class RunTimelineTests extends CoordinatorTestBase {

  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final int CALLS = 12;

  @Autowired FarcallKafkaProperties kafka;

  private FakeWorker first;
  private FakeWorker second;

  @AfterEach
  void stopWorkers() {
    for (FakeWorker w : new FakeWorker[] {first, second}) {
      if (w != null) {
        w.close();
      }
    }
  }

  @Test
  void aRunsRemoteCallsAreOnItsTimelinePerWorker() throws Exception {
    Path jar =
        TestPrograms.jar(
            newDataDir(),
            Map.of(
                "demo/Squares.java",
                """
                package demo;
                public class Squares {
                  static final String MARKER = "%s";
                  public static void main(String[] args) {
                    long sum = 0;
                    for (int i = 0; i < %d; i++) {
                      sum += square(i);
                    }
                    System.out.println(sum);
                  }
                  public static long square(int i) {
                    return (long) i * i;
                  }
                }
                """
                    .formatted(java.util.UUID.randomUUID(), CALLS)));
    String programId =
        new ProgramsClient(client(ADMIN_TOKEN))
            .upload(Files.readAllBytes(jar), "squares.jar", null)
            .getBody()
            .get("id")
            .asString();
    AnalysisClient analysis = new AnalysisClient(client(ADMIN_TOKEN));
    analysis.awaitDone(programId);
    assertThat(
            analysis
                .putOverrides(programId, "{\"demo.Squares#square(I)J\": \"REMOTE\"}")
                .getStatusCode()
                .value())
        .isEqualTo(200);
    first = worker("timeline-w1", jar);
    second = worker("timeline-w2", jar);
    await()
        .atMost(WAIT)
        .until(() -> first.assignedPartitions().size() + second.assignedPartitions().size() > 0);

    String runId = start(programId);
    await().atMost(WAIT).until(() -> run(runId).get("finishedAt").isString());
    JsonNode timeline = timeline(runId);

    assertThat(run(runId).get("status").asString()).isEqualTo("SUCCEEDED");
    assertThat(output(runId)).isEqualTo("506\n"); // the sum of the squares 0..11, as at home
    assertThat(timeline.get("sites").valueStream().map(JsonNode::asString))
        .containsExactly("demo.Squares#square(I)J");
    List<String> workers = timeline.get("workers").valueStream().map(JsonNode::asString).toList();
    assertThat(workers).isNotEmpty().isSubsetOf("timeline-w1", "timeline-w2");
    List<JsonNode> calls = timeline.get("calls").valueStream().toList();
    assertThat(calls).hasSize(CALLS);
    assertThat(calls)
        .allSatisfy(
            c -> {
              assertThat(c.get(5).asInt()).as("outcome").isEqualTo(Timeline.RETURNED);
              assertThat(c.get(3).asLong())
                  .as("round trip")
                  .isGreaterThanOrEqualTo(c.get(4).asLong());
            });
    Set<String> answeredBy =
        calls.stream().map(c -> workers.get(c.get(1).asInt())).collect(Collectors.toSet());
    assertThat(answeredBy).containsExactlyInAnyOrderElementsOf(workers);
    assertThat(first.received() + second.received()).isEqualTo(CALLS);
    assertThat(timeline.get("dropped").asLong()).isZero();
  }

  private FakeWorker worker(String id, Path jar) {
    return FakeWorker.builder(kafka.getBootstrapServers(), kafka.topics(), id)
        .responder(new InvokingResponder(jar))
        .start();
  }

  private String start(String programId) {
    return client(ADMIN_TOKEN)
        .post()
        .uri("/api/v1/programs/{id}/runs", programId)
        .contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("mainClass", "demo.Squares", "args", List.of()))
        .retrieve()
        .body(JsonNode.class)
        .get("id")
        .asString();
  }

  private JsonNode run(String runId) {
    return client(VIEWER_TOKEN)
        .get()
        .uri("/api/v1/runs/{id}", runId)
        .retrieve()
        .body(JsonNode.class);
  }

  private String output(String runId) {
    return client(VIEWER_TOKEN)
        .get()
        .uri("/api/v1/runs/{id}/output", runId)
        .retrieve()
        .body(String.class);
  }

  private JsonNode timeline(String runId) {
    return client(VIEWER_TOKEN)
        .get()
        .uri("/api/v1/runs/{id}/timeline", runId)
        .retrieve()
        .body(JsonNode.class);
  }
}
