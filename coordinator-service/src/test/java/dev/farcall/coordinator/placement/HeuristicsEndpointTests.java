package dev.farcall.coordinator.placement;

import static dev.farcall.coordinator.analysis.AnalysisClient.find;
import static org.assertj.core.api.Assertions.assertThat;

import dev.farcall.coordinator.CoordinatorTestBase;
import dev.farcall.coordinator.analysis.AnalysisClient;
import dev.farcall.coordinator.analysis.ExampleJars;
import dev.farcall.coordinator.program.ProgramsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/**
 * The heuristics list and the global settings: validation against each heuristic's descriptors,
 * nothing changed by a rejected PUT, plans recomputed by an accepted one. Restores the defaults.
 */
class HeuristicsEndpointTests extends CoordinatorTestBase {

  private AnalysisClient admin;
  private AnalysisClient viewer;

  @BeforeEach
  void clients() {
    admin = new AnalysisClient(client(ADMIN_TOKEN));
    viewer = new AnalysisClient(client(VIEWER_TOKEN));
  }

  @AfterEach
  void restoreDefaults() {
    admin.putSettings("{\"heuristic\": \"greedy\", \"tunables\": {}}");
  }

  @Test
  void heuristicsDescribeThemselvesAndTheirTunables() {
    ResponseEntity<JsonNode> response = viewer.heuristics();

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode greedy = find(response.getBody(), "name", "greedy");
    JsonNode minCut = find(response.getBody(), "name", "min-cut");
    assertThat(greedy.get("default").asBoolean()).isTrue();
    assertThat(minCut.get("default").asBoolean()).isFalse();
    assertThat(greedy.get("description").asString()).isNotBlank();
    JsonNode k = find(greedy.get("parameters"), "name", "k");
    assertThat(k.get("type").asString()).isEqualTo("DOUBLE");
    assertThat(k.get("default").asDouble()).isEqualTo(4.0);
    assertThat(k.get("min").asDouble()).isEqualTo(0.01);
    assertThat(k.get("max").asDouble()).isEqualTo(1000.0);
    assertThat(k.get("description").asString()).isNotBlank();
    JsonNode algorithm = find(minCut.get("parameters"), "name", "algorithm");
    assertThat(algorithm.get("type").asString()).isEqualTo("ENUM");
    assertThat(algorithm.get("choices").toString()).contains("PUSH_RELABEL", "DINIC");
    assertThat(greedy.get("kind").asString()).isEqualTo("placement");
    assertThat(minCut.get("kind").asString()).isEqualTo("placement");
  }

  @Test
  void theAdaptivePolicyIsListedWithItsTunables() {
    JsonNode list = viewer.heuristics().getBody();

    JsonNode policy = find(list, "name", "cost-benefit");
    assertThat(policy.get("kind").asString()).isEqualTo("adaptive");
    assertThat(policy.get("default").asBoolean()).isTrue();
    assertThat(policy.get("description").asString()).isNotBlank();
    JsonNode margin = find(policy.get("parameters"), "name", "margin");
    assertThat(margin.get("type").asString()).isEqualTo("DOUBLE");
    assertThat(margin.get("default").asDouble()).isEqualTo(1.5);
    assertThat(margin.get("min").asDouble()).isEqualTo(1.0);
    assertThat(find(policy.get("parameters"), "name", "shadow").get("type").asString())
        .isEqualTo("BOOLEAN");
    assertThat(find(policy.get("parameters"), "name", "maxFlipsPerSecond").get("max").asInt())
        .isEqualTo(10_000);
  }

