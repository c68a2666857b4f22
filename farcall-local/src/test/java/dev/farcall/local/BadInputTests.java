package dev.farcall.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.farcall.examples.invoke.Pricing;
import dev.farcall.examples.invoke.Work;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * Bad input over the real server: each gets {@code application/problem+json} with a stable type and
 * changes nothing. Size limits and zip bombs are covered in depth by the coordinator's tests.
 */
@Order(2)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class BadInputTests {

  private static final String PROBLEM_TYPE_PREFIX = "https://farcall.dev/problems/";

  private static FarcallApi admin;
  private static String examples;

  @BeforeAll
  static void startCluster() {
    admin = TestCluster.admin();
    examples = TestCluster.examplesProgram();
  }

  @Test
  void uploadOfSomethingThatIsNotAJarIsRejectedAndNothingIsStored() {
    int before = programCount();

    FarcallApi.Response response =
        admin.uploadBytes(
            "this is not a zip".getBytes(StandardCharsets.UTF_8), "notes.jar", "notes");

    assertProblem(response, 400, 422);
    assertThat(programCount()).isEqualTo(before);
  }

  @Test
  void malformedJsonInvocationIsABadRequest() {
    FarcallApi.Response response =
        admin.postJson(
            "/programs/" + examples + "/invocations", "{\"className\": \"x\", \"args\": [");

    assertProblem(response, 400);
  }

  @Test
  void unknownMethodIsNotFound() {
    FarcallApi.Response response =
        admin.invoke(examples, Pricing.class.getName(), "noSuchMethod", "x");

    assertProblem(response, 404);
  }

  @Test
  void unknownProgramIsNotFound() {
    FarcallApi.Response response = admin.invoke("no-such-program", Work.class.getName(), "spin", 1);

    assertProblem(response, 404);
  }

  @Test
  void wrongArgumentTypesAreUnprocessable() {
    FarcallApi.Response response =
        admin.invoke(examples, Pricing.class.getName(), "quote", "not an order", Map.of("sku", 1));

    assertProblem(response, 422);
  }

  @Test
  void wrongArgumentCountIsUnprocessable() {
    FarcallApi.Response response = admin.invoke(examples, Work.class.getName(), "spin");

    assertProblem(response, 422);
  }

  @Test
  void requestWithoutTokenIsUnauthorized() {
    FarcallApi.Response response = admin.withoutToken().get("/programs");

    assertProblem(response, 401);
  }

  @Test
  void requestWithWrongTokenIsUnauthorized() {
    FarcallApi.Response response = admin.withToken("not-the-token").get("/programs");

    assertProblem(response, 401);
  }

  @Test
  void viewerMayReadButNotPost() {
    FarcallApi viewer = admin.withToken(TestCluster.get().tokens().viewer());

    assertThat(viewer.get("/programs").status()).isEqualTo(200);
    FarcallApi.Response post = viewer.invoke(examples, Work.class.getName(), "spin", 1);
    assertProblem(post, 403);
  }

  @Test
  void healthAnswersWithoutToken() {
    FarcallApi.Response response = admin.withoutToken().get("/actuator/health");

    assertThat(response.status()).as(response.toString()).isEqualTo(200);
  }

  private static int programCount() {
    FarcallApi.Response response = admin.get("/programs");
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return FarcallApi.items(response.json()).size();
  }

  private static void assertProblem(FarcallApi.Response response, Integer... statuses) {
    assertThat(response.status()).as(response.toString()).isIn(List.of(statuses));
    assertThat(response.isProblem()).as("problem+json: %s", response).isTrue();
    JsonNode problem = response.json();
    assertThat(problem.path("type").asString(""))
        .as(response.toString())
        .startsWith(PROBLEM_TYPE_PREFIX);
    assertThat(problem.path("status").asInt()).isEqualTo(response.status());
    assertThat(problem.path("title").asString("")).isNotBlank();
  }
}
