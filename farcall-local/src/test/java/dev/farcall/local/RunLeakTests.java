package dev.farcall.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 13: twenty runs of programs that start pools and parallel streams and make remote calls
 * leave the coordinator (a JVM of its own here, so that only its threads and file descriptors are
 * counted) as they found it, and leave no process and no run directory behind.
 */
@Order(5)
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class RunLeakTests {

  /**
   * A program to run, the plan's tunables, and whether the run must make remote calls (the pools,
   * parallel streams and async calls whose movable calls are all REMOTE): a leak test whose runs
   * quietly stayed home would prove nothing about the dispatch path.
   */
  private record Program(
      String name, List<String> args, Map<String, Object> tunables, boolean remote) {}

  private static final List<Program> PROGRAMS =
      List.of(
          new Program("executor", List.of(), ProgramRuns.EVERYTHING_MOVABLE_REMOTE, true),
          new Program("parallelstream", List.of("6"), ProgramRuns.EVERYTHING_MOVABLE_REMOTE, true),
          new Program("forkjoin", List.of(), ProgramRuns.EVERYTHING_MOVABLE_REMOTE, true),
          new Program("async", List.of(), ProgramRuns.EVERYTHING_MOVABLE_REMOTE, true),
          new Program("exceptions", List.of("uncaught"), null, false));

  @Test
  void twentyRunsLeaveTheCoordinatorsThreadsAndFileDescriptorsAsTheyWere() throws Exception {
    try (ChildCoordinator coordinator = new ChildCoordinator()) {
      coordinator.start("leaks").withWorker();
      FarcallApi api = coordinator.api;
      String program = api.uploadProgram(TestCluster.EXAMPLES_JAR);
      ProgramRuns.awaitAnalysis(api, program);
      for (Program p : PROGRAMS) { // warm up: pools, clients and caches that stay by design
        run(api, program, p);
      }
      long pid = coordinator.pid();
      int threadsBefore = RunProcesses.threads(pid);
      int fdsBefore = RunProcesses.fileDescriptors(pid);

      for (int i = 0; i < 20; i++) {
        run(api, program, PROGRAMS.get(i % PROGRAMS.size()));
      }

      // allow what idles out by itself (HTTP keep-alive, pool threads past their keep-alive)
      await("the coordinator's threads and descriptors settle")
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofSeconds(1))
          .untilAsserted(
              () -> {
                assertThat(RunProcesses.threads(pid)).isLessThanOrEqualTo(threadsBefore + 4);
                assertThat(RunProcesses.fileDescriptors(pid)).isLessThanOrEqualTo(fdsBefore + 8);
              });
      try (Stream<Path> left = Files.list(coordinator.dataDir.resolve("runs"))) {
        assertThat(left.map(p -> p.getFileName().toString())).containsOnly("driver");
      }
    }
  }

  private static void run(FarcallApi api, String program, Program p) {
    String main = ProgramRuns.main(p.name());
    ProgramRuns.FinishedRun run = ProgramRuns.run(api, program, main, p.args(), p.tunables());
    assertThat(run.stdout()).isEqualTo(ProgramRuns.runPlain(main, p.args()).stdout());
    if (p.remote()) {
      assertThat(run.remoteCalls()).as("remote calls of %s", run).isPositive();
    }
    assertThat(RunProcesses.of(run.run().get("id").asString())).isEmpty();
  }
}
