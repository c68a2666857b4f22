package dev.farcall.coordinator.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.farcall.coordinator.CoordinatorTestBase;
import dev.farcall.coordinator.program.ProgramsClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * JSON bodies and declarations whose values are wrong get a problem naming the field (or line), and
 * change nothing: an overflowing deadline, a tunable given as a string, a member the endpoint does
 * not know, an unknown retry policy, a declaration of a class the program cannot reach.
 */
class JsonBodyBadInputTests extends CoordinatorTestBase {

  private static final Path EXAMPLES = Path.of("target", "test-jars", "examples.jar");
  private static final String MAIN = "dev.farcall.examples.programs.hello.Main";

  @Autowired JdbcClient jdbc;

  private String programId;

  @BeforeEach
  void uploadExamples() throws Exception {
    ResponseEntity<JsonNode> uploaded =
        new ProgramsClient(client(ADMIN_TOKEN)).upload(Files.readAllBytes(EXAMPLES));
    assertThat(uploaded.getStatusCode().is2xxSuccessful()).as(uploaded.toString()).isTrue();
    programId = uploaded.getBody().get("id").asString();
    await("analysis DONE")
        .atMost(Duration.ofSeconds(120))
        .until(
            () ->
                "DONE"
                    .equals(
                        client(ADMIN_TOKEN)
                            .get()
                            .uri("/api/v1/programs/{id}/analysis", programId)
                            .retrieve()
                            .toEntity(JsonNode.class)
                            .getBody()
                            .path("status")
                            .asString("")));
  }

  private ResponseEntity<JsonNode> post(String path, String json) {
    return client(ADMIN_TOKEN)
        .post()
        .uri(path, programId)
        .contentType(MediaType.APPLICATION_JSON)
        .body(json)
        .retrieve()
        .toEntity(JsonNode.class);
  }

  private long runs() {
    return jdbc.sql("SELECT COUNT(*) FROM runs").query(Long.class).single();
  }

  private static JsonNode assertProblem(
      ResponseEntity<JsonNode> response, int status, String slug) {
    assertThat(response.getStatusCode().value()).as(String.valueOf(response)).isEqualTo(status);
    assertThat(response.getHeaders().getContentType())
        .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    JsonNode problem = response.getBody();
    assertThat(problem.get("type").asString()).isEqualTo(Problems.TYPE_PREFIX + slug);
    assertThat(problem.get("title").asString()).isNotBlank();
    return problem;
  }

  @Test
  void runWithOverflowingDeadlineIsRefusedNamingTheFieldAndStartsNothing() {
    long before = runs();

    ResponseEntity<JsonNode> response =
        post(
            "/api/v1/programs/{id}/runs",
            "{\"mainClass\": \"" + MAIN + "\", \"deadlineSeconds\": 9223372036854775807}");

    JsonNode problem = assertProblem(response, 422, "invalid-run-request");
    assertThat(problem.get("field").asString()).isEqualTo("deadlineSeconds");
    assertThat(runs()).isEqualTo(before);
  }

  @Test
  void tunableGivenAsAStringIsRefusedNamingItAndStartsNothing() {
    long before = runs();

    ResponseEntity<JsonNode> response =
        post(
            "/api/v1/programs/{id}/runs",
            "{\"mainClass\": \""
                + MAIN
                + "\", \"heuristic\": \"min-cut\", \"tunables\": {\"workers\": \"4\"}}");

    JsonNode problem = assertProblem(response, 422, "invalid-tunables");
    assertThat(problem.toString()).contains("workers").contains("expected a JSON number");
    assertThat(runs()).isEqualTo(before);
  }

  @Test
  void tunableGivenAsANumberStartsTheRun() {
    ResponseEntity<JsonNode> response =
        post(
            "/api/v1/programs/{id}/runs",
            "{\"mainClass\": \""
                + MAIN
                + "\", \"heuristic\": \"min-cut\", \"tunables\": {\"workers\": 4}}");

    assertThat(response.getStatusCode().value()).as(String.valueOf(response)).isEqualTo(202);
  }

