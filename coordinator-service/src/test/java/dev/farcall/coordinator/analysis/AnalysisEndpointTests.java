package dev.farcall.coordinator.analysis;

import static dev.farcall.coordinator.analysis.AnalysisClient.find;
import static dev.farcall.coordinator.analysis.ExampleJars.PARALLEL_SUM;
import static org.assertj.core.api.Assertions.assertThat;

import dev.farcall.coordinator.CoordinatorTestBase;
import dev.farcall.coordinator.program.ProgramsClient;
import dev.farcall.coordinator.program.TestJars;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/**
 * Analysis on upload through REST: the examples jar and commons-lang3 reach DONE with the known
 * verdicts, a jar damaged on disk reaches FAILED with its error, and declarations round-trip and
 * re-run it.
 */
class AnalysisEndpointTests extends CoordinatorTestBase {

  private static final String COUNTER = "dev.farcall.examples.analysis.Counter";
  private static final String SORTING = "dev.farcall.examples.analysis.Sorting";

  private ProgramsClient programs;
  private AnalysisClient admin;
  private AnalysisClient viewer;

  @BeforeEach
  void clients() {
    programs = new ProgramsClient(client(ADMIN_TOKEN));
    admin = new AnalysisClient(client(ADMIN_TOKEN));
    viewer = new AnalysisClient(client(VIEWER_TOKEN));
  }

