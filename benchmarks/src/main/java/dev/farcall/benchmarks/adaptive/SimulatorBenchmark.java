package dev.farcall.benchmarks.adaptive;

import dev.farcall.heuristics.adaptive.CostBenefitAdaptivePolicy;
import dev.farcall.heuristics.adaptive.PolicyLimits;
import dev.farcall.heuristics.simulation.Oracle;
import dev.farcall.heuristics.simulation.OracleResult;
import dev.farcall.heuristics.simulation.Scenario;
import dev.farcall.heuristics.simulation.SimulationResult;
import dev.farcall.heuristics.simulation.Simulator;
import dev.farcall.heuristics.simulation.Strategy;
import dev.farcall.heuristics.simulation.Workloads;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Decision quality of the adaptive policy at scale: the simulator's 10,000-site mix ({@link
 * Workloads#mixed}) on 256, 1,024 and 4,096 workers, one repetition per seed (a different program
 * and trace each time), under all-local, all-remote, the oracle's static assignment, the
 * cost-benefit policy with its defaults, and the same policy with the flip cap lifted to 10,000 a
 * second (to show what the default cap of 100 costs a program with thousands of heavy sites). Per
 * run: the simulated makespan, the policy's thread CPU time per round, and how long the simulation
 * took. All-local uses no worker, so it is simulated once per seed.
 *
 * <p>Writes one JSON object per run to the file named by the first argument ({@code -} for stdout);
 * {@code benchmarks/areas/simulator.sh} turns them into {@code benchmarks/results/simulator.json}.
 * Arguments: output, seeds (default 5), sites (default 10,000), worker counts (default
 * 256,1024,4096).
 */
public final class SimulatorBenchmark {

  private SimulatorBenchmark() {}

  public static void main(String[] args) throws IOException {
    String output = args.length > 0 ? args[0] : "-";
    int seeds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    int sites = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
    int[] workers =
        Arrays.stream((args.length > 3 ? args[3] : "256,1024,4096").split(","))
            .mapToInt(Integer::parseInt)
            .toArray();
    CostBenefitAdaptivePolicy policy = new CostBenefitAdaptivePolicy();
    Strategy adaptive = Strategy.adaptive(policy);
    Strategy uncapped =
        Strategy.adaptive(
            "adaptive-uncapped",
            policy,
            policy.tunables(Map.of(PolicyLimits.MAX_FLIPS_PER_SECOND, 10_000)));
    try (PrintStream out = open(output)) {
      for (int seed = 1; seed <= seeds; seed++) {
        SimulationResult local = null;
        for (int count : workers) {
          Scenario scenario = Workloads.mixed(sites, count, seed);
          long start = System.nanoTime();
          OracleResult oracle = Oracle.of(scenario);
          long oracleNanos = System.nanoTime() - start;
          if (local == null) {
            local = timed(scenario, Strategy.allLocal(), out, seed, count, oracle, 0);
          } else {
            write(out, seed, count, local, oracle, -1, 0);
          }
          timed(scenario, Strategy.allRemote(scenario), out, seed, count, oracle, 0);
          timed(scenario, oracle.strategy(), out, seed, count, oracle, oracleNanos);
          timed(scenario, adaptive, out, seed, count, oracle, 0);
          timed(scenario, uncapped, out, seed, count, oracle, 0);
        }
      }
    }
  }

  private static SimulationResult timed(
      Scenario scenario,
      Strategy strategy,
      PrintStream out,
      int seed,
      int workers,
      OracleResult oracle,
      long extraNanos) {
    long start = System.nanoTime();
    SimulationResult result = Simulator.run(scenario, strategy);
    write(out, seed, workers, result, oracle, System.nanoTime() - start, extraNanos);
    System.err.printf(Locale.ROOT, "seed %d, %d workers: %s%n", seed, workers, result);
    return result;
  }

  private static void write(
      PrintStream out,
      int seed,
      int workers,
      SimulationResult result,
      OracleResult oracle,
      long simulationNanos,
      long oracleNanos) {
    long[] cpu = result.policyCpuNanos().clone();
    Arrays.sort(cpu);
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("seed", seed);
    row.put("workers", workers);
    row.put("strategy", result.strategy());
    row.put("makespanNanos", result.makespanNanos());
    row.put("lowerBoundNanos", (long) oracle.lowerBoundNanos());
    row.put("oracleBoundNanos", (long) oracle.assignmentBoundNanos());
    row.put("oracleRemoteSites", oracle.remote().cardinality());
    row.put("localCalls", result.localCalls());
    row.put("remoteCalls", result.remoteCalls());
    row.put("trialCalls", result.trialCalls());
    row.put("rounds", result.rounds());
    row.put("flips", result.flips());
    row.put("policyCpuMedianNanos", cpu.length == 0 ? 0 : cpu[cpu.length / 2]);
    row.put("policyCpuP99Nanos", cpu.length == 0 ? 0 : cpu[(int) (cpu.length * 0.99)]);
    row.put("policyCpuMaxNanos", cpu.length == 0 ? 0 : cpu[cpu.length - 1]);
    row.put("policyCpuTotalNanos", Arrays.stream(cpu).sum());
    row.put("simulationNanos", simulationNanos);
    row.put("oracleNanos", oracleNanos);
    out.println(json(row));
    out.flush();
  }

  private static String json(Map<String, Object> row) {
    StringBuilder text = new StringBuilder("{");
    for (Map.Entry<String, Object> entry : row.entrySet()) {
      if (text.length() > 1) {
        text.append(", ");
      }
      text.append('"').append(entry.getKey()).append("\": ");
      Object value = entry.getValue();
      text.append(value instanceof String s ? "\"" + s + "\"" : String.valueOf(value));
    }
    return text.append('}').toString();
  }

  private static PrintStream open(String output) throws IOException {
    if (output.equals("-")) {
      return new PrintStream(System.out, true, StandardCharsets.UTF_8);
    }
    return new PrintStream(Files.newOutputStream(Path.of(output)), true, StandardCharsets.UTF_8);
  }
}