  @Test
  void globalSettingWithAStringTunableIsRefusedAndTheSettingsStay() {
    JsonNode before =
        client(ADMIN_TOKEN)
            .get()
            .uri("/api/v1/heuristics/settings")
            .retrieve()
            .toEntity(JsonNode.class)
            .getBody();

    ResponseEntity<JsonNode> response =
        client(ADMIN_TOKEN)
            .put()
            .uri("/api/v1/heuristics/settings")
            .contentType(MediaType.APPLICATION_JSON)
            .body("{\"heuristic\": \"min-cut\", \"tunables\": {\"workers\": \"4\"}}")
            .retrieve()
            .toEntity(JsonNode.class);

    assertProblem(response, 422, "invalid-tunables");
    assertThat(
            client(ADMIN_TOKEN)
                .get()
                .uri("/api/v1/heuristics/settings")
                .retrieve()
                .toEntity(JsonNode.class)
                .getBody())
        .isEqualTo(before);
  }

  @Test
  void unknownFieldInARunBodyIsABadRequestNamingItAndStartsNothing() {
    long before = runs();

    ResponseEntity<JsonNode> response =
        post(
            "/api/v1/programs/{id}/runs",
            "{\"mainClass\": \"" + MAIN + "\", \"deadlineSecond\": 5}");

    JsonNode problem = assertProblem(response, 400, "unknown-field");
    assertThat(problem.get("field").asString()).isEqualTo("deadlineSecond");
    assertThat(runs()).isEqualTo(before);
  }

  @Test
  void unknownFieldInAnInvocationIsABadRequestNamingIt() {
    ResponseEntity<JsonNode> response =
        post(
            "/api/v1/programs/{id}/invocations",
            "{\"className\": \"dev.farcall.examples.invoke.Work\", \"methodName\": \"noop\","
                + " \"retries\": 3}");

    JsonNode problem = assertProblem(response, 400, "unknown-field");
    assertThat(problem.get("field").asString()).isEqualTo("retries");
  }

  @Test
  void unknownRetryPolicyIsABadRequestNamingTheField() {
    ResponseEntity<JsonNode> response =
        post(
            "/api/v1/programs/{id}/invocations",
            "{\"className\": \"dev.farcall.examples.invoke.Work\", \"methodName\": \"noop\","
                + " \"retry\": \"SOMETIMES\"}");

    JsonNode problem = assertProblem(response, 400, "malformed-request");
    assertThat(problem.get("field").asString()).isEqualTo("retry");
  }

  @Test
  void declarationOfAClassTheProgramCannotReachIsRefusedNamingTheLineAndChangesNothing() {
    String before = declarations();

    ResponseEntity<JsonNode> response =
        client(ADMIN_TOKEN)
            .put()
            .uri("/api/v1/programs/{id}/declarations", programId)
            .contentType(MediaType.TEXT_PLAIN)
            .body("pure dev.farcall.examples.invoke.Work#spin\npure com.example.NoSuchClass\n")
            .retrieve()
            .toEntity(JsonNode.class);

    JsonNode problem = assertProblem(response, 422, "invalid-declarations");
    assertThat(problem.get("line").asInt()).isEqualTo(2);
    assertThat(problem.get("detail").asString()).contains("com.example.NoSuchClass");
    assertThat(declarations()).isEqualTo(before);
  }

  @Test
  void declarationsOfJarAndJdkClassesAreAccepted() {
    ResponseEntity<JsonNode> response =
        client(ADMIN_TOKEN)
            .put()
            .uri("/api/v1/programs/{id}/declarations", programId)
            .contentType(MediaType.TEXT_PLAIN)
            .body("pure dev.farcall.examples.invoke.Work#spin\npure java.lang.StrictMath\n")
            .retrieve()
            .toEntity(JsonNode.class);

    assertThat(response.getStatusCode().value()).as(String.valueOf(response)).isEqualTo(202);
  }

  private String declarations() {
    return client(ADMIN_TOKEN)
        .get()
        .uri("/api/v1/programs/{id}/declarations", programId)
        .retrieve()
        .toEntity(String.class)
        .getBody();
  }
}
