package dev.farcall.benchmarks.objects;

import dev.farcall.api.RemoteOptions;
import dev.farcall.api.RemoteRef;
import dev.farcall.api.spi.AsyncTarget;
import dev.farcall.benchmarks.e2e.FarcallCluster;
import dev.farcall.coordinator.analysis.AnalysisService;
import dev.farcall.dispatch.objects.RemoteObject;
import dev.farcall.dispatch.objects.RemoteObjects;
import dev.farcall.dispatch.workers.WorkerRegistry;
import dev.farcall.driver.objects.RunObjects;
import dev.farcall.driver.sites.RunIdentity;
import dev.farcall.examples.programs.objects.Counter;
import dev.farcall.heuristics.analysis.ProgramModel;
import dev.farcall.kafka.EmbeddedKafkaBroker;
import dev.farcall.model.program.MethodDescriptors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The remote-objects benchmark's Farcall phase, in a child JVM of its own: an embedded broker, the
 * coordinator and {@value ObjectsBenchmark#WORKERS} workers ({@link FarcallCluster}), and the
 * callers, which create and call counters through the run driver's Java path ({@link RunObjects},
 * its remote refs, {@link RemoteObjects}) over the coordinator's {@code CallDispatcher}.
 */
final class FarcallPhase {

  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

  private FarcallPhase() {}

  /** Starts the cluster, creates the counters, measures both cases and checks every counter. */
  static void run(double warmUp, double seconds) throws Exception {
    Path dir = Files.createTempDirectory("farcall-objects-bench-");
    long t0 = System.nanoTime();
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0, true);
        FarcallCluster cluster =
            FarcallCluster.start(broker.bootstrapServers(), dir, ObjectsBenchmark.WORKERS)) {
      long t1 = System.nanoTime();
      ProgramModel model = awaitModel(cluster);
      long t2 = System.nanoTime();
      WorkerRegistry registry = cluster.coordinatorBean(WorkerRegistry.class);
      awaitPartitions(registry);
      System.out.printf(
          Locale.ROOT,
          "cluster up in %.1f s, analysis DONE %.1f s later, partitions settled %.1f s later%n",
          (t1 - t0) / 1e9,
          (t2 - t1) / 1e9,
          (System.nanoTime() - t2) / 1e9);
      RemoteObjects objects = new RemoteObjects(cluster.dispatcher(), registry);
      RunObjects run =
          new RunObjects(
              new RunIdentity(
                  "bench-objects-" + UUID.randomUUID(), cluster.programId, cluster.jarSha256()),
              Counter.class.getClassLoader(),
              () -> model,
              timeout -> Optional.of(objects));
      AsyncTarget constructor =
          new AsyncTarget(
              Counter.class.getName(),
              "<init>",
              MethodDescriptors.of(Counter.class.getConstructor(long.class)),
              false);
      RemoteOptions options = RemoteOptions.defaults().withCallTimeout(CALL_TIMEOUT);
      List<RemoteRef<Counter>> refs = new ArrayList<>();
      List<CounterCaller> callers = new ArrayList<>();
      for (int i = 0; i <= ObjectsBenchmark.CALLERS; i++) {
        long start = 1_000L * i;
        Optional<RemoteRef<Counter>> ref = run.create(constructor, new Object[] {start}, options);
        if (ref.isEmpty()) {
          throw new IllegalStateException("counter " + i + " was not created remotely");
        }
        RemoteRef<Counter> r = ref.get();
        refs.add(r);
        callers.add(
            new CounterCaller(
                "Farcall counter " + i,
                start,
                amount ->
                    r.call(Counter::add, amount)
                        .get(CALL_TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS)));
      }
      Map<String, Long> owners = new TreeMap<>();
      for (RemoteRef<Counter> r : refs.subList(1, ObjectsBenchmark.CALLERS + 1)) {
        owners.merge(objects.find(r.id()).orElseThrow().owner(), 1L, Long::sum);
      }
      ObjectsResults.owners(
          "the 1-caller object on "
              + objects.find(refs.get(0).id()).orElseThrow().owner()
              + ", the "
              + ObjectsBenchmark.CALLERS
              + " others "
              + owners);
      ObjectsResults.measureCases("farcall", callers, warmUp, seconds);
      long checked = 0;
      for (int i = 0; i < refs.size(); i++) {
        checked += callers.get(i).check(refs.get(i).get(Counter::value));
      }
      for (RemoteObject o : objects.all()) {
        if (o.state() != RemoteObject.State.ALIVE || o.info().restarts() != 0) {
          throw new IllegalStateException("object not ALIVE without restarts: " + o.info());
        }
      }
      ObjectsResults.checked(checked);
      objects.closeAll();
    } finally {
      ObjectsBenchmark.deleteRecursively(dir);
    }
  }

  /**
   * Waits until every worker consumes invocation partitions and the assignment has not changed for
   * 3 s: the workers' consumer group settles after they are ALIVE, and until then the dispatcher
   * places every object on the one worker that has partitions.
   */
  private static void awaitPartitions(WorkerRegistry registry) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    Map<String, List<Integer>> last = null;
    long stableSince = System.nanoTime();
    while (System.nanoTime() < until) {
      Map<String, List<Integer>> now = new TreeMap<>();
      registry.aliveWorkers().forEach(w -> now.put(w.id(), w.assignedPartitions()));
      if (!now.equals(last)) {
        last = now;
        stableSince = System.nanoTime();
      } else if (now.size() == ObjectsBenchmark.WORKERS
          && now.values().stream().noneMatch(List::isEmpty)
          && System.nanoTime() - stableSince > TimeUnit.SECONDS.toNanos(3)) {
        return;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("the workers' partitions did not settle: " + last);
  }

  /** Waits until the coordinator's analysis of the examples jar is DONE (it runs after upload). */
  private static ProgramModel awaitModel(FarcallCluster cluster) throws InterruptedException {
    AnalysisService analyses = cluster.coordinatorBean(AnalysisService.class);
    long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (System.nanoTime() < until) {
      Optional<ProgramModel> model = analyses.model(cluster.programId);
      if (model.isPresent()) {
        return model.get();
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("the analysis of the examples jar is not DONE after 3 min");
  }
}
