package dev.farcall.coordinator.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.farcall.coordinator.CoordinatorTestBase;
import dev.farcall.coordinator.program.ProgramsClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/** {@code GET /programs/{id}/graph} and {@code /graph/method} on the examples jar. */
class GraphEndpointTests extends CoordinatorTestBase {

  private static final Path EXAMPLES = Path.of("target", "test-jars", "examples.jar");
  private static final String PINNED =
      "dev.farcall.examples.programs.fileio.Main#writeNumbers(Ljava/nio/file/Path;I)V";
  private static final String REMOTE =
      "dev.farcall.examples.placement.ParallelSum#countSolutions(I)J";

  @Test
  void theGraphCarriesEveryMethodWithItsPlanDecisionAndTheCallsBetweenThem() throws Exception {
    String programId = upload();
    JsonNode graph = get("/api/v1/programs/" + programId + "/graph").getBody();
    JsonNode plan = get("/api/v1/programs/" + programId + "/placement").getBody();
    JsonNode analysis = get("/api/v1/programs/" + programId + "/analysis").getBody();

    Map<String, String> decisions = new HashMap<>();
    for (JsonNode m : graph.get("methods")) {
      String cls = graph.get("classes").get(m.get(0).asInt()).asString();
      decisions.put(cls + "#" + m.get(1).asString() + m.get(2).asString(), m.get(3).asString());
    }
    assertThat(graph.get("version").asInt()).isEqualTo(plan.get("version").asInt());
    assertThat(decisions).hasSize(analysis.get("methods").size());
    for (JsonNode d : plan.get("decisions")) {
      String key =
          d.get("className").asString()
              + "#"
              + d.get("methodName").asString()
              + d.get("descriptor").asString();
      assertThat(decisions.get(key)).as(key).isEqualTo(d.get("decision").asString());
    }
    assertThat(decisions).containsEntry(PINNED, "PINNED").containsEntry(REMOTE, "REMOTE");
    assertThat(graph.get("edges").size()).isPositive();
    for (JsonNode e : graph.get("edges")) {
      assertThat(e.get(0).asInt()).isNotEqualTo(e.get(1).asInt());
      assertThat(e.get(1).asInt()).isBetween(0, graph.get("methods").size() - 1);
    }
  }

  @Test
  void aMethodsDetailsGiveItsReasonsWithTheirEvidenceAndItsEstimatesSource() throws Exception {
    String programId = upload();

    JsonNode pinned =
        get("/api/v1/programs/" + programId + "/graph/method?key=" + encode(PINNED)).getBody();
    ResponseEntity<JsonNode> unknown =
        get("/api/v1/programs/" + programId + "/graph/method?key=" + encode("no.Such#m()V"));

    assertThat(pinned.get("decision").asString()).isEqualTo("PINNED");
    assertThat(pinned.get("reason").asString())
        .isEqualTo("pinned: IO: Main.writeNumbers -> java.nio.file.Files.write");
    assertThat(pinned.get("effects").toString()).contains("IO");
    assertThat(pinned.get("reasons").toString()).contains("java.nio.file.Files.write");
    JsonNode planned =
        get("/api/v1/programs/" + programId + "/placement")
            .getBody()
            .get("decisions")
            .valueStream()
            .filter(
                d ->
                    (d.get("className").asString()
                            + "#"
                            + d.get("methodName").asString()
                            + d.get("descriptor").asString())
                        .equals(PINNED))
            .findFirst()
            .orElseThrow();
    assertThat(pinned.get("estimatesSource").asString())
        .isEqualTo(planned.get("estimates").get("source").asString().toLowerCase());
    assertThat(pinned.get("estimates").get("workNanos").asDouble())
        .isEqualTo(planned.get("estimates").get("workNanos").asDouble());
    assertThat(pinned.get("override").asString()).isEqualTo("AUTO");
    assertThat(unknown.getStatusCode().value()).isEqualTo(404);
    assertThat(unknown.getBody().get("type").asString()).endsWith("/method-not-in-program");
  }

  private String upload() throws Exception {
    String id =
        new ProgramsClient(client(ADMIN_TOKEN))
            .upload(Files.readAllBytes(EXAMPLES), "examples.jar", null)
            .getBody()
            .get("id")
            .asString();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> get("/api/v1/programs/" + id + "/graph").getStatusCode().value() == 200);
    return id;
  }

  private ResponseEntity<JsonNode> get(String pathAndQuery) {
    return client(VIEWER_TOKEN)
        .get()
        .uri(java.net.URI.create("http://127.0.0.1:" + port + pathAndQuery))
        .retrieve()
        .toEntity(JsonNode.class);
  }

  private static String encode(String value) {
    return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
  }
}
