package dev.farcall.coordinator.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.farcall.coordinator.CoordinatorTestBase;
import dev.farcall.coordinator.program.ProgramsClient;
import java.nio.file.Files;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * The runs API of the real coordinator (H2, security, no workers: whatever the plan sends away
 * falls back to running at home, so runs still succeed).
 */
class RunsEndpointTests extends CoordinatorTestBase {

  @Autowired private JdbcClient jdbc;
  private RestClient admin;
  private String programId;

  @BeforeEach
  void uploadExamples() throws Exception {
    admin = client(ADMIN_TOKEN);
    ResponseEntity<JsonNode> uploaded =
        new ProgramsClient(admin).upload(Files.readAllBytes(Examples.JAR), "examples.jar", null);
    programId = uploaded.getBody().get("id").asText();
  }

  @Test
  void runOfAProgramThatExitsThreeEndsFailedWithItsOutputAndStatsKept() {
    ResponseEntity<JsonNode> started = start(Map.of("mainClass", Examples.main("exit")));

    assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    assertThat(started.getHeaders().getLocation()).isNotNull();
    String runId = started.getBody().get("id").asText();
    JsonNode finished = awaitEnd(runId);

    assertThat(finished.get("status").asText()).isEqualTo("FAILED");
    assertThat(finished.get("exitCode").asInt()).isEqualTo(3);
    assertThat(finished.get("programId").asText()).isEqualTo(programId);
    assertThat(finished.get("startedAt").isNull()).isFalse();
    assertThat(finished.get("finishedAt").isNull()).isFalse();
    assertThat(finished.get("stats").has("sites")).isTrue();
    assertThat(output(runId, "stdout")).isEqualTo("before exit: 21\n");
    assertThat(output(runId, "stderr")).isEmpty();
    assertThat(values(list(), "id")).contains(runId);
  }

  @Test
  void runWithArgumentsSucceedsAndAnUncaughtExceptionFailsWithExitCodeOne() {
    String ok =
        start(Map.of("mainClass", Examples.main("staticstate"))).getBody().get("id").asText();
    String failing =
        start(Map.of("mainClass", Examples.main("exceptions"), "args", List.of("uncaught")))
            .getBody()
            .get("id")
            .asText();

    assertThat(awaitEnd(ok).get("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(awaitEnd(ok).get("exitCode").asInt()).isZero();
    assertThat(output(ok, "stdout")).endsWith("calls = 10\n");
    JsonNode failed = awaitEnd(failing);
    assertThat(failed.get("status").asText()).isEqualTo("FAILED");
    assertThat(failed.get("exitCode").asInt()).isEqualTo(1);
    assertThat(output(failing, "stderr"))
        .startsWith(
            "Exception in thread \"main\" java.lang.IllegalArgumentException: negative size -7");
  }

  @Test
  void cancelEndsALongRunCancelledAndOutputIsReadableWhileItRuns() {
    String runId = start(Map.of("mainClass", Examples.main("spin"))).getBody().get("id").asText();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> output(runId, "stdout").equals("spinning\n"));

    ResponseEntity<JsonNode> cancel =
        admin.post().uri("/api/v1/runs/{id}/cancel", runId).retrieve().toEntity(JsonNode.class);

    assertThat(cancel.getStatusCode()).isEqualTo(HttpStatus.OK);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> get(runId).getBody().get("status").asText().equals("CANCELLED"));
  }

  @Test
  void programWithAnActiveRunCannotBeDeletedUntilTheRunEnds() {
    String runId = start(Map.of("mainClass", Examples.main("spin"))).getBody().get("id").asText();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> output(runId, "stdout").equals("spinning\n"));