  private String upload(byte[] jar) {
    ResponseEntity<JsonNode> uploaded = programs.upload(jar);
    assertThat(uploaded.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    return uploaded.getBody().get("id").asString();
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asString()));
    return values;
  }

  @Test
  void uploadedExamplesAreAnalysedWithTheGroundTruthVerdicts() {
    String id = upload(ExampleJars.examples());

    JsonNode analysis = admin.awaitDone(id);

    assertThat(analysis.get("durationMillis").asLong()).isNotNegative();
    assertThat(analysis.has("error")).isFalse();
    JsonNode heavy =
        find(analysis.get("methods"), "className", PARALLEL_SUM, "methodName", "countSolutions");
    assertThat(heavy.get("descriptor").asString()).isEqualTo("(I)J");
    assertThat(heavy.get("movable").asBoolean()).isTrue();
    assertThat(heavy.get("effects")).isEmpty();
    assertThat(heavy.get("declarations")).isEmpty();
    JsonNode report =
        find(analysis.get("methods"), "className", PARALLEL_SUM, "methodName", "report");
    assertThat(report.get("movable").asBoolean()).isFalse();
    assertThat(strings(report.get("effects"))).contains("IO");
    assertThat(strings(report.get("reasons")))
        .anyMatch(r -> r.startsWith("IO: ") && r.contains("PrintStream"));
    JsonNode next = find(analysis.get("methods"), "className", COUNTER, "methodName", "next");
    assertThat(next.get("movable").asBoolean()).isFalse();
    assertThat(strings(next.get("effects"))).contains("GLOBAL_WRITE");
    assertThat(
            find(analysis.get("methods"), "className", SORTING, "methodName", "sortedCopy")
                .get("movable")
                .asBoolean())
        .isTrue();
    assertThat(
            strings(
                find(analysis.get("methods"), "className", SORTING, "methodName", "sortInPlace")
                    .get("effects")))
        .containsExactly("ARG_MUTATION");
    JsonNode lambdaEdge =
        find(
            analysis.get("edges"),
            "caller",
            PARALLEL_SUM + "#lambda$main$0(I)J",
            "callee",
            PARALLEL_SUM + "#countSolutions(I)J");
    assertThat(lambdaEdge.get("concurrent").asBoolean()).isTrue();
    assertThat(lambdaEdge.get("loopDepth").asInt()).isZero();
    JsonNode summary = programs.show(id).getBody().get("analysis");
    assertThat(summary.get("status").asString()).isEqualTo("DONE");
    assertThat(summary.get("methods").asInt()).isEqualTo(analysis.get("methods").size());
    assertThat(summary.get("movable").asInt())
        .isPositive()
        .isLessThan(summary.get("methods").asInt());
  }

  @Test
  void commonsLang3IsAnalysedWithStringUtilsReverseMovable() {
    String id = upload(ExampleJars.commonsLang3());

    JsonNode analysis = admin.awaitDone(id);

    assertThat(analysis.get("methods").size()).isGreaterThan(1000);
    JsonNode reverse =
        find(
            analysis.get("methods"),
            "className",
            "org.apache.commons.lang3.StringUtils",
            "methodName",
            "reverse");
    assertThat(reverse.get("movable").asBoolean()).isTrue();
  }

  @Test
  void anAnalysisThatCannotReadTheStoredJarFailsWithTheErrorAndPlacementWaits() throws Exception {
    // Upload refuses unreadable class files (UploadBadInputTests), so the way an analysis still
    // fails is a stored jar damaged on disk; a unique entry keeps this jar's file to this test.
    byte[] jar =
        TestJars.builder()
            .entry("demo/Main.class", TestJars.classBytes())
            .entry("unique-" + UUID.randomUUID() + ".txt", new byte[] {1})
            .build();
    ResponseEntity<JsonNode> uploaded = programs.upload(jar);
    assertThat(uploaded.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    String id = uploaded.getBody().get("id").asString();
    admin.awaitDone(id);
    Path stored =
        dataDir.resolve("programs").resolve(uploaded.getBody().get("sha256").asString() + ".jar");
    Files.write(stored, new byte[] {'n', 'o', 't', ' ', 'a', ' ', 'z', 'i', 'p'});

    assertThat(admin.putDeclarations(id, "").getStatusCode().is2xxSuccessful()).isTrue();
    JsonNode analysis = admin.awaitFinished(id);

    assertThat(analysis.get("status").asString()).isEqualTo("FAILED");
    assertThat(analysis.get("error").asString()).isNotBlank();
    assertThat(analysis.get("methods")).isEmpty();
    assertThat(programs.show(id).getBody().get("analysis").get("status").asString())
        .isEqualTo("FAILED");
    ResponseEntity<JsonNode> placement = admin.placement(id);
    assertThat(placement.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(placement.getBody().get("type").asString()).endsWith("/analysis-not-ready");
  }

  @Test
  void declarationsRoundTripAndRerunTheAnalysisWhileABadLineChangesNothing() {
    String id = upload(ExampleJars.examples());
    admin.awaitDone(id);
    String text = "# kept home on purpose\npinned " + PARALLEL_SUM + "#square\n";

    ResponseEntity<JsonNode> put = admin.putDeclarations(id, text);

    assertThat(put.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    assertThat(admin.declarations(id).getBody()).isEqualTo(text);
    JsonNode square =
        find(admin.awaitDone(id).get("methods"), "className", PARALLEL_SUM, "methodName", "square");
    assertThat(square.get("movable").asBoolean()).isFalse();
    assertThat(strings(square.get("declarations"))).containsExactly("Pinned");
    assertThat(strings(square.get("reasons"))).anyMatch(r -> r.startsWith("PINNED: "));

    ResponseEntity<JsonNode> bad =
        admin.putDeclarations(id, "pure " + PARALLEL_SUM + "#square\nmaybe " + PARALLEL_SUM + "\n");

    assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
    assertThat(bad.getBody().get("type").asString()).endsWith("/invalid-declarations");
    assertThat(bad.getBody().get("line").asInt()).isEqualTo(2);
    assertThat(bad.getBody().get("detail").asString()).contains(":2:");
    assertThat(admin.declarations(id).getBody()).isEqualTo(text);
    assertThat(admin.analysis(id).getBody().get("status").asString()).isEqualTo("DONE");
  }

  @Test
  void unknownProgramHasNoAnalysis() {
    ResponseEntity<JsonNode> analysis = admin.analysis("no-such-program");

    assertThat(analysis.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(analysis.getBody().get("type").asString()).endsWith("/program-not-found");
    assertThat(admin.putDeclarations("no-such-program", "").getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void viewerReadsTheAnalysisButCannotSetDeclarations() {
    String id = upload(TestJars.jar());

    assertThat(viewer.analysis(id).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(viewer.declarations(id).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(viewer.putDeclarations(id, "").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
  }
}
