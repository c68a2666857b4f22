package dev.farcall.coordinator.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.farcall.coordinator.CoordinatorTestBase;
import dev.farcall.coordinator.invocation.TestPrograms;
import dev.farcall.coordinator.program.ProgramsClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /runs/{id}/timeline}: the remote calls reported for a run, live while it goes and from
 * the database once it has ended.
 */
class TimelineEndpointTests extends CoordinatorTestBase {

  private static final Duration WAIT = Duration.ofSeconds(90);

  @Autowired private ApplicationEventPublisher publisher;

  @Test
  void reportedCallsAreOnTheTimelineWhileTheRunGoesAndAfterItEnded() throws Exception {
    String runId = startSleepyRun();
    await().atMost(WAIT).until(() -> "RUNNING".equals(run(runId).get("status").asString()));
    Instant started = Instant.parse(run(runId).get("startedAt").asString());
    String site = "demo.Sleepy#work(I)J";
    publisher.publishEvent(
        new RemoteCallEvent(runId, site, "w1", started.plusMillis(5), 900, 700, Timeline.RETURNED));
    publisher.publishEvent(
        new RemoteCallEvent(runId, site, "w2", started.plusMillis(7), 1200, 0, Timeline.THREW));
    publisher.publishEvent(
        new RemoteCallEvent(runId, site, "", started.plusMillis(9), 30000, 0, Timeline.FAILED));

    JsonNode live = timeline(runId).getBody();
    await().atMost(WAIT).until(() -> run(runId).get("finishedAt").isString());
    JsonNode stored = timeline(runId).getBody();

    assertThat(live.get("sites").get(0).asString()).isEqualTo(site);
    assertThat(live.get("workers").valueStream().map(JsonNode::asString))
        .containsExactly("w1", "w2", "");
    assertThat(live.get("calls").get(0).valueStream().map(JsonNode::asLong))
        .containsExactly(0L, 0L, 5000L, 900L, 700L, 0L);
    assertThat(live.get("calls").get(2).get(5).asInt()).isEqualTo(Timeline.FAILED);
    assertThat(stored).isEqualTo(live);
  }

  @Test
  void anUnknownRunIsNotFound() {
    ResponseEntity<JsonNode> response = timeline("no-such-run");

    assertThat(response.getStatusCode().value()).isEqualTo(404);
    assertThat(response.getBody().get("type").asString()).endsWith("/run-not-found");
  }

  /** A run that stays RUNNING long enough for the test to see it so on a loaded machine. */
  private String startSleepyRun() throws Exception {
    Path jar =
        TestPrograms.jar(
            newDataDir(),
            Map.of(
                "demo/Sleepy.java",
                "package demo; public class Sleepy { public static void main(String[] a)"
                    + " throws Exception { Thread.sleep(15000); System.out.println(\""
                    + java.util.UUID.randomUUID()
                    + "\"); } }"));
    String programId =
        new ProgramsClient(client(ADMIN_TOKEN))
            .upload(Files.readAllBytes(jar), "sleepy.jar", null)
            .getBody()
            .get("id")
            .asString();
    return client(ADMIN_TOKEN)
        .post()
        .uri("/api/v1/programs/{id}/runs", programId)
        .contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("mainClass", "demo.Sleepy", "args", List.of()))
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

  private ResponseEntity<JsonNode> timeline(String runId) {
    return client(VIEWER_TOKEN)
        .get()
        .uri("/api/v1/runs/{id}/timeline", runId)
        .retrieve()
        .toEntity(JsonNode.class);
  }
}
