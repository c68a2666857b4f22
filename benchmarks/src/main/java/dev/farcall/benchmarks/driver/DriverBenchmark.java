package dev.farcall.benchmarks.driver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.farcall.benchmarks.e2e.FarcallCluster;
import dev.farcall.benchmarks.report.ResultsFile;
import dev.farcall.kafka.EmbeddedKafkaBroker;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The run driver's benchmark (issue 13): a run's start-up, from {@code POST /runs} to the first
 * byte of its output, with and without the driver's class-data-sharing archive (two coordinators,
 * alternated run by run); and whole programs with every call LOCAL (the fine-grained one and a
 * CPU-bound parallel stream) against {@code java -cp examples.jar Main} in a JVM of its own,
 * alternated run by run, timed from the request to the run's {@code finishedAt} and from the fork
 * to the exit. Writes {@code benchmarks/results/driver.json}.
 *
 * <p>Run: {@code benchmarks/areas/driver.sh} (or {@code benchmarks/run.sh
 * dev.farcall.benchmarks.driver.DriverBenchmark [startups] [programRepetitions]}).
 */
public final class DriverBenchmark {

  static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  static final String PROGRAMS = "dev.farcall.examples.programs.";

  /** Makes the static work estimate tiny, so the plan keeps every movable method LOCAL. */
  private static final Map<String, Object> ALL_LOCAL = Map.of("nsPerInstruction", 0.01);

  private DriverBenchmark() {}

  /** A program timed as a run and as plain java. */
  record Program(String label, String mainClass, List<String> args) {}