  @Test
  void adaptiveSettingsRoundTripAndAbsentOnesTakeTheDefaults() {
    JsonNode defaults = viewer.settings().getBody().get("adaptive");

    ResponseEntity<JsonNode> put =
        admin.putSettings(
            "{\"heuristic\": \"greedy\", \"tunables\": {},"
                + " \"adaptive\": {\"policy\": \"cost-benefit\","
                + " \"tunables\": {\"margin\": 2, \"shadow\": true}}}");

    assertThat(defaults.get("policy").asString()).isEqualTo("cost-benefit");
    assertThat(defaults.get("tunables").get("margin").asDouble()).isEqualTo(1.5);
    assertThat(put.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode adaptive = viewer.settings().getBody().get("adaptive");
    assertThat(adaptive.get("tunables").get("margin").asDouble()).isEqualTo(2.0);
    assertThat(adaptive.get("tunables").get("shadow").asBoolean()).isTrue();
    assertThat(adaptive.get("tunables").get("minDwellMillis").asInt()).isEqualTo(500);
    assertThat(put.getBody().get("adaptive")).isEqualTo(adaptive);
    admin.putSettings("{\"heuristic\": \"greedy\"}");
    assertThat(viewer.settings().getBody().get("adaptive")).isEqualTo(defaults);
  }

  @Test
  void invalidAdaptiveSettingsAreRejectedAndChangeNeitherPart() {
    admin.putSettings(
        "{\"heuristic\": \"greedy\", \"tunables\": {\"k\": 8},"
            + " \"adaptive\": {\"tunables\": {\"margin\": 3}}}");
    JsonNode before = admin.settings().getBody();

    ResponseEntity<JsonNode> outOfRange =
        admin.putSettings(
            "{\"heuristic\": \"greedy\", \"tunables\": {\"k\": 2},"
                + " \"adaptive\": {\"tunables\": {\"maxFlipsPerSecond\": 0}}}");
    ResponseEntity<JsonNode> unknownPolicy =
        admin.putSettings("{\"heuristic\": \"greedy\", \"adaptive\": {\"policy\": \"coin\"}}");
    ResponseEntity<JsonNode> badPlacement =
        admin.putSettings(
            "{\"heuristic\": \"greedy\", \"tunables\": {\"k\": 5000},"
                + " \"adaptive\": {\"tunables\": {\"margin\": 4}}}");

    assertThat(outOfRange.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
    assertThat(outOfRange.getBody().get("type").asString()).endsWith("/invalid-tunables");
    JsonNode violation = outOfRange.getBody().get("violations").get(0);
    assertThat(violation.get("name").asString()).isEqualTo("maxFlipsPerSecond");
    assertThat(violation.get("problem").asString()).contains("out of range").contains("10000");
    assertThat(unknownPolicy.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
    assertThat(unknownPolicy.getBody().get("violations").get(0).get("problem").asString())
        .contains("cost-benefit");
    assertThat(badPlacement.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
    assertThat(admin.settings().getBody()).isEqualTo(before);
    assertThat(before.get("adaptive").get("tunables").get("margin").asDouble()).isEqualTo(3.0);
  }

  @Test
  void settingsRoundTripAndRecomputeThePlans() {
    String id =
        new ProgramsClient(client(ADMIN_TOKEN))
            .upload(ExampleJars.examples())
            .getBody()
            .get("id")
            .asString();
    admin.awaitDone(id);
    int version = admin.placement(id).getBody().get("version").asInt();

    ResponseEntity<JsonNode> put =
        admin.putSettings("{\"heuristic\": \"min-cut\", \"tunables\": {\"workers\": 8}}");

    assertThat(put.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode settings = viewer.settings().getBody();
    assertThat(settings.get("heuristic").asString()).isEqualTo("min-cut");
    assertThat(settings.get("tunables").get("workers").asInt()).isEqualTo(8);
    assertThat(settings.get("tunables").get("algorithm").asString()).isEqualTo("PUSH_RELABEL");
    assertThat(settings).isEqualTo(put.getBody());
    JsonNode plan = admin.placement(id).getBody();
    assertThat(plan.get("version").asInt()).isEqualTo(version + 1);
    assertThat(plan.get("heuristic").asString()).isEqualTo("min-cut");
    assertThat(plan.get("tunables").get("workers").asInt()).isEqualTo(8);
  }

  @Test
  void invalidSettingsAreRejectedWithTheirViolationsAndChangeNothing() {
    admin.putSettings("{\"heuristic\": \"greedy\", \"tunables\": {\"k\": 8}}");
    JsonNode before = admin.settings().getBody();

    ResponseEntity<JsonNode> outOfRange =
        admin.putSettings("{\"heuristic\": \"greedy\", \"tunables\": {\"k\": 5000}}");
    ResponseEntity<JsonNode> unknown =
        admin.putSettings("{\"heuristic\": \"greedy\", \"tunables\": {\"workers\": 3}}");
    ResponseEntity<JsonNode> wrongType =
        admin.putSettings("{\"heuristic\": \"greedy\", \"tunables\": {\"concurrentOnly\": 3}}");
    ResponseEntity<JsonNode> noSuchHeuristic = admin.putSettings("{\"heuristic\": \"random\"}");

    assertThat(outOfRange.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
    assertThat(outOfRange.getBody().get("type").asString()).endsWith("/invalid-tunables");
    JsonNode violation = outOfRange.getBody().get("violations").get(0);
    assertThat(violation.get("name").asString()).isEqualTo("k");
    assertThat(violation.get("problem").asString()).contains("out of range").contains("1000");
    assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
    assertThat(wrongType.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
    assertThat(noSuchHeuristic.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
    assertThat(admin.settings().getBody()).isEqualTo(before);
    assertThat(before.get("tunables").get("k").asDouble()).isEqualTo(8.0);
  }

  @Test
  void viewerCannotChangeTheSettings() {
    assertThat(viewer.putSettings("{\"heuristic\": \"min-cut\"}").getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(viewer.settings().getBody().get("heuristic").asString()).isEqualTo("greedy");
  }
}
