package dev.farcall.coordinator.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.farcall.coordinator.CoordinatorTestBase;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Requests Tomcat refuses before Spring MVC sees them, and the paths Spring Boot would answer on
 * its own, are problems like every other error: {@code application/problem+json} with a stable
 * type, never Tomcat's HTML page or Boot's {@code {"status":999}}.
 */
class ContainerProblemsTests extends CoordinatorTestBase {

  private static JsonNode assertProblem(RawHttp.Answer answer, int status, String slug) {
    assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
    assertThat(answer.contentType()).as(answer.toString()).isEqualTo("application/problem+json");
    JsonNode problem = answer.json();
    assertThat(problem.get("type").asString()).isEqualTo(Problems.TYPE_PREFIX + slug);
    assertThat(problem.get("status").asInt()).isEqualTo(status);
    assertThat(problem.get("title").asString()).isNotBlank();
    assertThat(problem.get("detail").asString()).isNotBlank();
    assertThat(answer.body()).doesNotContain("<html", "Tomcat");
    return problem;
  }

  private static String bearer() {
    return "Authorization: Bearer " + ADMIN_TOKEN;
  }

  @Test
  void encodedNulInThePathIsABadRequestProblem() {
    RawHttp.Answer answer = RawHttp.send(port, "GET /api/v1/programs/%00 HTTP/1.1\r\n" + bearer());

    assertProblem(answer, 400, "bad-request");
  }

  @Test
  void twentyKilobyteAuthorizationHeaderIsAProblem() {
    String huge = "Authorization: Bearer " + "x".repeat(20 * 1024);

    RawHttp.Answer answer = RawHttp.send(port, "GET /api/v1/programs HTTP/1.1\r\n" + huge);

    assertThat(answer.status()).isIn(400, 431);
    assertProblem(
        answer,
        answer.status(),
        answer.status() == 400 ? "bad-request" : "request-header-fields-too-large");
  }

  @Test
  void traceIsAMethodNotAllowedProblem() {
    RawHttp.Answer answer = RawHttp.send(port, "TRACE /api/v1/programs HTTP/1.1\r\n" + bearer());

    assertProblem(answer, 405, "method-not-allowed");
    assertThat(answer.body()).doesNotContain(ADMIN_TOKEN);
  }

  @Test
  void errorPathIsANotFoundProblemNotStatus999() {
    RawHttp.Answer answer = RawHttp.send(port, "GET /error HTTP/1.1\r\n" + bearer());

    assertProblem(answer, 404, "not-found");
    assertThat(answer.body()).doesNotContain("999");
  }
}
