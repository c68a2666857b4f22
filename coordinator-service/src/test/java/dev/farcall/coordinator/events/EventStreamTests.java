package dev.farcall.coordinator.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.farcall.coordinator.CoordinatorTestBase;
import dev.farcall.coordinator.program.ProgramsClient;
import dev.farcall.coordinator.run.SiteDecisionEvent;
import dev.farcall.coordinator.run.driver.Decision;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/** {@code GET /api/v1/events} against the real coordinator: order, resume, filters, errors. */
class EventStreamTests extends CoordinatorTestBase {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @Autowired private ApplicationEventPublisher publisher;

  @Test
  void eventsOfAnUploadAnAnalysisAndARunArriveInOrder() throws Exception {
    try (SseClient stream = SseClient.connect(port, VIEWER_TOKEN, "", null)) {
      String programId = upload();
      stream.await(e -> e.type().equals("plan.changed") && e.programId().equals(programId), WAIT);
      String runId = startRun(programId, "12", "5", "4", "50");
      stream.await(e -> e.type().equals("run.finished") && e.runId().equals(runId), WAIT);

      List<SseClient.Event> ours =
          stream.events().stream()
              .filter(e -> e.programId().equals(programId) || e.runId().equals(runId))
              .toList();
      List<String> types = ours.stream().map(SseClient.Event::type).toList();
      assertThat(types.subList(0, 4))
          .containsExactly("program.uploaded", "analysis.done", "plan.changed", "run.started");
      assertThat(types.get(types.size() - 1)).isEqualTo("run.finished");
      assertThat(types.subList(4, types.size() - 1))
          .isNotEmpty()
          .allMatch(t -> t.startsWith("run."))
          .contains("run.output");
      assertThat(ours.get(1).data().get("methods").asInt()).isPositive();
      assertThat(ours.get(ours.size() - 1).data().get("status").asString()).isEqualTo("SUCCEEDED");
      assertThat(sequences(ours)).isSorted().doesNotHaveDuplicates();
      assertThat(printed(ours, "stdout")).isEqualTo(output(runId, "stdout")).startsWith("line 0 ");
      assertThat(printed(ours, "stderr")).isEqualTo("done 36\n");
    }
  }

  @Test
  void reconnectingWithLastEventIdLosesNoEvent() throws Exception {
    try (SseClient whole = SseClient.connect(port, VIEWER_TOKEN, "", null)) {
      String programId = upload();
      whole.await(e -> e.type().equals("plan.changed") && e.programId().equals(programId), WAIT);
      String filter = "?programId=" + programId;
      SseClient first = SseClient.connect(port, VIEWER_TOKEN, filter, null);
      String runId = startRun(programId, "40", "10", "4", "120");
      first.await(e -> e.type().equals("run.output"), WAIT);
      first.close();
      String lastSeen = first.lastId().orElseThrow();
      int beforeGap = count(whole, runId);
      // events go on while the client is away
      await().atMost(WAIT).until(() -> count(whole, runId) > beforeGap + 2);

      try (SseClient resumed = SseClient.connect(port, VIEWER_TOKEN, filter, lastSeen)) {
        resumed.await(e -> e.type().equals("run.finished"), WAIT);
        whole.await(e -> e.type().equals("run.finished") && e.runId().equals(runId), WAIT);

        List<String> received = new ArrayList<>(ids(first.events(), runId));
        received.addAll(ids(resumed.events(), runId));
        assertThat(received).containsExactlyElementsOf(ids(whole.events(), runId));
        assertThat(ids(resumed.events(), runId)).isNotEmpty();
      }
    }
  }

  @Test
  void aRunFilterGivesOnlyThatRunsEvents() throws Exception {
    String programId = upload();
    await().atMost(WAIT).until(() -> planExists(programId));
    String other = startRun(programId, "3", "1", "1", "1");
    try (SseClient stream = SseClient.connect(port, VIEWER_TOKEN, "?runId=PLACEHOLDER", null)) {
      // a filter naming a run that does not exist yet is fine: it just matches nothing
      assertThat(stream.status()).isEqualTo(200);
    }
    String runId = startRun(programId, "6", "1", "3", "100");
    try (SseClient stream = SseClient.connect(port, VIEWER_TOKEN, "?runId=" + runId, null)) {
      stream.await(e -> e.type().equals("run.finished"), WAIT);
      assertThat(stream.events()).allMatch(e -> e.runId().equals(runId));
      assertThat(stream.events()).noneMatch(e -> e.runId().equals(other));
    }
  }