  public static void main(String[] args) throws Exception {
    int startups = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int reps = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    Path dir = Files.createTempDirectory("farcall-driver-bench-");
    // runs execute as users of their own: a directory they may pass keeps the coordinators' run
    // directories (and the CDS archive this waits for) under it
    Files.setPosixFilePermissions(
        dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    ArrayNode figures = JSON.createArrayNode();
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0, false)) {
      String bootstrap = broker.bootstrapServers();
      try (FarcallCluster withCds =
              FarcallCluster.start(
                  bootstrap, dir.resolve("cds"), 0, Map.of("farcall.run.driver.cds", "true"));
          FarcallCluster withoutCds =
              FarcallCluster.start(
                  bootstrap, dir.resolve("nocds"), 0, Map.of("farcall.run.driver.cds", "false"))) {
        awaitAnalysis(withCds);
        awaitAnalysis(withoutCds);
        awaitArchive(dir.resolve("cds"));
        startUp(withCds, withoutCds, startups, figures);
        programs(withCds, reps, figures);
      }
    } finally {
      deleteRecursively(dir);
    }
    double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    write(figures, loadBefore, loadAfter, startups, reps);
  }

  private static void startUp(
      FarcallCluster withCds, FarcallCluster withoutCds, int n, ArrayNode figures)
      throws Exception {
    List<Double> cds = new ArrayList<>();
    List<Double> plain = new ArrayList<>();
    String hello = PROGRAMS + "hello.Main";
    firstOutputMillis(withCds, hello); // one untimed run each: the coordinators' own warm-up
    firstOutputMillis(withoutCds, hello);
    for (int i = 0; i < n; i++) {
      cds.add(firstOutputMillis(withCds, hello));
      plain.add(firstOutputMillis(withoutCds, hello));
    }
    figures.add(figure("run start-up to first output, with the CDS archive (p50)", "ms", cds, 50));
    figures.add(figure("run start-up to first output, with the CDS archive (p95)", "ms", cds, 95));
    figures.add(figure("run start-up to first output, without (p50)", "ms", plain, 50));
    figures.add(figure("run start-up to first output, without (p95)", "ms", plain, 95));
    System.out.printf(
        "start-up p50 %.0f ms with CDS, %.0f ms without%n",
        percentile(cds, 50), percentile(plain, 50));
  }

  private static void programs(FarcallCluster cluster, int reps, ArrayNode figures)
      throws Exception {
    List<Program> programs =
        List.of(
            new Program(
                "fine-grained (tiny pure calls)",
                PROGRAMS + "finegrained.Main",
                List.of("200000000", "3")),
            new Program(
                "CPU-bound parallel stream", PROGRAMS + "parallelstream.Main", List.of("4000")));
    for (Program p : programs) {
      List<Double> runs = new ArrayList<>();
      List<Double> plains = new ArrayList<>();
      List<Double> ratios = new ArrayList<>();
      plainMillis(p); // warm the page cache
      for (int i = 0; i < reps; i++) {
        double plain = plainMillis(p);
        double run = runMillis(cluster, p);
        plains.add(plain);
        runs.add(run);
        ratios.add(run / plain);
      }
      ObjectNode f =
          figure(p.label() + ": run with every call LOCAL / plain java", "x", ratios, 50);
      f.put("higherIsBetter", false);
      f.putObject("target").put("description", "at most 1.05x").put("met", median(ratios) <= 1.05);
      f.put(
          "note",
          String.format(
              "median run %.0f ms, plain java %.0f ms (each in a JVM of its own)",
              median(runs), median(plains)));
      figures.add(f);
      System.out.printf(
          "%s: run %.0f ms, plain %.0f ms, ratio %.3f%n",
          p.label(), median(runs), median(plains), median(ratios));
    }
  }

  /** From the request to the first byte of the run's stdout, polling every 2 ms. */
  private static double firstOutputMillis(FarcallCluster cluster, String mainClass)
      throws Exception {
    long start = System.nanoTime();
    String id = startRun(cluster, mainClass, List.of(), Map.of());
    String url = cluster.apiUrl() + "/runs/" + id + "/output";
    while (true) {
      String out = get(cluster, url);
      if (!out.isEmpty()) {
        double ms = (System.nanoTime() - start) / 1e6;
        awaitEnd(cluster, id);
        return ms;
      }
      if (System.nanoTime() - start > TimeUnit.MINUTES.toNanos(2)) {
        throw new IllegalStateException("run " + id + " printed nothing within 2 minutes");
      }
      Thread.sleep(2);
    }
  }

  /** From the request to the run's {@code finishedAt}, as the coordinator recorded it. */
  private static double runMillis(FarcallCluster cluster, Program p) throws Exception {
    Instant requested = Instant.now();
    String id = startRun(cluster, p.mainClass(), p.args(), ALL_LOCAL);
    JsonNode run = awaitEnd(cluster, id);
    if (!run.path("status").asText().equals("SUCCEEDED")) {
      throw new IllegalStateException("run failed: " + run);
    }
    if (run.path("stats").path("remoteCalls").asLong() != 0) {
      throw new IllegalStateException("a call went remote in an all-LOCAL run: " + run);
    }
    Instant finished = Instant.parse(run.path("finishedAt").asText());
    return (finished.toEpochMilli() - requested.toEpochMilli());
  }

  static double plainMillis(Program p) throws IOException, InterruptedException {
    return PlainJava.millis(p, List.of());
  }

  static String startRun(
      FarcallCluster cluster, String mainClass, List<String> args, Map<String, Object> tunables)
      throws Exception {
    return startRun(cluster, mainClass, args, tunables, null);
  }

  /**
   * Starts a run of the examples jar; {@code adaptivePolicy} names the run's policy ({@code "none"}
   * keeps its plan), {@code null} leaves the global setting. Returns the run's id.
   */
  public static String startRun(
      FarcallCluster cluster,
      String mainClass,
      List<String> args,
      Map<String, Object> tunables,
      String adaptivePolicy)
      throws Exception {
    return startRun(cluster, mainClass, args, tunables, adaptivePolicy, 0);
  }

  /** The same, with a deadline in seconds ({@code 0}: none). */
  public static String startRun(
      FarcallCluster cluster,
      String mainClass,
      List<String> args,
      Map<String, Object> tunables,
      String adaptivePolicy,
      int deadlineSeconds)
      throws Exception {
    Map<String, Object> body = new LinkedHashMap<>();
    if (deadlineSeconds > 0) {
      body.put("deadlineSeconds", deadlineSeconds);
    }
    body.put("mainClass", mainClass);
    body.put("args", args);
    if (!tunables.isEmpty()) {
      body.put("tunables", tunables); // none: the default plan and the adaptive policy
    }
    if (adaptivePolicy != null) {
      body.put("adaptivePolicy", adaptivePolicy);
    }
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(cluster.apiUrl() + "/programs/" + cluster.programId + "/runs"))
                .header("Authorization", "Bearer " + cluster.adminToken)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 202) {
      throw new IllegalStateException("POST runs: " + r.statusCode() + " " + r.body());
    }
    return JSON.readTree(r.body()).path("id").asText();
  }

  static JsonNode awaitEnd(FarcallCluster cluster, String id) throws Exception {
    long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
    while (System.nanoTime() < until) {
      JsonNode run = JSON.readTree(get(cluster, cluster.apiUrl() + "/runs/" + id));
      String status = run.path("status").asText();
      if (status.equals("SUCCEEDED") || status.equals("FAILED") || status.equals("CANCELLED")) {
        return run;
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException("run " + id + " did not end");
  }

  static void awaitAnalysis(FarcallCluster cluster) throws Exception {
    long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (System.nanoTime() < until) {
      JsonNode a =
          JSON.readTree(
              get(cluster, cluster.apiUrl() + "/programs/" + cluster.programId + "/analysis"));
      if (a.path("status").asText().equals("DONE")) {
        return;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("analysis not DONE");
  }

  /** Waits until the CDS coordinator has built its archive (in the background at its start). */
  private static void awaitArchive(Path clusterDir) throws Exception {
    long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (System.nanoTime() < until) {
      try (Stream<Path> files = Files.walk(clusterDir)) {
        if (files.anyMatch(f -> f.toString().endsWith(".jsa"))) {
          return;
        }
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("the driver's CDS archive was not built");
  }

  static String get(FarcallCluster cluster, String url) throws Exception {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + cluster.adminToken)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  static ObjectNode figure(String name, String unit, List<Double> values, int pct) {
    ObjectNode f = JSON.createObjectNode();
    f.put("name", name);
    f.put("unit", unit);
    f.put("higherIsBetter", false);
    ArrayNode reps = f.putArray("repetitions");
    values.forEach(reps::add);
    f.put("median", pct == 50 ? median(values) : percentile(values, pct));
    f.put("min", values.stream().mapToDouble(Double::doubleValue).min().orElse(0));
    f.put("max", values.stream().mapToDouble(Double::doubleValue).max().orElse(0));
    if (pct != 50) {
      f.put(
          "note",
          "p" + pct + " of " + values.size() + " runs (the median field holds the p" + pct + ")");
    }
    return f;
  }

  static double median(List<Double> values) {
    return percentile(values, 50);
  }

  static double percentile(List<Double> values, int pct) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    if (sorted.length == 0) {
      return Double.NaN;
    }
    double rank = pct / 100.0 * (sorted.length - 1);
    int lo = (int) Math.floor(rank);
    int hi = (int) Math.ceil(rank);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
  }

  private static void write(
      ArrayNode figures, double loadBefore, double loadAfter, int startups, int reps)
      throws IOException {
    ResultsFile.write(
        "driver",
        "Run driver: start-up and the cost of a JVM per run",
        List.of(
            startups
                + " start-ups per setting, alternated between a coordinator with and one without"
                + " the driver's CDS archive; "
                + reps
                + " repetitions per program, alternated with plain java.",
            "Runs and plain java share this machine with the coordinator and the broker."),
        figures,
        Instant.now(),
        loadBefore,
        loadAfter);
  }

  static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temp directory left behind harms nothing
    }
  }
}
