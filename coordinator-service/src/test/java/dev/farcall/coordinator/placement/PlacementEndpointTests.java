package dev.farcall.coordinator.placement;

import static dev.farcall.coordinator.analysis.AnalysisClient.find;
import static dev.farcall.coordinator.analysis.ExampleJars.PARALLEL_SUM;
import static org.assertj.core.api.Assertions.assertThat;

import dev.farcall.coordinator.CoordinatorTestBase;
import dev.farcall.coordinator.analysis.AnalysisClient;
import dev.farcall.coordinator.analysis.ExampleJars;
import dev.farcall.coordinator.program.ProgramsClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/**
 * Placement through REST on the examples: the known decisions with both heuristics, overrides that
 * round-trip as new versions, rejected overrides that change nothing, and the viewer's rights.
 */
class PlacementEndpointTests extends CoordinatorTestBase {

  static final String HEAVY = PARALLEL_SUM + "#countSolutions";
  static final String TINY = PARALLEL_SUM + "#square";
  static final String REPORT = PARALLEL_SUM + "#report";

  private AnalysisClient admin;
  private AnalysisClient viewer;
  private String id;

  @BeforeEach
  void uploadExamples() {
    admin = new AnalysisClient(client(ADMIN_TOKEN));
    viewer = new AnalysisClient(client(VIEWER_TOKEN));
    id =
        new ProgramsClient(client(ADMIN_TOKEN))
            .upload(ExampleJars.examples())
            .getBody()
            .get("id")
            .asString();
    admin.awaitDone(id);
  }

  static JsonNode decision(JsonNode plan, String methodName) {
    return find(plan.get("decisions"), "className", PARALLEL_SUM, "methodName", methodName);
  }

  private JsonNode plan() {
    ResponseEntity<JsonNode> response = admin.placement(id);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    return response.getBody();
  }

  @Test
  void theDefaultPlanSendsTheHeavyMethodRemoteKeepsTheTinyOneLocalAndPinsIo() {
    JsonNode plan = plan();

    assertThat(plan.get("version").asInt()).isEqualTo(1);
    assertThat(plan.get("heuristic").asString()).isEqualTo("greedy");
    assertThat(plan.get("tunables").get("k").asDouble()).isEqualTo(4.0);
    assertThat(plan.get("overrides")).isEmpty();
    assertThat(plan.get("createdAt").asString()).isNotBlank();
    JsonNode heavy = decision(plan, "countSolutions");
    assertThat(heavy.get("decision").asString()).isEqualTo("REMOTE");
    assertThat(heavy.get("descriptor").asString()).isEqualTo("(I)J");
    assertThat(heavy.get("reason").asString()).contains("concurrently");
    assertThat(heavy.get("estimates").get("workNanos").asDouble())
        .isGreaterThan(heavy.get("estimates").get("dispatchNanos").asDouble());
    assertThat(heavy.get("estimates").get("transferBytes").asLong()).isPositive();
    assertThat(decision(plan, "square").get("decision").asString()).isEqualTo("LOCAL");
    JsonNode report = decision(plan, "report");
    assertThat(report.get("decision").asString()).isEqualTo("PINNED");
    assertThat(report.get("reason").asString()).contains("IO: ").contains("PrintStream");
    assertThat(decision(plan, "main").get("decision").asString()).isEqualTo("PINNED");
  }

  @Test
  void everyEstimateSaysWhereItComesFrom() {
    JsonNode plan = plan();

    assertThat(plan.get("decisions"))
        .allSatisfy(
            d ->
                assertThat(d.get("estimates").get("source").asString())
                    .isIn("STATIC", "PROFILE", "UNKNOWN"));
    // five loops bounded by the argument: a guess, not a figure the code fixes
    assertThat(decision(plan, "countSolutions").get("estimates").get("source").asString())
        .isEqualTo("UNKNOWN");
    assertThat(decision(plan, "square").get("estimates").get("source").asString())
        .isEqualTo("STATIC");
  }

