package dev.farcall.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.farcall.examples.invoke.Work;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * Payloads the wire cannot carry are refused with a 413 naming the limit, over the real path: a 50
 * MB argument is refused before anything is produced (not a 503 that invites a retry), and a result
 * over the worker's limit is answered at once with that limit (not a 504 after the deadline while
 * the worker runs out of memory).
 */
@Order(2)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class OversizedPayloadTests {

  private static FarcallApi admin;
  private static String examples;

  @BeforeAll
  static void startCluster() {
    admin = TestCluster.admin();
    examples = TestCluster.examplesProgram();
  }

  private static JsonNode assertTooLarge(FarcallApi.Response response, String limit) {
    assertThat(response.status()).as(response.toString()).isEqualTo(413);
    assertThat(response.isProblem()).as(response.toString()).isTrue();
    JsonNode problem = response.json();
    assertThat(problem.get("type").asString())
        .isEqualTo("https://farcall.dev/problems/payload-too-large");
    assertThat(problem.get("limit").asString()).isEqualTo(limit);
    assertThat(problem.get("detail").asString()).contains(limit);
    return problem;
  }

  @Test
  void fiftyMegabyteArgumentIsPayloadTooLargeNamingTheLimit() {
    String fifty = "y".repeat(50 * 1024 * 1024);

    FarcallApi.Response response = admin.invoke(examples, Work.class.getName(), "echo", fifty);

    JsonNode problem = assertTooLarge(response, "farcall.dispatch.max-payload-size");
    assertThat(problem.get("part").asString()).isEqualTo("ARGUMENTS");
    assertThat(problem.get("bytes").asLong()).isGreaterThan(50L * 1024 * 1024);
    assertThat(problem.get("maxBytes").asLong()).isLessThan(1024 * 1024);
  }

  @Test
  void resultTooLargeForTheWireIsPayloadTooLargeNamingTheLimitWithoutWaitingForTheDeadline() {
    long started = System.nanoTime();

    FarcallApi.Response response =
        admin.invoke(examples, Work.class.getName(), "filler", 64 * 1024 * 1024);

    JsonNode problem = assertTooLarge(response, "farcall.worker.max-result-size");
    assertThat(problem.get("part").asString()).isEqualTo("RESULT");
    // The default deadline is 30 s: an answer well before it was not a timeout.
    assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).isLessThan(25);
  }

  @Test
  void resultJustUnderTheLimitIsReturned() {
    FarcallApi.Response response =
        admin.invoke(examples, Work.class.getName(), "filler", 512 * 1024);

    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    assertThat(response.json().get("result").asString()).hasSize(512 * 1024);
  }
}
