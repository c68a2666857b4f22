package dev.farcall.benchmarks.runs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.farcall.benchmarks.e2e.FarcallCluster;
import dev.farcall.kafka.EmbeddedKafkaBroker;
import dev.farcall.model.program.ProgramClassLoader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Whole programs run through the runs API against plain local runs of the same jar (issue 4's
 * benchmark). For each example: the wall time of {@code java -cp examples.jar Main args} as a child
 * process, and the wall time of a Farcall run (from {@code POST /runs} to the final status seen by
 * polling) with a cluster of 1 worker, then with a fresh cluster of 2 workers; median of N timed
 * runs after one untimed warm-up run per row. Each Farcall row says which plan it used (the default
 * plan, or greedy with a lower {@code k} when the default keeps the heavy method LOCAL), its
 * remote/local call counts and whether stdout was byte-identical to the plain run.
 *
 * <p>Everything runs on this machine: the coordinator (which hosts the run) and the workers are in
 * this JVM, so a remote call competes for the same cores as the run itself.
 *
 * <p>Run: {@code benchmarks/run.sh dev.farcall.benchmarks.runs.RunBenchmark [repetitions]
 * [--only=part-of-main-class]}. Service settings can be added with {@code
 * -Dfarcall.bench.service-args=--key=value,...} in {@code JAVA_OPTS} (as in the end-to-end
 * benchmark), e.g. {@code --farcall.run.count-local-calls=false}.
 */
public final class RunBenchmark {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final long RUN_LIMIT_NANOS = 180_000_000_000L;
  private static final long POLL_MILLIS = 250;

  /**
   * Marker in a variant's settings: force the heavy method REMOTE with a placement override (set
   * before the run, outside the timed part, and removed after it) instead of sending tunables.
   */
  private static final String OVERRIDE_REMOTE = "override-remote";

  /** An example program, its arguments, and the method that carries its work. */
  record Program(String label, String mainClass, List<String> args, String heavyMethod) {}

  /** One timed Farcall run. */
  record RunResult(
      double seconds, String status, long remoteCalls, String localCalls, boolean sameOutput) {}

  private static final List<Program> PROGRAMS =
      List.of(
          new Program(
              "ParallelSum 44 (CPU-bound, parallel stream)",
              "dev.farcall.examples.placement.ParallelSum",
              List.of("44"),
              "countSolutions"),
          new Program(
              "parallelstream 5000 (CPU-bound, parallel stream)",
              "dev.farcall.examples.programs.parallelstream.Main",
              List.of("5000"),
              "collatzBlock"),
          new Program(
              "finegrained 2,000,000,000 (tiny pure calls)",
              "dev.farcall.examples.programs.finegrained.Main",
              List.of("2000000000"),
              "mix"),
          // the same loop five times as long: what a run costs per call, with start-up diluted
          new Program(
              "finegrained 10,000,000,000 (tiny pure calls, 5 rounds)",
              "dev.farcall.examples.programs.finegrained.Main",
              List.of("2000000000", "5"),
              "mix"),
          // almost no work: what starting a run costs against starting a JVM
          new Program(
              "finegrained 1,000 (start-up only)",
              "dev.farcall.examples.programs.finegrained.Main",
              List.of("1000"),
              "mix"));

  private RunBenchmark() {}

