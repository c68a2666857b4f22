package dev.farcall.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * Issue 11: {@code GET /objects} lists the objects of running runs beside those made over REST,
 * with the run that owns each, its worker, state and calls, as the run's driver reports them; an
 * object is gone from the list once its run has ended.
 */
@Order(3)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class RunObjectsListingTests {

  @Test
  void aRunningRunsObjectIsListedWithItsRunWorkerAndCallsAndLeavesWithTheRun() {
    FarcallApi api = TestCluster.admin();
    String examples = TestCluster.examplesProgram();
    ProgramRuns.awaitAnalysis(api, examples);
    String main = ProgramRuns.main("objects");
    // the counter takes 4,000 calls, then the run holds it for 60 s before closing it
    String run = ProgramRuns.start(api, examples, main, List.of("60000"), null);

    JsonNode listed =
        await("the run's counter is listed")
            .atMost(Duration.ofSeconds(120))
            .pollInterval(Duration.ofMillis(200))
            .until(() -> objectOf(api, run), Optional::isPresent)
            .get();
    assertThat(listed.path("programId").asString()).isEqualTo(examples);
    assertThat(listed.path("className").asString()).endsWith("objects.Tally");
    assertThat(TestCluster.aliveWorkers(api)).contains(listed.path("workerId").asString());
    await("its calls are reported")
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                objectOf(api, run)
                    .map(
                        o ->
                            o.path("calls").asLong() >= 4_000
                                && o.path("state").asString().equals("ALIVE"))
                    .orElse(false));

    api.postJson("/runs/" + run + "/cancel", "");
    ProgramRuns.awaitFinal(api, run, Duration.ofMinutes(2));
    assertThat(objectOf(api, run)).as("an object dies with its run").isEmpty();
  }

  private static Optional<JsonNode> objectOf(FarcallApi api, String run) {
    FarcallApi.Response r = api.get("/objects");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    for (JsonNode o : r.json()) {
      if (o.path("runId").asString().equals(run)) {
        return Optional.of(o);
      }
    }
    return Optional.empty();
  }
}