  @Test
  void minCutPreviewGivesTheSameAnswersWithoutANewVersion() {
    ResponseEntity<JsonNode> preview = admin.placement(id, "min-cut");

    assertThat(preview.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(preview.getBody().get("heuristic").asString()).isEqualTo("min-cut");
    assertThat(preview.getBody().has("version")).isFalse();
    assertThat(preview.getBody().get("tunables").has("workers")).isTrue();
    assertThat(decision(preview.getBody(), "countSolutions").get("decision").asString())
        .isEqualTo("REMOTE");
    assertThat(decision(preview.getBody(), "square").get("decision").asString()).isEqualTo("LOCAL");
    assertThat(decision(preview.getBody(), "report").get("decision").asString())
        .isEqualTo("PINNED");
    assertThat(plan().get("version").asInt()).isEqualTo(1);
    assertThat(admin.placement(id, "no-such-heuristic").getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
  }

  @Test
  void overridesRoundTripAsNewVersions() {
    JsonNode local = admin.putOverrides(id, "{\"" + HEAVY + "\": \"LOCAL\"}").getBody();

    assertThat(local.get("version").asInt()).isEqualTo(2);
    assertThat(local.get("overrides").get(HEAVY + "(I)J").asString()).isEqualTo("LOCAL");
    assertThat(decision(local, "countSolutions").get("decision").asString()).isEqualTo("LOCAL");
    assertThat(decision(local, "countSolutions").get("reason").asString()).contains("override");

    JsonNode remote = admin.putOverrides(id, "{\"" + TINY + "(I)I\": \"REMOTE\"}").getBody();

    assertThat(remote.get("version").asInt()).isEqualTo(3);
    assertThat(remote.get("overrides").size()).isEqualTo(2);
    assertThat(decision(remote, "square").get("decision").asString()).isEqualTo("REMOTE");
    assertThat(plan()).isEqualTo(remote);

    JsonNode auto =
        admin
            .putOverrides(id, "{\"" + HEAVY + "\": \"AUTO\", \"" + TINY + "\": \"auto\"}")
            .getBody();

    assertThat(auto.get("version").asInt()).isEqualTo(4);
    assertThat(auto.get("overrides")).isEmpty();
    assertThat(decision(auto, "countSolutions").get("decision").asString()).isEqualTo("REMOTE");
    assertThat(decision(auto, "square").get("decision").asString()).isEqualTo("LOCAL");
  }

  @Test
  void remoteOverrideOnAnIoMethodIsRejectedWithItsReasonAndChangesNothing() {
    JsonNode before = plan();

    ResponseEntity<JsonNode> rejected =
        admin.putOverrides(id, "{\"" + REPORT + "\": \"REMOTE\", \"" + TINY + "\": \"REMOTE\"}");

    assertThat(rejected.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
    assertThat(rejected.getBody().get("type").asString()).endsWith("/override-rejected");
    assertThat(rejected.getBody().get("reasons").get(REPORT + "(JI)V").asString()).contains("IO: ");
    assertThat(plan()).isEqualTo(before);
  }

  @Test
  void unknownMethodsAndModesAreRejectedAndMalformedJsonIsABadRequest() {
    ResponseEntity<JsonNode> unknown =
        admin.putOverrides(id, "{\"" + PARALLEL_SUM + "#nothing\": \"LOCAL\"}");
    ResponseEntity<JsonNode> badMode = admin.putOverrides(id, "{\"" + TINY + "\": \"FAST\"}");
    ResponseEntity<JsonNode> malformed = admin.putOverrides(id, "{\"" + TINY + "\": ");

    assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
    assertThat(unknown.getBody().get("reasons").get(PARALLEL_SUM + "#nothing").asString())
        .contains("no such method");
    assertThat(badMode.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
    assertThat(badMode.getBody().get("reasons").get(TINY).asString()).contains("FAST");
    assertThat(malformed.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(plan().get("version").asInt()).isEqualTo(1);
  }

  @Test
  void viewerReadsThePlanButCannotOverride() {
    assertThat(viewer.placement(id).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(viewer.putOverrides(id, "{\"" + TINY + "\": \"LOCAL\"}").getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(plan().get("version").asInt()).isEqualTo(1);
  }

  @Test
  void unknownProgramHasNoPlacement() {
    assertThat(admin.placement("no-such-program").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
  }
}
