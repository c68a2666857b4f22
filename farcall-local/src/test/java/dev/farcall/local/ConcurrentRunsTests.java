package dev.farcall.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.farcall.examples.invoke.Work;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 13: four runs, each making remote calls through its own driver and reply topic, and REST
 * invocations through the coordinator, all at the same time: every run prints exactly what plain
 * {@code java} prints for its own arguments (a reply that reached the wrong run would show), and
 * every REST caller gets its own answer.
 */
@Order(3)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ConcurrentRunsTests {

  private static FarcallApi api;
  private static String examples;

  @BeforeAll
  static void uploadAndAnalyse() {
    api = TestCluster.admin();
    examples = TestCluster.examplesProgram();
    ProgramRuns.awaitAnalysis(api, examples);
  }

  @Test
  void fourRunsAndRestInvocationsAtOnceEachGetOnlyTheirOwnAnswers() throws Exception {
    String main = ProgramRuns.main("parallelstream");
    List<List<String>> args = List.of(List.of("6"), List.of("7"), List.of("9"), List.of("10"));
    List<String> runs = new ArrayList<>();
    for (List<String> a : args) {
      runs.add(ProgramRuns.start(api, examples, main, a, ProgramRuns.EVERYTHING_MOVABLE_REMOTE));
    }
    ExecutorService callers = Executors.newFixedThreadPool(8);
    List<CompletableFuture<FarcallApi.Response>> invocations = new ArrayList<>();
    try {
      for (int i = 0; i < 200; i++) {
        String value = "echo-" + i;
        invocations.add(
            CompletableFuture.supplyAsync(
                () -> api.invoke(examples, Work.class.getName(), "echo", value), callers));
      }
      for (int i = 0; i < invocations.size(); i++) {
        FarcallApi.Response r = invocations.get(i).get(5, TimeUnit.MINUTES);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().path("result").asString()).isEqualTo("echo-" + i);
      }
    } finally {
      callers.shutdownNow();
    }
    for (int i = 0; i < runs.size(); i++) {
      ProgramRuns.FinishedRun run = ProgramRuns.awaitFinal(api, runs.get(i), Duration.ofMinutes(5));
      assertThat(run.status()).as(run.toString()).isEqualTo("SUCCEEDED");
      assertThat(run.stdout()).isEqualTo(ProgramRuns.runPlain(main, args.get(i)).stdout());
      assertThat(run.remoteCalls()).as(run.toString()).isPositive();
      // a reply answering no call of the run can only be a resent call's second answer
      assertThat(run.stats().path("foreignReplies").asLong())
          .as("replies on %s's reply topic that were not its own", runs.get(i))
          .isLessThanOrEqualTo(run.stats().path("retries").asLong());
    }
  }
}