  public static void main(String[] args) throws Exception {
    int repetitions = 3;
    String only = "";
    for (String arg : args) {
      if (arg.startsWith("--only=")) {
        only = arg.substring(7);
      } else {
        repetitions = Integer.parseInt(arg);
      }
    }
    String filter = only;
    List<Program> programs =
        PROGRAMS.stream().filter(p -> (p.mainClass() + " " + p.label()).contains(filter)).toList();
    System.out.printf(
        Locale.ROOT,
        "Run benchmark: median of %d, %d CPUs, Java %s, load average %.2f at start, %s%n",
        repetitions,
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"),
        load(),
        Instant.now());
    Path jar = FarcallCluster.examplesJar();
    Map<String, String> plainOutputs = new LinkedHashMap<>();
    for (Program p : programs) {
      plainOutputs.put(p.label(), plainRun(jar, p)); // reference output, also a warm-up
    }
    Path dir = Files.createTempDirectory("farcall-runs-");
    // row label -> workers -> results; plain times per program per phase (workers)
    Map<String, Map<Integer, List<RunResult>>> results = new LinkedHashMap<>();
    Map<String, String> rowProgram = new LinkedHashMap<>();
    Map<String, Map<Integer, List<Double>>> plainTimes = new LinkedHashMap<>();
    // the same program's main called in this JVM, beside the cluster (see plainInThisJvm)
    Map<String, Map<Integer, List<Double>>> sameJvmTimes = new LinkedHashMap<>();
    int exit = 0;
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0, true)) {
      for (int workers : List.of(1, 2)) {
        try (FarcallCluster cluster =
            FarcallCluster.start(broker.bootstrapServers(), dir.resolve("c" + workers), workers)) {
          String api = cluster.apiUrl();
          String token = cluster.adminToken;
          awaitAnalysis(api, token, cluster.programId);
          if (workers == 1) {
            System.out.println("heuristics: " + get(api + "/heuristics", token));
          }
          JsonNode plan =
              JSON.readTree(get(api + "/programs/" + cluster.programId + "/placement", token));
          for (Program p : programs) {
            JsonNode d = decision(plan, p);
            String decision = d == null ? "ABSENT" : d.path("decision").asText();
            System.out.printf(
                Locale.ROOT,
                "%d worker(s): default plan (%s) puts %s#%s %s (%s)%n",
                workers,
                plan.path("heuristic").asText(),
                p.mainClass(),
                p.heavyMethod(),
                decision,
                d == null ? "" : d.path("reason").asText());
            List<Map.Entry<String, Map<String, Object>>> variants = new ArrayList<>();
            variants.add(
                Map.entry("default plan (" + p.heavyMethod() + " " + decision + ")", Map.of()));
            if (!"REMOTE".equals(decision) && !p.heavyMethod().equals("mix")) {
              // The lowest k (0.01) does not move it when its estimated work is below 0.01 times
              // the dispatch estimate, so the heavy method is forced REMOTE by a plan override.
              variants.add(
                  Map.entry(
                      "override " + p.heavyMethod() + " REMOTE (PUT /placement/overrides)",
                      Map.of(OVERRIDE_REMOTE, true)));
            }
            List<Double> plain = new ArrayList<>();
            plainTimes.computeIfAbsent(p.label(), k -> new LinkedHashMap<>()).put(workers, plain);
            List<Double> sameJvm = new ArrayList<>();
            sameJvmTimes
                .computeIfAbsent(p.label(), k -> new LinkedHashMap<>())
                .put(workers, sameJvm);
            Map<String, List<RunResult>> lists = new LinkedHashMap<>();
            for (Map.Entry<String, Map<String, Object>> v : variants) {
              String row = p.label() + " | " + v.getKey();
              rowProgram.put(row, p.label());
              List<RunResult> list = new ArrayList<>();
              results.computeIfAbsent(row, k -> new LinkedHashMap<>()).put(workers, list);
              lists.put(row, list);
              try {
                farcallRun(api, token, cluster.programId, p, v.getValue(), plainOutputs); // warm-up
              } catch (Exception e) {
                System.out.println("  FAILED warm-up " + workers + " worker(s) " + row + ": " + e);
                exit = 1;
              }
            }
            // Interleaved: plain, then each variant, per repetition, so load changes hit both.
            for (int r = 0; r < repetitions; r++) {
              long t = System.nanoTime();
              String out = plainRun(jar, p);
              plain.add((System.nanoTime() - t) / 1e9);
              if (!out.equals(plainOutputs.get(p.label()))) {
                throw new IllegalStateException(
                    "plain output differs between runs of " + p.label());
              }
              sameJvm.add(plainInThisJvm(jar, p));
              System.out.printf(
                  Locale.ROOT,
                  "  %d worker(s) phase, plain %s: %.2f s (load %.2f)%n",
                  workers,
                  p.label(),
                  plain.get(plain.size() - 1),
                  load());
              int i = 0;
              for (Map.Entry<String, List<RunResult>> row : lists.entrySet()) {
                Map<String, Object> tunables = variants.get(i++).getValue();
                try {
                  RunResult result =
                      farcallRun(api, token, cluster.programId, p, tunables, plainOutputs);
                  row.getValue().add(result);
                  System.out.printf(
                      Locale.ROOT,
                      "  %d worker(s) %s: %.2f s %s remote %d local %s same output %s (load"
                          + " %.2f)%n",
                      workers,
                      row.getKey(),
                      result.seconds(),
                      result.status(),
                      result.remoteCalls(),
                      result.localCalls(),
                      result.sameOutput(),
                      load());
                } catch (Exception e) {
                  System.out.println(
                      "  FAILED " + workers + " worker(s) " + row.getKey() + ": " + e);
                  exit = 1;
                }
              }
            }
          }
        }
      }
    } finally {
      deleteQuietly(dir);
    }
    System.out.printf(
        Locale.ROOT,
        "%nMedians of %d (wall seconds); each ratio is against the plain runs interleaved with"
            + " it:%n%n",
        repetitions);
    System.out.println(
        "| program | plan | plain (1-worker phase) | Farcall 1 worker | ratio | plain (2-worker"
            + " phase) | Farcall 2 workers | ratio | remote / local calls (1 w; 2 w) | same stdout"
            + " |");
    System.out.println("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |");
    for (Map.Entry<String, Map<Integer, List<RunResult>>> e : results.entrySet()) {
      String[] parts = e.getKey().split(" \\| ");
      Map<Integer, List<Double>> plain = plainTimes.get(rowProgram.get(e.getKey()));
      double plain1 = median(plain.getOrDefault(1, List.of()));
      double plain2 = median(plain.getOrDefault(2, List.of()));
      List<RunResult> one = e.getValue().getOrDefault(1, List.of());
      List<RunResult> two = e.getValue().getOrDefault(2, List.of());
      boolean same =
          Stream.concat(one.stream(), two.stream())
              .allMatch(r -> r.sameOutput() && r.status().equals("SUCCEEDED"));
      System.out.printf(
          Locale.ROOT,
          "| %s | %s | %.2f s | %s | %s | %.2f s | %s | %s | %s; %s | %s |%n",
          parts[0],
          parts[1],
          plain1,
          cell(one),
          ratio(one, plain1),
          plain2,
          cell(two),
          ratio(two, plain2),
          calls(one),
          calls(two),
          one.isEmpty() && two.isEmpty() ? "–" : same ? "yes" : "NO");
    }
    System.out.printf(
        Locale.ROOT,
        "%nThe same Farcall runs against the program's main called in this JVM, beside the"
            + " cluster (fresh class loader, output discarded, no JVM start-up), medians of %d:%n%n",
        repetitions);
    System.out.println(
        "| program | plan | plain in the cluster's JVM (1 w) | Farcall 1 worker | ratio | plain in"
            + " the cluster's JVM (2 w) | Farcall 2 workers | ratio |");
    System.out.println("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (Map.Entry<String, Map<Integer, List<RunResult>>> e : results.entrySet()) {
      String[] parts = e.getKey().split(" \\| ");
      Map<Integer, List<Double>> same = sameJvmTimes.get(rowProgram.get(e.getKey()));
      double same1 = median(same.getOrDefault(1, List.of()));
      double same2 = median(same.getOrDefault(2, List.of()));
      List<RunResult> one = e.getValue().getOrDefault(1, List.of());
      List<RunResult> two = e.getValue().getOrDefault(2, List.of());
      System.out.printf(
          Locale.ROOT,
          "| %s | %s | %.2f s | %s | %s | %.2f s | %s | %s |%n",
          parts[0],
          parts[1],
          same1,
          cell(one),
          ratio(one, same1),
          same2,
          cell(two),
          ratio(two, same2));
    }
    System.out.printf(Locale.ROOT, "%nload average at the end %.2f%n", load());
    System.exit(exit);
  }

  private static String calls(List<RunResult> list) {
    return list.isEmpty()
        ? "–"
        : list.get(list.size() - 1).remoteCalls() + " / " + list.get(list.size() - 1).localCalls();
  }

  private static String cell(List<RunResult> list) {
    return list.isEmpty()
        ? "failed"
        : String.format(
            Locale.ROOT, "%.2f s", median(list.stream().map(RunResult::seconds).toList()));
  }

  private static String ratio(List<RunResult> list, double plain) {
    return list.isEmpty()
        ? "–"
        : String.format(
            Locale.ROOT, "%.2f×", median(list.stream().map(RunResult::seconds).toList()) / plain);
  }

  private static JsonNode decision(JsonNode plan, Program p) {
    for (JsonNode d : plan.path("decisions")) {
      if (d.path("className").asText().equals(p.mainClass())
          && d.path("methodName").asText().equals(p.heavyMethod())) {
        return d;
      }
    }
    return null;
  }

  /** {@code java -cp jar Main args} in a child process; returns its stdout. */
  /**
   * Wall seconds of the program's {@code main} called in this JVM on a fresh class loader, its
   * output discarded: the plain program in the same surroundings as a Farcall run (the broker,
   * coordinator and workers of the cluster share this JVM and these cores), without JVM start-up.
   */
  private static double plainInThisJvm(Path jar, Program p) throws Exception {
    ProgramClassLoader loader =
        ProgramClassLoader.fromJar(jar, "plain-" + p.label(), RunBenchmark.class.getClassLoader());
    Method main = Class.forName(p.mainClass(), false, loader).getMethod("main", String[].class);
    PrintStream out = System.out;
    long t = System.nanoTime();
    try {
      System.setOut(new PrintStream(OutputStream.nullOutputStream()));
      main.invoke(null, (Object) p.args().toArray(String[]::new));
    } finally {
      System.setOut(out);
    }
    return (System.nanoTime() - t) / 1e9;
  }

  private static String plainRun(Path jar, Program p) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(jar.toString());
    command.add(p.mainClass());
    command.addAll(p.args());
    Process process =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int code = process.waitFor();
    if (code != 0) {
      throw new IllegalStateException("plain run of " + p.label() + " exited " + code);
    }
    return out;
  }

  private static RunResult farcallRun(
      String api,
      String token,
      String programId,
      Program p,
      Map<String, Object> tunables,
      Map<String, String> plainOutputs)
      throws Exception {
    boolean override = tunables.containsKey(OVERRIDE_REMOTE);
    if (override) {
      putOverride(api, token, programId, p, "REMOTE");
    }
    try {
      return timedRun(api, token, programId, p, override ? Map.of() : tunables, plainOutputs);
    } finally {
      if (override) {
        putOverride(api, token, programId, p, "AUTO");
      }
    }
  }

  private static void putOverride(
      String api, String token, String programId, Program p, String mode) throws Exception {
    String body = JSON.writeValueAsString(Map.of(p.mainClass() + "#" + p.heavyMethod(), mode));
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(api + "/programs/" + programId + "/placement/overrides"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "PUT overrides " + body + ": " + response.statusCode() + " " + response.body());
    }
  }

  private static RunResult timedRun(
      String api,
      String token,
      String programId,
      Program p,
      Map<String, Object> tunables,
      Map<String, String> plainOutputs)
      throws Exception {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("mainClass", p.mainClass());
    body.put("args", p.args());
    if (!tunables.isEmpty()) {
      body.put("heuristic", "greedy");
      body.put("tunables", tunables);
    }
    long start = System.nanoTime();
    Instant postedAt = Instant.now();
    HttpResponse<String> posted =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(api + "/programs/" + programId + "/runs"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (posted.statusCode() != 202) {
      throw new IllegalStateException("POST runs: " + posted.statusCode() + " " + posted.body());
    }
    String runId = JSON.readTree(posted.body()).path("id").asText();
    JsonNode run;
    while (true) {
      run = JSON.readTree(get(api + "/runs/" + runId, token));
      String status = run.path("status").asText();
      if (status.equals("SUCCEEDED") || status.equals("FAILED") || status.equals("CANCELLED")) {
        break;
      }
      if (System.nanoTime() - start > RUN_LIMIT_NANOS) {
        throw new IllegalStateException("run " + runId + " not finished: " + run);
      }
      // rarely: every poll costs the coordinator CPU that the run, on the same cores, would miss
      Thread.sleep(POLL_MILLIS);
    }
    // the server's end of the run, so that the polling interval does not round the wall time up
    double seconds =
        run.hasNonNull("finishedAt")
            ? Duration.between(postedAt, Instant.parse(run.path("finishedAt").asText())).toNanos()
                / 1e9
            : (System.nanoTime() - start) / 1e9;
    String out = get(api + "/runs/" + runId + "/output", token);
    String status = run.path("status").asText();
    if (!status.equals("SUCCEEDED")) {
      System.out.println(
          "  run "
              + runId
              + " "
              + status
              + ": "
              + run.path("error")
              + " stderr: "
              + get(api + "/runs/" + runId + "/output?stream=stderr", token));
    }
    return new RunResult(
        seconds,
        status,
        run.path("stats").path("remoteCalls").asLong(),
        localCalls(run.path("stats")),
        out.equals(plainOutputs.get(p.label())));
  }

  /**
   * The run's counted local calls; "+ uncounted" when LOCAL sites of tiny methods did not count.
   */
  private static String localCalls(JsonNode stats) {
    return String.format(Locale.ROOT, "%,d", stats.path("localCalls").asLong())
        + (stats.path("localCallsComplete").asBoolean(true) ? "" : " + uncounted");
  }

  private static void awaitAnalysis(String api, String token, String programId) throws Exception {
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (true) {
      JsonNode analysis = JSON.readTree(get(api + "/programs/" + programId + "/analysis", token));
      String status = analysis.path("status").asText();
      if (status.equals("DONE")) {
        return;
      }
      if (status.equals("FAILED") || System.nanoTime() > deadline) {
        throw new IllegalStateException("analysis not DONE: " + analysis);
      }
      Thread.sleep(100);
    }
  }

  private static String get(String url, String token) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "GET " + url + ": " + response.statusCode() + " " + response.body());
    }
    return response.body();
  }

  private static double median(List<Double> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  private static String fmt(List<Double> values) {
    return values.stream().map(d -> String.format(Locale.ROOT, "%.2f", d)).toList().toString();
  }

  private static double load() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
    } catch (Exception e) {
      System.err.println("could not delete " + dir + ": " + e);
    }
    if (Files.exists(dir)) {
      System.err.println("left behind: " + dir + " " + Arrays.toString(dir.toFile().list()));
    }
  }
}
