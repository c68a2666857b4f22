package dev.farcall.benchmarks.driver;

import static dev.farcall.benchmarks.driver.DriverBenchmark.JSON;
import static dev.farcall.benchmarks.driver.DriverBenchmark.PROGRAMS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.farcall.benchmarks.driver.DriverBenchmark.Program;
import dev.farcall.benchmarks.e2e.FarcallCluster;
import dev.farcall.benchmarks.report.ResultsFile;
import dev.farcall.kafka.EmbeddedKafkaBroker;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Issue 8's "offload" benchmark: the run's driver pinned to CPU 0, the broker, the coordinator and
 * one worker (one slot) to CPU 1, and plain {@code java} pinned to CPU 0 as the home it is compared
 * with. With the default settings (no tunables: the static plan and the adaptive policy), the
 * CPU-bound parallel stream should use the worker's core besides its own (target: at least 1.6x
 * faster than plain java on one core), and the fine-grained program should stay home (within 1.05x
 * of plain java on one core). Runs and plain java alternate, each timed from the request (fork) to
 * the run's {@code finishedAt} (exit). Writes {@code benchmarks/results/offload.json}.
 *
 * <p>Run: {@code benchmarks/areas/offload.sh [repetitions]}, which starts this JVM on CPU 1; it
 * refuses to run on more than one CPU, where the comparison would mean nothing.
 */
public final class OffloadBenchmark {

  private static final String HOME_CPU = "0";

  private OffloadBenchmark() {}

  public static void main(String[] args) throws Exception {
    int reps = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    if (Runtime.getRuntime().availableProcessors() != 1) {
      throw new IllegalStateException(
          "start this benchmark on one CPU (benchmarks/areas/offload.sh pins it to CPU 1); it sees "
              + Runtime.getRuntime().availableProcessors());
    }
    double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    Path dir = Files.createTempDirectory("farcall-offload-bench-");
    Files.setPosixFilePermissions(
        dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    ArrayNode figures = JSON.createArrayNode();
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0, false);
        FarcallCluster cluster =
            FarcallCluster.start(
                broker.bootstrapServers(),
                dir.resolve("cluster"),
                1,
                Map.of("farcall.run.isolation.cpus", HOME_CPU))) {
      DriverBenchmark.awaitAnalysis(cluster);
      measure(
          cluster,
          new Program(
              "CPU-bound parallel stream", PROGRAMS + "parallelstream.Main", List.of("4000")),
          reps,
          figures,
          true);
      measure(
          cluster,
          new Program(
              "fine-grained (tiny pure calls)",
              PROGRAMS + "finegrained.Main",
              List.of("200000000", "3")),
          reps,
          figures,
          false);
    } finally {
      DriverBenchmark.deleteRecursively(dir);
    }
    double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    ResultsFile.write(
        "offload",
        "Offload: the run on one core, a worker on the other",
        List.of(
            "taskset: the run's driver (farcall.run.isolation.cpus=0) and plain java on CPU 0; this"
                + " JVM (embedded broker, coordinator, one worker with one slot) on CPU 1.",
            "Default settings: no tunables, so the static plan plus the adaptive policy; runs of a"
                + " program follow each other, so later ones start from what earlier ones learned.",
            reps
                + " repetitions per program, a run and plain java alternated; run time from the"
                + " request to finishedAt, plain java from fork to exit."),
        figures,
        java.time.Instant.now(),
        loadBefore,
        loadAfter);
  }

  private static void measure(
      FarcallCluster cluster, Program p, int reps, ArrayNode figures, boolean offloads)
      throws Exception {
    List<String> pinned = List.of("taskset", "--cpu-list", HOME_CPU);
    List<Double> ratios = new ArrayList<>();
    List<Double> runs = new ArrayList<>();
    List<Double> plains = new ArrayList<>();
    List<Double> remote = new ArrayList<>();
    PlainJava.millis(p, pinned); // the page cache
    runMillis(cluster, p); // the coordinator's and worker's own warm-up, and a first lesson
    for (int i = 0; i < reps; i++) {
      double plain = PlainJava.millis(p, pinned);
      JsonNode run = runMillis(cluster, p);
      double millis = run.path("millis").asDouble();
      plains.add(plain);
      runs.add(millis);
      remote.add(run.path("remoteCalls").asDouble());
      ratios.add(offloads ? plain / millis : millis / plain);
    }
    String name =
        offloads
            ? p.label() + ": plain java on one core / adaptive run (speed-up)"
            : p.label() + ": adaptive run / plain java on one core";
    ObjectNode f = DriverBenchmark.figure(name, "x", ratios, 50);
    f.put("higherIsBetter", offloads);
    double median = DriverBenchmark.median(ratios);
    f.putObject("target")
        .put("description", offloads ? "at least 1.6x" : "at most 1.05x")
        .put("met", offloads ? median >= 1.6 : median <= 1.05);
    f.put(
        "note",
        String.format(
            "median run %.0f ms, plain java on one core %.0f ms, remote calls per run %.0f",
            DriverBenchmark.median(runs),
            DriverBenchmark.median(plains),
            DriverBenchmark.median(remote)));
    figures.add(f);
    figures.add(DriverBenchmark.figure(p.label() + ": remote calls per run", "calls", remote, 50));
    System.out.printf(
        "%s: run %.0f ms, plain %.0f ms, ratio %.2f, remote calls %.0f%n",
        p.label(),
        DriverBenchmark.median(runs),
        DriverBenchmark.median(plains),
        median,
        DriverBenchmark.median(remote));
  }

  /** The run's time from the request to its {@code finishedAt}, and its remote calls. */
  private static JsonNode runMillis(FarcallCluster cluster, Program p) throws Exception {
    Instant requested = Instant.now();
    String id = DriverBenchmark.startRun(cluster, p.mainClass(), p.args(), Map.of());
    JsonNode run = DriverBenchmark.awaitEnd(cluster, id);
    if (!run.path("status").asText().equals("SUCCEEDED")) {
      throw new IllegalStateException("run failed: " + run);
    }
    Instant finished = Instant.parse(run.path("finishedAt").asText());
    ObjectNode out = JSON.createObjectNode();
    out.put("millis", finished.toEpochMilli() - requested.toEpochMilli());
    out.put("remoteCalls", run.path("stats").path("remoteCalls").asLong());
    return out;
  }
}
