package dev.farcall.coordinator.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.farcall.coordinator.CoordinatorTestBase;
import dev.farcall.coordinator.program.ProgramsClient;
import dev.farcall.coordinator.program.TestJars;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/** Who may do what with which token, and how refusals look. */
@ExtendWith(OutputCaptureExtension.class)
class SecurityTests extends CoordinatorTestBase {

  private ResponseEntity<JsonNode> get(String token, String path) {
    return client(token).get().uri(path).retrieve().toEntity(JsonNode.class);
  }

  private static JsonNode assertProblem(
      ResponseEntity<?> response, HttpStatus status, String slug) {
    assertThat(response.getStatusCode()).isEqualTo(status);
    assertThat(response.getHeaders().getContentType())
        .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    JsonNode problem = (JsonNode) response.getBody();
    assertThat(problem.get("type").asString()).isEqualTo("https://farcall.dev/problems/" + slug);
    assertThat(problem.get("status").asInt()).isEqualTo(status.value());
    return problem;
  }

  @Test
  void requestWithoutTokenIsUnauthorizedProblemWithBearerChallenge() {
    ResponseEntity<JsonNode> response = get(null, "/api/v1/programs");

    JsonNode problem = assertProblem(response, HttpStatus.UNAUTHORIZED, "unauthorized");
    assertThat(response.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).isEqualTo("Bearer");
    assertThat(problem.get("detail").asString()).contains("bearer token is required");
  }

