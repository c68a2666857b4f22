package dev.farcall.coordinator.run;

import static dev.farcall.coordinator.run.Examples.method;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * How runs end and what they leave behind, without any remote call: exit statuses, uncaught
 * exceptions, cancellation, deadlines, isolation, and that threads and class loaders of ended runs
 * are gone.
 */
class RunLifecycleTests {

  private static final RemoteInvoker NO_WORKERS =
      call -> CompletableFuture.failedFuture(new IllegalStateException("no workers in this test"));

  @Test
  void systemExitThreeEndsTheRunFailedWithStatusThreeAndNothingPrintedAfterIt() {
    Runs.Finished run = Runs.run(Examples.main("exit"), List.of(), RunPlan.empty(), NO_WORKERS);

    assertThat(run.outcome().status()).isEqualTo(ProgramRun.Status.FAILED);
    assertThat(run.outcome().exitCode()).isEqualTo(3);
    assertThat(run.stdout()).isEqualTo("before exit: 21\n");
    // the test JVM (the coordinator) is still here and can run the next program
    Runs.Finished next =
        Runs.run(Examples.main("staticstate"), List.of(), RunPlan.empty(), NO_WORKERS);
    assertThat(next.outcome().status()).isEqualTo(ProgramRun.Status.SUCCEEDED);
  }

  @Test
  void uncaughtExceptionInMainExitsOneWithTheJvmsStackTraceOnStderr() {
    Examples.PlainRun plain = Examples.runPlain(Examples.main("exceptions"), List.of("uncaught"));

    Runs.Finished run =
        Runs.run(
            Examples.main("exceptions"),
            List.of("uncaught"),
            new RunPlan(
                List.of(
                    new RunPlan.PlannedMethod(
                        method("exceptions", "squares", "(I)[I"), Decision.LOCAL, "test"))),
            NO_WORKERS);

    assertThat(plain.exitCode()).isEqualTo(1);
    assertThat(run.outcome().status()).isEqualTo(ProgramRun.Status.FAILED);
    assertThat(run.outcome().exitCode()).isEqualTo(1);
    assertThat(run.stdout()).isEqualTo(plain.stdout());
    assertThat(run.stderr())
        .startsWith(
            "Exception in thread \"main\" java.lang.IllegalArgumentException: negative size -7")
        .isEqualTo(plain.stderr());
  }

  @Test
  void missingMainClassOrMainMethodIsRefusedBeforeTheRunStarts() {
    assertThatThrownBy(
            () ->
                Runs.prepare(
                    "no.such.Main", List.of(), RunPlan.empty(), NO_WORKERS, RunSettings.defaults()))
        .isInstanceOf(InvalidMainClassException.class)
        .hasMessageContaining("no.such.Main");
    assertThatThrownBy(
            () ->
                Runs.prepare(
                    Examples.PACKAGE + "exceptions.InvalidInputException",
                    List.of(),
                    RunPlan.empty(),
                    NO_WORKERS,
                    RunSettings.defaults()))
        .isInstanceOf(InvalidMainClassException.class)
        .hasMessageContaining("main(String[])");
  }

  @Test
  void cancelEndsACpuLoopThatIgnoresInterruptsWithinFiveSecondsAndStopsItsThread() {
    ProgramRun run =
        Runs.prepare(
            Examples.main("spin"), List.of(), RunPlan.empty(), NO_WORKERS, RunSettings.defaults());
    CompletableFuture<ProgramRun.Outcome> outcome = executeAsync(run);
    await().atMost(Duration.ofSeconds(20)).until(() -> run.output().stdout().contains("spinning"));

    long cancelledAt = System.nanoTime();
    run.cancel("cancelled by the test");
    ProgramRun.Outcome ended = outcome.orTimeout(5, TimeUnit.SECONDS).join();

    assertThat(Duration.ofNanos(System.nanoTime() - cancelledAt)).isLessThan(Duration.ofSeconds(5));
    assertThat(ended.status()).isEqualTo(ProgramRun.Status.CANCELLED);
    assertThat(ended.exitCode()).isNull();
    assertThat(liveRunThreads()).isEmpty();
  }

  @Test
  void deadlineCancelsABlockedRun() {
    ProgramRun run =
        Runs.prepare(
            Examples.main("spin"),
            List.of("sleep"),
            RunPlan.empty(),
            NO_WORKERS,
            RunSettings.defaults(),
            Instant.now().plusMillis(800));

    ProgramRun.Outcome ended = executeAsync(run).orTimeout(10, TimeUnit.SECONDS).join();

    assertThat(ended.status()).isEqualTo(ProgramRun.Status.CANCELLED);
    assertThat(ended.error()).contains("deadline");
    assertThat(run.output().stdout()).isEqualTo("spinning\n");
  }

  @Test
  void twentyRunsLeaveNoRunThreadsAndNoClassLoadersBehind() {
    int threadsBefore = Thread.activeCount();
    List<WeakReference<ClassLoader>> loaders = new ArrayList<>();
    RunPlan plan =
        new RunPlan(
            List.of(
                new RunPlan.PlannedMethod(
                    method("staticstate", "weighted", "(I)I"), Decision.LOCAL, "test")));
    for (int i = 0; i < 20; i++) {
      String program = i % 2 == 0 ? "staticstate" : "exit";
      ProgramRun run =
          Runs.prepare(Examples.main(program), List.of(), plan, NO_WORKERS, RunSettings.defaults());
      loaders.add(run.loaderReference());
      run.execute();
      if (program.equals("staticstate")) {
        // statics are per run: every run counts its own ten calls
        assertThat(run.output().stdout()).endsWith("calls = 10\n");
        assertThat(run.stats().localCalls()).isEqualTo(10);
      }
    }

    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              System.gc();
              return loaders.stream().allMatch(ref -> ref.get() == null);
            });
    assertThat(liveRunThreads()).isEmpty();
    assertThat(Thread.activeCount()).isLessThanOrEqualTo(threadsBefore + 2);
  }

  private static CompletableFuture<ProgramRun.Outcome> executeAsync(ProgramRun run) {
    CompletableFuture<ProgramRun.Outcome> outcome = new CompletableFuture<>();
    Thread driver =
        new Thread(
            () -> {
              try {
                outcome.complete(run.execute());
              } catch (Throwable t) {
                outcome.completeExceptionally(t);
              }
            },
            "test-run-driver");
    driver.setDaemon(true);
    driver.start();
    return outcome;
  }

  private static List<Thread> liveRunThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .filter(
            t ->
                t.getThreadGroup() != null
                    && t.getThreadGroup().getName().startsWith("farcall-run-"))
        .toList();
  }
}