    ResponseEntity<JsonNode> refused =
        admin.delete().uri("/api/v1/programs/{id}", programId).retrieve().toEntity(JsonNode.class);

    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(refused.getBody().get("type").asText()).endsWith("/program-in-use");
    assertThat(
            admin
                .get()
                .uri("/api/v1/programs/{id}", programId)
                .retrieve()
                .toBodilessEntity()
                .getStatusCode())
        .isEqualTo(HttpStatus.OK);
    admin.post().uri("/api/v1/runs/{id}/cancel", runId).retrieve().toBodilessEntity();
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> get(runId).getBody().get("status").asText().equals("CANCELLED"));
    assertThat(
            admin
                .delete()
                .uri("/api/v1/programs/{id}", programId)
                .retrieve()
                .toBodilessEntity()
                .getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
  }

  @Test
  void badRequestsAreProblemsAndChangeNothing() {
    ResponseEntity<JsonNode> noSuchClass = start(Map.of("mainClass", "no.such.Main"));
    ResponseEntity<JsonNode> noMain =
        start(Map.of("mainClass", Examples.PACKAGE + "exceptions.InvalidInputException"));
    ResponseEntity<JsonNode> unknownRun = get("no-such-run");
    ResponseEntity<JsonNode> unknownProgram =
        admin
            .post()
            .uri("/api/v1/programs/{id}/runs", "no-such-program")
            .contentType(MediaType.APPLICATION_JSON)
            .body(Map.of())
            .retrieve()
            .toEntity(JsonNode.class);
    ResponseEntity<JsonNode> asViewer =
        client(VIEWER_TOKEN)
            .post()
            .uri("/api/v1/programs/{id}/runs", programId)
            .contentType(MediaType.APPLICATION_JSON)
            .body(Map.of())
            .retrieve()
            .toEntity(JsonNode.class);

    assertThat(noSuchClass.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
    assertThat(noSuchClass.getBody().get("type").asText())
        .isEqualTo("https://farcall.dev/problems/invalid-main-class");
    assertThat(noMain.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
    assertThat(unknownRun.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(unknownProgram.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(asViewer.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(values(list(), "mainClass")).doesNotContain("no.such.Main");
  }

  private static List<String> values(JsonNode array, String field) {
    List<String> out = new java.util.ArrayList<>();
    array.forEach(run -> out.add(run.path(field).asText()));
    return out;
  }

  private ResponseEntity<JsonNode> start(Map<String, Object> body) {
    return admin
        .post()
        .uri("/api/v1/programs/{id}/runs", programId)
        .contentType(MediaType.APPLICATION_JSON)
        .body(body)
        .retrieve()
        .toEntity(JsonNode.class);
  }

  @Test
  void aRunStoredBeforeItsStatsGainedFieldsIsStillListedAndShown() {
    // stats as a version before meanLocalWorkMicros, timedLocalCalls and cpuShare wrote them
    String stats =
        """
        {"localCalls":144,"localCallsComplete":true,"remoteCalls":3400,"retries":0,
         "bytesSent":120000,"bytesReceived":64000,"sites":[{"className":"org.example.Site",
         "methodName":"work","descriptor":"(I)J","decision":"REMOTE","localCalls":12,
         "remoteCalls":3400,"fallbacks":0,"meanWorkMicros":812.5,"meanOverheadMicros":950.1,
         "bytesSent":120000,"bytesReceived":64000,"retries":0}]}""";
    String runId = UUID.randomUUID().toString();
    OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC);
    jdbc.sql(
            "insert into runs (id, program_id, main_class, args, heuristic, tunables, status,"
                + " exit_code, created_at, started_at, finished_at, stats, stdout, stderr)"
                + " values (?, ?, 'org.example.Main', '[]', 'greedy', '{}', 'SUCCEEDED', 0,"
                + " ?, ?, ?, ?, '', '')")
        .params(runId, programId, at, at, at, stats)
        .update();

    assertThat(values(list(), "id")).contains(runId);
    JsonNode shown = get(runId).getBody();
    JsonNode site = shown.get("stats").get("sites").get(0);
    assertThat(site.get("meanWorkMicros").asDouble()).isEqualTo(812.5);
    assertThat(site.get("timedLocalCalls").asLong()).isZero();
  }

  private ResponseEntity<JsonNode> get(String runId) {
    return admin.get().uri("/api/v1/runs/{id}", runId).retrieve().toEntity(JsonNode.class);
  }

  private JsonNode list() {
    return admin.get().uri("/api/v1/runs").retrieve().body(JsonNode.class);
  }

  private String output(String runId, String stream) {
    String text =
        admin
            .get()
            .uri("/api/v1/runs/{id}/output?stream={s}", runId, stream)
            .retrieve()
            .body(String.class);
    return text == null ? "" : text;
  }

  private JsonNode awaitEnd(String runId) {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              String status = get(runId).getBody().get("status").asText();
              return !status.equals("QUEUED") && !status.equals("RUNNING");
            });
    return get(runId).getBody();
  }
}