  @Test
  void aFlippedSiteOfARunIsAnnouncedWithItsSiteAndReason() throws Exception {
    String programId = upload();
    await().atMost(WAIT).until(() -> planExists(programId));
    String runId = startRun(programId, "30", "1", "3", "200");
    try (SseClient stream = SseClient.connect(port, VIEWER_TOKEN, "?runId=" + runId, null)) {
      stream.await(e -> e.type().equals("run.started") || e.type().equals("run.output"), WAIT);
      Instant at = Instant.parse("2026-12-01T12:00:00Z");
      // what the coordinator publishes when a run's driver reports a flip
      publisher.publishEvent(
          new SiteDecisionEvent(
              runId,
              new SiteDecisionEvent.Site("demo.Chatty", "main", "([Ljava/lang/String;)V"),
              Decision.LOCAL,
              Decision.REMOTE,
              at,
              "work 40x its dispatch cost"));

      SseClient.Event event = stream.await(e -> e.type().equals("site.decision"), WAIT);
      JsonNode data = event.data();
      assertThat(data.get("runId").asString()).isEqualTo(runId);
      assertThat(data.get("site").get("className").asString()).isEqualTo("demo.Chatty");
      assertThat(data.get("site").get("methodName").asString()).isEqualTo("main");
      assertThat(data.get("site").get("descriptor").asString()).isEqualTo("([Ljava/lang/String;)V");
      assertThat(data.get("from").asString()).isEqualTo("LOCAL");
      assertThat(data.get("to").asString()).isEqualTo("REMOTE");
      assertThat(Instant.parse(data.get("at").asString())).isEqualTo(at);
      assertThat(data.get("reason").asString()).isEqualTo("work 40x its dispatch cost");
    }
  }

  @Test
  void anIdOfAnotherCoordinatorGetsAResetEvent() throws Exception {
    try (SseClient stream = SseClient.connect(port, VIEWER_TOKEN, "", "0-17")) {
      SseClient.Event first = stream.await(e -> true, WAIT);

      assertThat(first.type()).isEqualTo("reset");
      assertThat(first.data().get("lastEventId").asString()).isEqualTo("0-17");
    }
  }

  @Test
  void anUnknownTypeIsAProblemAndNoTokenIsRefused() throws Exception {
    try (SseClient unknown = SseClient.connect(port, VIEWER_TOKEN, "?types=run.bogus", null);
        SseClient anonymous = SseClient.connect(port, null, "", null)) {
      assertThat(unknown.status()).isEqualTo(400);
      assertThat(anonymous.status()).isEqualTo(401);
    }
  }

  private String upload() {
    JsonNode body =
        new ProgramsClient(client(ADMIN_TOKEN))
            .upload(EventPrograms.chattyJar(), "chatty.jar", null)
            .getBody();
    return body.get("id").asString();
  }

  private boolean planExists(String programId) {
    return client(VIEWER_TOKEN)
        .get()
        .uri("/api/v1/programs/{id}/placement", programId)
        .retrieve()
        .toEntity(String.class)
        .getStatusCode()
        .is2xxSuccessful();
  }

  private String startRun(String programId, String... args) {
    RestClient admin = client(ADMIN_TOKEN);
    JsonNode run =
        admin
            .post()
            .uri("/api/v1/programs/{id}/runs", programId)
            .contentType(MediaType.APPLICATION_JSON)
            .body(Map.of("mainClass", EventPrograms.MAIN, "args", List.of(args)))
            .retrieve()
            .body(JsonNode.class);
    return run.get("id").asString();
  }

  private String output(String runId, String stream) {
    return client(VIEWER_TOKEN)
        .get()
        .uri("/api/v1/runs/{id}/output?stream={s}", runId, stream)
        .retrieve()
        .body(String.class);
  }

  static String printed(List<SseClient.Event> events, String stream) {
    return events.stream()
        .filter(e -> e.type().equals("run.output"))
        .filter(e -> e.data().get("stream").asString().equals(stream))
        .map(e -> e.data().get("text").asString())
        .collect(Collectors.joining());
  }

  private static List<Long> sequences(List<SseClient.Event> events) {
    return events.stream()
        .map(e -> Long.parseLong(e.id().substring(e.id().lastIndexOf('-') + 1)))
        .toList();
  }

  private static int count(SseClient client, String runId) {
    return ids(client.events(), runId).size();
  }

  private static List<String> ids(List<SseClient.Event> events, String runId) {
    return events.stream().filter(e -> e.runId().equals(runId)).map(SseClient.Event::id).toList();
  }
}
