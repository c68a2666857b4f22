package dev.farcall.benchmarks.placement;

import dev.farcall.heuristics.placement.PlacementHeuristic;
import dev.farcall.heuristics.placement.PlacementHeuristics;
import dev.farcall.heuristics.placement.PlacementPlan;
import dev.farcall.heuristics.placement.PlacementProblem;
import dev.farcall.heuristics.placement.Tunables;
import dev.farcall.heuristics.placement.synthetic.SyntheticProblems;
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
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Time and allocation of one placement of a synthetic program of 1,000 or 10,000 methods (targets
 * on the 2-core build machine: greedy under 50 ms and min-cut under 500 ms for 10,000). The problem
 * is generated once per trial, so the figures cover indexing, the cost model and the heuristic.
 * {@link #main} runs it with the GC profiler, whose {@code gc.alloc.rate.norm} is the bytes
 * allocated per placement.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PlacementBenchmark {

  /** How many methods the synthetic program has. */
  @Param({"1000", "10000"})
  public int methods;

  /** Which heuristic places it. */
  @Param({"greedy", "min-cut"})
  public String heuristic;

  private PlacementProblem problem;
  private PlacementHeuristic placement;
  private Tunables tunables;

  /** Generates the program and picks the heuristic with default tunables. */
  @Setup(Level.Trial)
  public void setUp() {
    problem = SyntheticProblems.generate(methods, 42);
    placement = PlacementHeuristics.builtIn().find(heuristic).orElseThrow();
    tunables = Tunables.defaults(placement.parameters());
  }

  /** One placement. */
  @Benchmark
  public PlacementPlan place() {
    return placement.place(problem, tunables);
  }

  /**
   * Runs this benchmark with the GC profiler ({@code gc.alloc.rate.norm} is bytes allocated per
   * placement), then measures thread CPU time per placement in this JVM, which stays meaningful
   * when other processes share the cores and stretch the wall-clock figures. Arguments are JMH
   * command-line options, e.g. {@code -p methods=10000}.
   */
  public static void main(String[] args) throws RunnerException, CommandLineOptionException {
    Options options =
        new OptionsBuilder()
            .parent(new CommandLineOptions(args))
            .include(PlacementBenchmark.class.getSimpleName())
            .addProfiler(GCProfiler.class)
            .build();
    new Runner(options).run();
    printCpuTimes();
  }

  private static void printCpuTimes() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    System.out.println();
    System.out.println("Thread CPU time per placement (median of 20 after 10 warm-up runs):");
    for (int methods : new int[] {1_000, 10_000}) {
      for (String name : new String[] {"greedy", "min-cut"}) {
        PlacementBenchmark benchmark = new PlacementBenchmark();
        benchmark.methods = methods;
        benchmark.heuristic = name;
        benchmark.setUp();
        long[] cpu = new long[20];
        for (int i = -10; i < cpu.length; i++) {
          long start = threads.getCurrentThreadCpuTime();
          benchmark.place();
          if (i >= 0) {
            cpu[i] = threads.getCurrentThreadCpuTime() - start;
          }
        }
        Arrays.sort(cpu);
        System.out.printf(
            Locale.ROOT,
            "  %-8s %6d methods: %8.2f ms%n",
            name,
            methods,
            cpu[cpu.length / 2] / 1e6);
      }
    }
  }
}
