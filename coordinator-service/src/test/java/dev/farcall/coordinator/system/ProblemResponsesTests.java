package dev.farcall.coordinator.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.farcall.coordinator.CoordinatorTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import tools.jackson.databind.JsonNode;

/** Spring MVC's own request errors reach clients as problems with stable types. */
class ProblemResponsesTests extends CoordinatorTestBase {

  private static JsonNode assertProblem(
      ResponseEntity<JsonNode> response, HttpStatus status, String slug) {
    assertThat(response.getStatusCode()).isEqualTo(status);
    assertThat(response.getHeaders().getContentType())
        .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    JsonNode problem = response.getBody();
    assertThat(problem.get("type").asString()).isEqualTo(Problems.TYPE_PREFIX + slug);
    assertThat(problem.get("status").asInt()).isEqualTo(status.value());
    assertThat(problem.get("detail").asString()).isNotBlank();
    return problem;
  }

  @Test
  void unknownPathIsANotFoundProblem() {
    ResponseEntity<JsonNode> response =
        client(ADMIN_TOKEN).get().uri("/api/v1/nothing-here").retrieve().toEntity(JsonNode.class);

    JsonNode problem = assertProblem(response, HttpStatus.NOT_FOUND, "not-found");
    assertThat(problem.get("instance").asString()).isEqualTo("/api/v1/nothing-here");
  }

  @Test
  void unsupportedMethodIsAMethodNotAllowedProblemWithAllow() {
    ResponseEntity<JsonNode> response =
        client(ADMIN_TOKEN).put().uri("/api/v1/programs").retrieve().toEntity(JsonNode.class);

    assertProblem(response, HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed");
    assertThat(response.getHeaders().getAllow()).isNotEmpty();
  }

  @Test
  void jsonBodyOnTheUploadEndpointIsAnUnsupportedMediaTypeProblem() {
    ResponseEntity<JsonNode> response =
        client(ADMIN_TOKEN)
            .post()
            .uri("/api/v1/programs")
            .contentType(MediaType.APPLICATION_JSON)
            .body("{\"file\": \"x\"}")
            .retrieve()
            .toEntity(JsonNode.class);

    assertProblem(response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type");
  }

  @Test
  void uploadWithoutFilePartIsAMissingParameterProblem() {
    MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
    form.add("name", "no file");

    ResponseEntity<JsonNode> response =
        client(ADMIN_TOKEN)
            .post()
            .uri("/api/v1/programs")
            .contentType(MediaType.MULTIPART_FORM_DATA)
            .body(form)
            .retrieve()
            .toEntity(JsonNode.class);

    JsonNode problem = assertProblem(response, HttpStatus.BAD_REQUEST, "missing-parameter");
    assertThat(problem.get("parameter").asString()).isEqualTo("file");
  }

  @Test
  void problemIsReturnedEvenWhenTheClientOnlyAcceptsJars() {
    ResponseEntity<JsonNode> response =
        client(WORKER_TOKEN)
            .get()
            .uri("/api/v1/programs/unknown/jar")
            .header(HttpHeaders.ACCEPT, "application/java-archive")
            .retrieve()
            .toEntity(JsonNode.class);

    assertProblem(response, HttpStatus.NOT_FOUND, "program-not-found");
  }
}
