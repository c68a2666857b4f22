package dev.farcall.coordinator.invocation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.farcall.coordinator.CoordinatorTestBase;
import dev.farcall.coordinator.kafka.FarcallKafkaProperties;
import dev.farcall.coordinator.program.ProgramsClient;
import dev.farcall.dispatch.FakeWorker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/**
 * The invocation and workers endpoints of the whole coordinator (security, program store, problem
 * advice, Kafka) with a fake worker that computes the answers of {@link TestPrograms#CALC}.
 */
class InvocationEndpointTests extends CoordinatorTestBase {

  @TempDir static Path dir;
  static Path jar;
  static FakeWorker worker;

  @Autowired FarcallKafkaProperties kafka;

  private String programId;

  @BeforeEach
  void uploadAndStartWorker() throws Exception {
    if (jar == null) {
      jar = TestPrograms.jar(dir, TestPrograms.CALC);
    }
    ResponseEntity<JsonNode> uploaded =
        new ProgramsClient(client(ADMIN_TOKEN)).upload(Files.readAllBytes(jar));
    assertThat(uploaded.getStatusCode().is2xxSuccessful()).isTrue();
    programId = uploaded.getBody().get("id").asString();
    if (worker == null) {
      worker =
          FakeWorker.builder(kafka.getBootstrapServers(), kafka.topics(), "fake-1")
              .responder(new CalcResponder(jar))
              .start();
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                JsonNode workers = get(VIEWER_TOKEN, "/api/v1/workers").getBody();
                return workers != null
                    && workers.size() == 1
                    && "ALIVE".equals(workers.get(0).get("status").asString())
                    && workers.get(0).get("assignedPartitions").size() > 0;
              });
    }
  }

  @AfterAll
  static void stopWorker() {
    if (worker != null) {
      worker.close();
      worker = null;
    }
  }

  private ResponseEntity<JsonNode> get(String token, String path) {
    return client(token).get().uri(path).retrieve().toEntity(JsonNode.class);
  }

  private ResponseEntity<JsonNode> invoke(String body) {
    return client(ADMIN_TOKEN)
        .post()
        .uri("/api/v1/programs/{id}/invocations", programId)
        .contentType(MediaType.APPLICATION_JSON)
        .body(body)
        .retrieve()
        .toEntity(JsonNode.class);
  }

  private static JsonNode problem(
      ResponseEntity<JsonNode> response, HttpStatus status, String slug) {
    assertThat(response.getStatusCode().value()).isEqualTo(status.value());
    assertThat(response.getHeaders().getContentType())
        .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(response.getBody().get("type").asString())
        .isEqualTo("https://farcall.dev/problems/" + slug);
    return response.getBody();
  }

  @Test
  void staticMethodWithRecordArgumentReturnsRecordFromWorker() {
    ResponseEntity<JsonNode> response =
        invoke(
            """
            {"className": "example.Calc", "methodName": "shift",
             "args": [{"x": 1, "y": 2}, 10]}
            """);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode body = response.getBody();
    assertThat(body.get("outcome").asString()).isEqualTo("RETURNED");
    assertThat(body.get("result"))
        .isEqualTo(new tools.jackson.databind.ObjectMapper().readTree("{\"x\":11,\"y\":2}"));
    assertThat(body.get("workerId").asString()).isEqualTo("fake-1");
    assertThat(body.get("attempts").asInt()).isEqualTo(1);
    assertThat(body.get("micros").asLong()).isPositive();
    assertThat(body.has("exception")).isFalse();
  }

  @Test
  void listArgumentAndOverloadByParameterTypes() {
    assertThat(
            invoke(
                    """
                    {"className": "example.Calc", "methodName": "total",
                     "args": [[{"x": 1, "y": 2}, {"x": 30, "y": 40}]]}
                    """)
                .getBody()
                .get("result")
                .asInt())
        .isEqualTo(73);
    assertThat(
            invoke(
                    """
                    {"className": "example.Calc", "methodName": "twice",
                     "parameterTypes": ["java.lang.String", "int"], "args": ["ab", 3]}
                    """)
                .getBody()
                .get("result")
                .asString())
        .isEqualTo("ababab");
  }

  @Test
  void methodThatThrowsAnswersThrewWithTypeAndMessage() {
    JsonNode body =
        invoke("{\"className\": \"example.Calc\", \"methodName\": \"divide\", \"args\": [1, 0]}")
            .getBody();

    assertThat(body.get("outcome").asString()).isEqualTo("THREW");
    assertThat(body.get("exception").get("type").asString())
        .isEqualTo("java.lang.ArithmeticException");
    assertThat(body.get("exception").get("message").asString()).isEqualTo("/ by zero");
    assertThat(body.has("result")).isFalse();
  }

  @Test
  void refusalsAreProblemsNamingWhatIsWrong() {
    JsonNode notFound =
        problem(
            invoke("{\"className\": \"example.Calc\", \"methodName\": \"nope\", \"args\": []}"),
            HttpStatus.NOT_FOUND,
            "method-not-found");
    assertThat(notFound.get("methodName").asString()).isEqualTo("nope");

    JsonNode ambiguous =
        problem(
            invoke("{\"className\": \"example.Calc\", \"methodName\": \"add\", \"args\": [1, 2]}"),
            HttpStatus.UNPROCESSABLE_CONTENT,
            "ambiguous-method");
    assertThat(ambiguous.get("candidates").size()).isEqualTo(3);

    JsonNode wrongType =
        problem(
            invoke(
                "{\"className\": \"example.Calc\", \"methodName\": \"shift\","
                    + " \"args\": [{\"x\": \"one\", \"y\": 2}, 1]}"),
            HttpStatus.UNPROCESSABLE_CONTENT,
            "invalid-arguments");
    assertThat(wrongType.get("argument").asString()).isEqualTo("p");

    JsonNode notTransferable =
        problem(
            invoke("{\"className\": \"example.Calc\", \"methodName\": \"sink\", \"args\": [1]}"),
            HttpStatus.UNPROCESSABLE_CONTENT,
            "not-transferable");
    assertThat(notTransferable.get("parameter").asString()).isEqualTo("anything");
    assertThat(notTransferable.get("parameterType").asString()).isEqualTo("java.lang.Object");
  }

  @Test
  void unknownProgramIsNotFound() {
    ResponseEntity<JsonNode> response =
        client(ADMIN_TOKEN)
            .post()
            .uri("/api/v1/programs/{id}/invocations", "no-such-program")
            .contentType(MediaType.APPLICATION_JSON)
            .body("{\"className\": \"example.Calc\", \"methodName\": \"twice\", \"args\": [\"a\"]}")
            .retrieve()
            .toEntity(JsonNode.class);

    problem(response, HttpStatus.NOT_FOUND, "program-not-found");
  }

  @Test
  void unansweredInvocationIsGatewayTimeout() {
    // the fake worker never answers "add" (see CalcResponder)
    problem(
        invoke(
            "{\"className\": \"example.Calc\", \"methodName\": \"add\","
                + " \"parameterTypes\": [\"int\", \"int\"], \"args\": [1, 2], \"timeoutMillis\": 300}"),
        HttpStatus.GATEWAY_TIMEOUT,
        "deadline-exceeded");
  }

  @Test
  void workersListShowsTheFakeWorker() {
    JsonNode workers = get(VIEWER_TOKEN, "/api/v1/workers").getBody();

    JsonNode w = workers.get(0);
    assertThat(w.get("id").asString()).isEqualTo("fake-1");
    assertThat(w.get("status").asString()).isEqualTo("ALIVE");
    assertThat(w.get("slots").asInt()).isEqualTo(4);
    assertThat(java.time.Instant.parse(w.get("lastHeartbeat").asString())).isNotNull();
  }
}
