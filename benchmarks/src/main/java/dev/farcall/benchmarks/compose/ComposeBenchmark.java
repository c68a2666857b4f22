package dev.farcall.benchmarks.compose;

import dev.farcall.benchmarks.e2e.FarcallCluster;
import dev.farcall.deploy.ComposeStack;
import dev.farcall.deploy.FarcallRest;
import dev.farcall.deploy.StackSettings;
import dev.farcall.examples.invoke.Work;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import tools.jackson.databind.JsonNode;

/**
 * Benchmark area {@code compose}: the repository's {@code docker-compose.yml} run with
 * podman-compose on this machine (images of {@code deploy/build-images.sh --local-base
 * --test-images}), measured from outside as a user reaches it.
 *
 * <ul>
 *   <li>Pipelined no-op invocations ({@code POST /invocations} of {@link Work#noop()}, {@value
 *       #IN_FLIGHT} in flight, over the published port) with 1, 2 and 4 worker containers running,
 *       the three counts interleaved in every repetition so their ratios compare like with like.
 *   <li>The time from {@code up} on fresh volumes to the coordinator being ready and to 3 workers
 *       listed ALIVE.
 * </ul>
 *
 * <p>Run: {@code benchmarks/areas/compose.sh} (writes {@code benchmarks/results/compose.json}), or
 * {@code benchmarks/run.sh dev.farcall.benchmarks.compose.ComposeBenchmark [repetitions] [--out
 * file]}.
 */
public final class ComposeBenchmark {

  static final int IN_FLIGHT = 128;
  static final int CALLS = 1_500;
  static final int WARM_UP_CALLS = 300;
  static final List<Integer> WORKER_COUNTS = List.of(1, 2, 4);
  private static final Duration STARTUP_LIMIT = Duration.ofMinutes(8);
  private static final Duration CALLS_LIMIT = Duration.ofMinutes(3);

  private ComposeBenchmark() {}

  /** Arguments: {@code [repetitions (default 5)] [--out results.json]}. */
  public static void main(String[] args) throws Exception {
    int repetitions = 5;
    Path out = Path.of("benchmarks", "results", "compose.json");
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--out")) {
        out = Path.of(args[++i]);
      } else {
        repetitions = Integer.parseInt(args[i]);
      }
    }
    Path repository = Path.of("").toAbsolutePath();
    ComposeResults results = new ComposeResults(repetitions);
    results.start();
    measureThroughput(repository, repetitions, results);
    measureStartup(repository, repetitions, results);
    results.finish();
    results.write(out);
    System.out.println(results.summary());
    System.out.println("wrote " + out);
    System.exit(0);
  }

  /** One stack of 4 workers; per repetition, 1, 2 then 4 of them running. */
  private static void measureThroughput(Path repository, int repetitions, ComposeResults results)
      throws Exception {
    StackSettings settings = StackSettings.local("farcallbench", 4);
    try (ComposeStack stack = ComposeStack.up(repository, settings)) {
      FarcallRest api = new FarcallRest(settings.baseUrl(), settings.adminToken());
      api.awaitAliveWorkers(4, STARTUP_LIMIT);
      String program = api.upload(FarcallCluster.examplesJar());
      api.awaitAnalysis(program, Duration.ofMinutes(2));
      for (int r = 1; r <= repetitions; r++) {
        for (int workers : WORKER_COUNTS) {
          runWorkers(stack, api, workers);
          pipelined(api, program, WARM_UP_CALLS);
          double perSecond = pipelined(api, program, CALLS);
          results.throughput(workers, perSecond);
          System.out.printf(
              Locale.ROOT,
              "repetition %d: %d worker container(s): %,.0f calls/s%n",
              r,
              workers,
              perSecond);
        }
      }
    }
  }

  /** Fresh stacks: from {@code up} to the coordinator ready and to 3 workers ALIVE. */
  private static void measureStartup(Path repository, int repetitions, ComposeResults results) {
    for (int r = 1; r <= repetitions; r++) {
      StackSettings settings = StackSettings.local("farcallbench", 3);
      long started = System.nanoTime();
      try (ComposeStack stack = ComposeStack.up(repository, settings)) {
        FarcallRest api = new FarcallRest(settings.baseUrl(), settings.adminToken());
        while (!api.ready()) {
          sleep(200);
          if (System.nanoTime() - started > STARTUP_LIMIT.toNanos()) {
            throw new IllegalStateException("coordinator not ready within " + STARTUP_LIMIT);
          }
        }
        double ready = (System.nanoTime() - started) / 1e9;
        api.awaitAliveWorkers(3, STARTUP_LIMIT);
        double alive = (System.nanoTime() - started) / 1e9;
        results.startup(ready, alive);
        System.out.printf(
            Locale.ROOT,
            "repetition %d: coordinator ready after %.1f s, 3 workers ALIVE after %.1f s%n",
            r,
            ready,
            alive);
      }
    }
  }

  /**
   * Makes exactly {@code count} worker containers run (the first ones by number), and waits until
   * those are ALIVE, no other is, and the ALIVE ones hold every invocation partition.
   */
  private static void runWorkers(ComposeStack stack, FarcallRest api, int count) {
    List<String> containers = stack.containers("worker");
    for (int i = 0; i < containers.size(); i++) {
      if (i < count) {
        stack.start(containers.get(i));
      } else {
        stack.stop(containers.get(i));
      }
    }
    long deadline = System.nanoTime() + STARTUP_LIMIT.toNanos();
    while (!settled(api, count)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "workers did not settle at " + count + " ALIVE: " + api.workers());
      }
      sleep(500);
    }
  }

  private static boolean settled(FarcallRest api, int count) {
    Map<String, JsonNode> alive = api.aliveWorkers();
    if (alive.size() != count) {
      return false;
    }
    int partitions = 0;
    for (JsonNode worker : alive.values()) {
      partitions += worker.path("assignedPartitions").size();
    }
    return partitions == StackSettings.INVOCATION_PARTITIONS;
  }

  /** {@code calls} invocations of {@code Work.noop} with {@value #IN_FLIGHT} in flight: calls/s. */
  static double pipelined(FarcallRest api, String program, int calls) throws Exception {
    Semaphore window = new Semaphore(IN_FLIGHT);
    CountDownLatch done = new CountDownLatch(calls);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    long deadline = System.nanoTime() + CALLS_LIMIT.toNanos();
    long started = System.nanoTime();
    for (int i = 0; i < calls; i++) {
      if (!window.tryAcquire(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
        throw new IllegalStateException("no answer within " + CALLS_LIMIT);
      }
      api.invokeAsync(program, Work.class.getName(), "noop")
          .whenComplete(
              (response, error) -> {
                if (error != null) {
                  failure.compareAndSet(null, error);
                } else if (response.status() != 200) {
                  failure.compareAndSet(null, new IllegalStateException(response.toString()));
                }
                window.release();
                done.countDown();
              });
      if (failure.get() != null) {
        throw new IllegalStateException("an invocation failed", failure.get());
      }
    }
    if (!done.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
      throw new IllegalStateException(done.getCount() + " invocations unanswered");
    }
    if (failure.get() != null) {
      throw new IllegalStateException("an invocation failed", failure.get());
    }
    return calls / ((System.nanoTime() - started) / 1e9);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
