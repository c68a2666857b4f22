package dev.farcall.benchmarks.runs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.farcall.benchmarks.e2e.FarcallCluster;
import dev.farcall.kafka.EmbeddedKafkaBroker;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
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
 *
 * <p>This class runs the phases and the rows; {@link PlainRuns} makes the plain runs, {@link
 * FarcallRuns} the Farcall runs through the REST API, and {@link RunResults} keeps the timings and
 * prints the tables.
 */
public final class RunBenchmark {

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
      // the reference output, also a warm-up
      plainOutputs.put(p.label(), PlainRuns.inChildProcess(jar, p));
    }
    Path dir = Files.createTempDirectory("farcall-runs-");
    RunResults results = new RunResults();
    int exit = 0;
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0, true)) {
      for (int workers : List.of(1, 2)) {
        try (FarcallCluster cluster =
            FarcallCluster.start(broker.bootstrapServers(), dir.resolve("c" + workers), workers)) {
          FarcallRuns runs = new FarcallRuns(cluster);
          runs.awaitAnalysis();
          if (workers == 1) {
            System.out.println("heuristics: " + runs.get("/heuristics"));
          }
          JsonNode plan = runs.plan();
          for (Program p : programs) {
            JsonNode d = FarcallRuns.decision(plan, p);
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
                      Map.of(FarcallRuns.OVERRIDE_REMOTE, true)));
            }
            List<Double> plain = results.plainTimes(p.label(), workers);
            List<Double> sameJvm = results.sameJvmTimes(p.label(), workers);
            Map<String, List<RunResult>> lists = new LinkedHashMap<>();
            for (Map.Entry<String, Map<String, Object>> v : variants) {
              String row = p.label() + " | " + v.getKey();
              lists.put(row, results.row(row, p.label(), workers));
              try {
                runs.run(p, v.getValue(), plainOutputs.get(p.label())); // warm-up
              } catch (Exception e) {
                System.out.println("  FAILED warm-up " + workers + " worker(s) " + row + ": " + e);
                exit = 1;
              }
            }
            // Interleaved: plain, then each variant, per repetition, so load changes hit both.
            for (int r = 0; r < repetitions; r++) {
              long t = System.nanoTime();
              String out = PlainRuns.inChildProcess(jar, p);
              plain.add((System.nanoTime() - t) / 1e9);
              if (!out.equals(plainOutputs.get(p.label()))) {
                throw new IllegalStateException(
                    "plain output differs between runs of " + p.label());
              }
              sameJvm.add(PlainRuns.inThisJvm(jar, p));
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
                  RunResult result = runs.run(p, tunables, plainOutputs.get(p.label()));
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
    results.print(repetitions);
    System.out.printf(Locale.ROOT, "%nload average at the end %.2f%n", load());
    System.exit(exit);
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
