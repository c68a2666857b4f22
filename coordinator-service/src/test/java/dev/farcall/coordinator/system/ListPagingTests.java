package dev.farcall.coordinator.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.farcall.coordinator.CoordinatorTestBase;
import dev.farcall.coordinator.program.ProgramsClient;
import dev.farcall.coordinator.program.TestJars;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/** {@code ?limit=&cursor=} on {@code GET /programs} and {@code GET /runs}, and bad paging input. */
class ListPagingTests extends CoordinatorTestBase {

  private static final Pattern NEXT = Pattern.compile("<([^>]+)>;\\s*rel=\"next\"");

  @Test
  void walkingTheProgramPagesGivesTheWholeListInOrderOnce() {
    ProgramsClient programs = new ProgramsClient(client(ADMIN_TOKEN));
    for (int i = 0; i < 3; i++) {
      programs.upload(TestJars.jar(), "p" + i + ".jar", null);
    }
    List<String> all = ids(get("/api/v1/programs").getBody());

    List<String> paged = new ArrayList<>();
    Optional<String> next = Optional.of("/api/v1/programs?limit=2");
    int pages = 0;
    while (next.isPresent()) {
      ResponseEntity<JsonNode> page = get(next.get());
      assertThat(page.getBody().size()).isLessThanOrEqualTo(2);
      paged.addAll(ids(page.getBody()));
      next = next(page);
      pages++;
    }

    assertThat(all).hasSizeGreaterThanOrEqualTo(3);
    assertThat(paged).containsExactlyElementsOf(all);
    assertThat(pages).isEqualTo((all.size() + 1) / 2);
  }

  @Test
  void runsComeNewestFirstOnePageAtATimeCompactAndFiltered() throws Exception {
    String programId =
        new ProgramsClient(client(ADMIN_TOKEN))
            .upload(java.nio.file.Files.readAllBytes(EXAMPLES), "examples.jar", null)
            .getBody()
            .get("id")
            .asString();
    List<String> started = new ArrayList<>();
    for (String main : List.of("exit", "staticstate", "exit")) {
      started.add(start(programId, "dev.farcall.examples.programs." + main + ".Main"));
    }
    // other tests run the same examples program: wait for our runs only
    await()
        .atMost(Duration.ofSeconds(90))
        .until(
            () ->
                started.stream()
                    .allMatch(
                        id -> get("/api/v1/runs/" + id).getBody().get("finishedAt").isString()));

    // other tests run the same examples program: look only at our runs, in the order paged
    List<String> paged = new ArrayList<>();
    Optional<String> next = Optional.of("/api/v1/runs?limit=2&view=summary&programId=" + programId);
    ResponseEntity<JsonNode> first = null;
    while (next.isPresent()) {
      ResponseEntity<JsonNode> page = get(next.get());
      first = first == null ? page : first;
      assertThat(page.getStatusCode().value()).as(next.get()).isEqualTo(200);
      assertThat(page.getBody().isArray()).isTrue();
      assertThat(page.getBody().size()).isBetween(1, 2);
      paged.addAll(ids(page.getBody()));
      next = next(page);
    }
    ResponseEntity<JsonNode> failed =
        get("/api/v1/runs?status=FAILED&view=summary&programId=" + programId);
    assertThat(failed.getStatusCode().value()).isEqualTo(200);

    assertThat(paged).doesNotHaveDuplicates();
    assertThat(paged.stream().filter(started::contains).toList())
        .containsExactly(started.get(2), started.get(1), started.get(0));
    assertThat(first.getBody().get(0).has("stats")).isFalse();
    assertThat(first.getBody().get(0).has("args")).isFalse();
    assertThat(ids(failed.getBody()))
        .contains(started.get(0), started.get(2))
        .doesNotContain(started.get(1));
    assertThat(failed.getBody().valueStream().map(r -> r.get("status").asString()))
        .containsOnly("FAILED");
    // the old unparameterised answer is unchanged: every run in full
    assertThat(get("/api/v1/runs?programId=" + programId).getBody().get(0).has("stats")).isTrue();
  }

  @Test
  void aBadLimitOrCursorIsAProblemNamingTheParameter() {
    for (String query : List.of("limit=0", "limit=501", "cursor=not-ours", "status=DONE")) {
      ResponseEntity<JsonNode> response = get("/api/v1/runs?" + query);
      assertThat(response.getStatusCode().value()).as(query).isEqualTo(400);
      assertThat(response.getHeaders().getContentType().toString())
          .startsWith("application/problem+json");
      assertThat(response.getBody().get("type").asString())
          .isEqualTo("https://farcall.dev/problems/invalid-request");
      assertThat(response.getBody().get("field").asString()).isEqualTo(query.split("=")[0]);
    }
    assertThat(get("/api/v1/programs?limit=-3").getStatusCode().value()).isEqualTo(400);
  }

  private static final java.nio.file.Path EXAMPLES =
      java.nio.file.Path.of("target", "test-jars", "examples.jar");

  private String start(String programId, String mainClass) {
    return client(ADMIN_TOKEN)
        .post()
        .uri("/api/v1/programs/{id}/runs", programId)
        .contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("mainClass", mainClass))
        .retrieve()
        .body(JsonNode.class)
        .get("id")
        .asString();
  }

  private ResponseEntity<JsonNode> get(String pathAndQuery) {
    String path =
        pathAndQuery.startsWith("http")
            ? URI.create(pathAndQuery).getRawPath() + "?" + URI.create(pathAndQuery).getRawQuery()
            : pathAndQuery;
    return client(VIEWER_TOKEN)
        .get()
        .uri(URI.create("http://127.0.0.1:" + port + path))
        .retrieve()
        .toEntity(JsonNode.class);
  }

  private static Optional<String> next(ResponseEntity<JsonNode> page) {
    String link = page.getHeaders().getFirst(HttpHeaders.LINK);
    if (link == null) {
      return Optional.empty();
    }
    Matcher m = NEXT.matcher(link);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  private static List<String> ids(JsonNode list) {
    return list.valueStream().map(n -> n.get("id").asString()).toList();
  }
}
