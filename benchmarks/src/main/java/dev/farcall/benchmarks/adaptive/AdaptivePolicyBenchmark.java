package dev.farcall.benchmarks.adaptive;

import dev.farcall.heuristics.adaptive.AdaptivePolicy;
import dev.farcall.heuristics.adaptive.CostBenefitAdaptivePolicy;
import dev.farcall.heuristics.adaptive.PolicyOutcome;
import dev.farcall.heuristics.placement.Tunables;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * One decision round of the cost-benefit policy over 10,000 sites (target on the 2-core build
 * machine: under 1 ms), in the everyday state of a running program and with every site wanting to
 * flip ({@link PolicyRounds}). The policy is a pure function of the round and the state, so every
 * invocation does the same work. {@link #main} then measures the thread CPU time of a round in this
 * JVM, which stays meaningful when other processes share the cores.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
public class AdaptivePolicyBenchmark {

  /** How many sites the round has. */
  @Param({"10000"})
  public int sites;

  /** Which round: {@code steady} or {@code turbulent}. */
  @Param({"steady", "turbulent"})
  public String scenario;

  private final AdaptivePolicy policy = new CostBenefitAdaptivePolicy();
  private Tunables tunables;
  private PolicyRounds rounds;

  /** Builds the round and the state. */
  @Setup(Level.Trial)
  public void setUp() {
    tunables = Tunables.defaults(policy.parameters());
    rounds = PolicyRounds.of(scenario, sites, policy, tunables);
  }

  /** One round. */
  @Benchmark
  public PolicyOutcome decide() {
    return policy.decide(rounds.round, rounds.state, tunables);
  }

  /**
   * Runs the JMH benchmark with the given options, then measures the thread CPU time per round in
   * five repetitions per scenario, each the median of 200 rounds after 2,000 warm-up rounds.
   */
  public static void main(String[] args) throws RunnerException, CommandLineOptionException {
    new Runner(
            new OptionsBuilder()
                .parent(new CommandLineOptions(args))
                .include(AdaptivePolicyBenchmark.class.getSimpleName())
                .build())
        .run();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (String scenario : new String[] {"steady", "turbulent"}) {
      for (int repetition = 1; repetition <= 5; repetition++) {
        AdaptivePolicyBenchmark benchmark = new AdaptivePolicyBenchmark();
        benchmark.sites = 10_000;
        benchmark.scenario = scenario;
        benchmark.setUp();
        long[] cpu = new long[200];
        for (int i = -2_000; i < cpu.length; i++) {
          long start = threads.getCurrentThreadCpuTime();
          benchmark.decide();
          if (i >= 0) {
            cpu[i] = threads.getCurrentThreadCpuTime() - start;
          }
        }
        Arrays.sort(cpu);
        System.out.printf(
            Locale.ROOT,
            "cpu-per-round %s %d sites repetition %d: median %.1f us%n",
            scenario,
            benchmark.sites,
            repetition,
            cpu[cpu.length / 2] / 1e3);
      }
    }
  }
}
