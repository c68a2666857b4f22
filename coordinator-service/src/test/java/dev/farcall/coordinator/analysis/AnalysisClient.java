package dev.farcall.coordinator.analysis;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * Calls the analysis, placement and heuristics endpoints for tests; answers are returned whatever
 * their status.
 */
public final class AnalysisClient {

  /** How long an analysis may take on a loaded build machine. */
  public static final Duration ANALYSIS_TIMEOUT = Duration.ofSeconds(180);

  private final RestClient client;

  public AnalysisClient(RestClient client) {
    this.client = client;
  }

  public ResponseEntity<JsonNode> analysis(String id) {
    return get("/api/v1/programs/{id}/analysis", id);
  }

  /** Polls the analysis until it is DONE or FAILED and returns it. */
  public JsonNode awaitFinished(String id) {
    JsonNode[] last = new JsonNode[1];
    await()
        .atMost(ANALYSIS_TIMEOUT)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              ResponseEntity<JsonNode> response = analysis(id);
              last[0] = response.getBody();
              return response.getStatusCode() == HttpStatus.OK
                  && Set.of("DONE", "FAILED").contains(last[0].get("status").asString());
            });
    return last[0];
  }

  /** Polls until the analysis is DONE, failing at once if it FAILED. */
  public JsonNode awaitDone(String id) {
    JsonNode analysis = awaitFinished(id);
    if (!analysis.get("status").asString().equals("DONE")) {
      throw new AssertionError("analysis of " + id + " did not succeed: " + analysis);
    }
    return analysis;
  }

  public ResponseEntity<String> declarations(String id) {
    return client
        .get()
        .uri("/api/v1/programs/{id}/declarations", id)
        .retrieve()
        .toEntity(String.class);
  }

  public ResponseEntity<JsonNode> putDeclarations(String id, String text) {
    return client
        .put()
        .uri("/api/v1/programs/{id}/declarations", id)
        .contentType(MediaType.TEXT_PLAIN)
        .body(text)
        .retrieve()
        .toEntity(JsonNode.class);
  }

  public ResponseEntity<JsonNode> placement(String id) {
    return get("/api/v1/programs/{id}/placement", id);
  }

  public ResponseEntity<JsonNode> placement(String id, String heuristic) {
    return client
        .get()
        .uri("/api/v1/programs/{id}/placement?heuristic={h}", id, heuristic)
        .retrieve()
        .toEntity(JsonNode.class);
  }

  /** PUTs raw JSON as the overrides. */
  public ResponseEntity<JsonNode> putOverrides(String id, String json) {
    return client
        .put()
        .uri("/api/v1/programs/{id}/placement/overrides", id)
        .contentType(MediaType.APPLICATION_JSON)
        .body(json)
        .retrieve()
        .toEntity(JsonNode.class);
  }

  public ResponseEntity<JsonNode> heuristics() {
    return get("/api/v1/heuristics", null);
  }

  public ResponseEntity<JsonNode> settings() {
    return get("/api/v1/heuristics/settings", null);
  }

  /** PUTs raw JSON as the settings. */
  public ResponseEntity<JsonNode> putSettings(String json) {
    return client
        .put()
        .uri("/api/v1/heuristics/settings")
        .contentType(MediaType.APPLICATION_JSON)
        .body(json)
        .retrieve()
        .toEntity(JsonNode.class);
  }

  private ResponseEntity<JsonNode> get(String path, String id) {
    return (id == null ? client.get().uri(path) : client.get().uri(path, id))
        .retrieve()
        .toEntity(JsonNode.class);
  }

  /** The element of {@code array} whose fields match the given name/value pairs. */
  public static JsonNode find(JsonNode array, String... fieldsAndValues) {
    for (JsonNode element : array) {
      boolean matches = true;
      for (int i = 0; i < fieldsAndValues.length; i += 2) {
        JsonNode value = element.get(fieldsAndValues[i]);
        matches &= value != null && value.asString().equals(fieldsAndValues[i + 1]);
      }
      if (matches) {
        return element;
      }
    }
    throw new AssertionError("no element with " + String.join(", ", fieldsAndValues));
  }
}