  @Test
  void requestWithWrongTokenIsUnauthorized() {
    ResponseEntity<JsonNode> response = get("not-" + ADMIN_TOKEN, "/api/v1/programs");

    JsonNode problem = assertProblem(response, HttpStatus.UNAUTHORIZED, "unauthorized");
    assertThat(response.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE))
        .startsWith("Bearer")
        .contains("invalid_token");
    assertThat(problem.get("detail").asString()).contains("not valid");
  }

  @Test
  void basicAuthenticationIsNotAccepted() {
    ResponseEntity<JsonNode> response =
        client(null)
            .get()
            .uri("/api/v1/programs")
            .header(HttpHeaders.AUTHORIZATION, "Basic YWRtaW46YWRtaW4=")
            .retrieve()
            .toEntity(JsonNode.class);

    assertProblem(response, HttpStatus.UNAUTHORIZED, "unauthorized");
  }

  @Test
  void viewerMayReadButNotUpload() {
    ProgramsClient viewer = new ProgramsClient(client(VIEWER_TOKEN));

    assertThat(viewer.list().getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode problem =
        assertProblem(viewer.upload(TestJars.jar()), HttpStatus.FORBIDDEN, "forbidden");
    assertThat(problem.get("detail").asString()).contains("viewer").contains("POST");
  }

  @Test
  void viewerMayNotDelete() {
    String id =
        new ProgramsClient(client(ADMIN_TOKEN))
            .upload(TestJars.jar())
            .getBody()
            .get("id")
            .asString();

    assertProblem(
        new ProgramsClient(client(VIEWER_TOKEN)).delete(id), HttpStatus.FORBIDDEN, "forbidden");
    assertThat(new ProgramsClient(client(ADMIN_TOKEN)).show(id).getStatusCode())
        .isEqualTo(HttpStatus.OK);
  }

  @Test
  void workerMayDownloadJarsButNotListPrograms() {
    byte[] jar = TestJars.jar();
    String id = new ProgramsClient(client(ADMIN_TOKEN)).upload(jar).getBody().get("id").asString();
    ProgramsClient worker = new ProgramsClient(client(WORKER_TOKEN));

    ResponseEntity<byte[]> download = worker.jar(id, null);

    assertThat(download.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(download.getBody()).isEqualTo(jar);
    assertProblem(worker.list(), HttpStatus.FORBIDDEN, "forbidden");
    assertProblem(worker.show(id), HttpStatus.FORBIDDEN, "forbidden");
    assertProblem(worker.upload(TestJars.jar()), HttpStatus.FORBIDDEN, "forbidden");
  }

  @Test
  void healthAndProbesAnswerWithoutToken() {
    for (String path :
        new String[] {
          "/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"
        }) {
      ResponseEntity<JsonNode> response = get(null, path);

      assertThat(response.getStatusCode()).as(path).isEqualTo(HttpStatus.OK);
      assertThat(response.getBody().get("status").asString()).as(path).isEqualTo("UP");
    }
  }

  @Test
  void healthAnswersEvenWithAWrongToken() {
    assertThat(get("wrong", "/actuator/health").getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void apiDocsAndPrometheusNeedAtLeastTheViewerToken() {
    for (String path : new String[] {"/v3/api-docs", "/actuator/prometheus", "/swagger-ui.html"}) {
      ResponseEntity<String> anonymous =
          client(null).get().uri(path).retrieve().toEntity(String.class);
      ResponseEntity<String> worker =
          client(WORKER_TOKEN).get().uri(path).retrieve().toEntity(String.class);
      ResponseEntity<String> viewer =
          client(VIEWER_TOKEN).get().uri(path).retrieve().toEntity(String.class);

      assertThat(anonymous.getStatusCode()).as(path).isEqualTo(HttpStatus.UNAUTHORIZED);
      assertThat(worker.getStatusCode()).as(path).isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(
              viewer.getStatusCode().is2xxSuccessful() || viewer.getStatusCode().is3xxRedirection())
          .as(path + " answered " + viewer.getStatusCode())
          .isTrue();
    }
  }

  @Test
  void apiDocsDescribeTheProgramEndpointsAndTheBearerScheme() {
    JsonNode docs = get(VIEWER_TOKEN, "/v3/api-docs").getBody();

    assertThat(docs.get("paths").has("/api/v1/programs")).isTrue();
    assertThat(docs.get("paths").has("/api/v1/programs/{id}/jar")).isTrue();
    assertThat(docs.get("components").get("securitySchemes").get("bearer").get("scheme").asString())
        .isEqualTo("bearer");
  }

  @Test
  void prometheusExposesMetrics() {
    ResponseEntity<String> metrics =
        client(VIEWER_TOKEN).get().uri("/actuator/prometheus").retrieve().toEntity(String.class);

    assertThat(metrics.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(metrics.getBody()).contains("jvm_memory_used_bytes");
  }

  @Test
  void sessionsAreNeverCreated() {
    ResponseEntity<JsonNode> response = get(ADMIN_TOKEN, "/api/v1/programs");

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(response.getHeaders().get(HttpHeaders.SET_COOKIE)).isNull();
  }

  @Test
  void tokensNeverAppearInTheLogsEvenAtDebugLevel(CapturedOutput output) {
    LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
    String[] loggers = {"org.springframework.security", "org.springframework.web", "dev.farcall"};
    for (String logger : loggers) {
      logging.setLogLevel(logger, LogLevel.DEBUG);
    }
    String guessed = "guessed-" + ADMIN_TOKEN.substring(0, 12) + "-secret";
    try {
      get(guessed, "/api/v1/programs");
      get(VIEWER_TOKEN, "/api/v1/programs");
      new ProgramsClient(client(VIEWER_TOKEN)).upload(TestJars.jar());
      get(ADMIN_TOKEN, "/api/v1/programs/unknown");
      get(WORKER_TOKEN, "/api/v1/programs");
    } finally {
      for (String logger : loggers) {
        logging.setLogLevel(logger, null);
      }
    }

    // The capture works: the security filter chain logged these requests at DEBUG.
    assertThat(output.getAll()).contains("Securing GET /api/v1/programs");
    assertThat(output.getAll())
        .doesNotContain(guessed)
        .doesNotContain(ADMIN_TOKEN)
        .doesNotContain(VIEWER_TOKEN)
        .doesNotContain(WORKER_TOKEN);
  }
}
