package dev.farcall.benchmarks.analysis;

import dev.farcall.heuristics.analysis.AnalysisOptions;
import dev.farcall.heuristics.analysis.JarAnalyzer;
import dev.farcall.heuristics.analysis.ProgramModel;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
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
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Time and allocation of the static analysis of a whole real jar (by default commons-math3 3.6.1,
 * which the build copies to {@code benchmarks/target/bench-jars/commons-math3.jar}; target on the
 * 2-core build machine: under 3 s). One operation is one {@link JarAnalyzer#analyze(Path,
 * AnalysisOptions)} call, reading the jar included. {@link #main} runs it with the GC profiler and
 * then prints the figures per 1,000 methods (divided by the method count of the {@link
 * ProgramModel}) and the analysing thread's CPU time, which stays meaningful when other processes
 * share the cores (the analysis runs on the calling thread only).
 *
 * <p>Run: {@code benchmarks/run.sh dev.farcall.benchmarks.analysis.AnalysisBenchmark} (any JMH
 * command-line options after it; {@code -p jar=/path/to/other.jar} analyses another jar).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class AnalysisBenchmark {

  /** The jar to analyse; empty for commons-math3 at its build location. */
  @Param({""})
  public String jar;

  private Path path;
  private AnalysisOptions options;
  private JarAnalyzer analyzer;

  /** Finds the jar. */
  @Setup(Level.Trial)
  public void setUp() {
    path = resolve(jar);
    options = AnalysisOptions.defaults();
    analyzer = new JarAnalyzer();
  }

  /** One analysis of the whole jar. */
  @Benchmark
  public ProgramModel analyze() {
    return analyzer.analyze(path, options);
  }

  /** The jar named, or commons-math3 where the build copies it (from the repository or module). */
  static Path resolve(String jar) {
    if (jar != null && !jar.isBlank()) {
      return existing(Path.of(jar));
    }
    for (String candidate :
        List.of(
            "benchmarks/target/bench-jars/commons-math3.jar",
            "target/bench-jars/commons-math3.jar")) {
      Path p = Path.of(candidate);
      if (Files.isRegularFile(p)) {
        return p.toAbsolutePath();
      }
    }
    throw new IllegalStateException(
        "commons-math3.jar not found under benchmarks/target/bench-jars: build the module first"
            + " (mvn -pl benchmarks -am package -DskipTests) or pass -p jar=<path>");
  }

  private static Path existing(Path p) {
    if (!Files.isRegularFile(p)) {
      throw new IllegalStateException("no such jar: " + p.toAbsolutePath());
    }
    return p.toAbsolutePath();
  }

  /**
   * Runs the benchmark with the GC profiler, then prints per-1,000-method figures and thread CPU
   * time. Arguments are JMH command-line options.
   */
  public static void main(String[] args) throws Exception {
    CommandLineOptions cli = new CommandLineOptions(args);
    OptionsBuilder builder = new OptionsBuilder();
    builder.parent(cli);
    if (cli.getIncludes().isEmpty()) {
      builder.include(AnalysisBenchmark.class.getName());
    }
    builder.addProfiler(GCProfiler.class);
    Collection<RunResult> results = new Runner(builder.build()).run();

    String jarParam =
        cli.getParameter("jar").hasValue() ? cli.getParameter("jar").get().iterator().next() : "";
    Path path = resolve(jarParam);
    AnalysisBenchmark bench = new AnalysisBenchmark();
    bench.jar = jarParam;
    bench.setUp();
    ProgramModel model = bench.analyze();
    int methods = model.methods().size();
    System.out.printf(
        Locale.ROOT,
        "%nJar %s: %,d classes, %,d methods, %,d call-graph edges%n",
        path.getFileName(),
        model.classCount(),
        methods,
        model.edges().size());
    for (RunResult r : results) {
      Result<?> primary = r.getPrimaryResult();
      double ms = primary.getScore();
      System.out.printf(
          Locale.ROOT,
          "Wall time per analysis: %.1f ± %.1f %s; per 1,000 methods: %.2f ms%n",
          ms,
          primary.getScoreError(),
          primary.getScoreUnit(),
          ms * 1000.0 / methods);
      Result<?> alloc = r.getSecondaryResults().get("gc.alloc.rate.norm");
      if (alloc != null) {
        double bytes = alloc.getScore();
        System.out.printf(
            Locale.ROOT,
            "Allocated per analysis: %.1f MB; per 1,000 methods: %.2f MB%n",
            bytes / 1e6,
            bytes / 1e6 * 1000.0 / methods);
      }
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long[] cpu = new long[5];
    for (int i = -3; i < cpu.length; i++) {
      long start = threads.getCurrentThreadCpuTime();
      bench.analyze();
      if (i >= 0) {
        cpu[i] = threads.getCurrentThreadCpuTime() - start;
      }
    }
    Arrays.sort(cpu);
    double cpuMs = cpu[cpu.length / 2] / 1e6;
    System.out.printf(
        Locale.ROOT,
        "Thread CPU time per analysis (median of 5 after 3 warm-up runs, this JVM): %.1f ms;"
            + " per 1,000 methods: %.2f ms%n",
        cpuMs,
        cpuMs * 1000.0 / methods);
  }
}
