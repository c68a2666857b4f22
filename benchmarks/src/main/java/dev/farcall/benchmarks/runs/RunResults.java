package dev.farcall.benchmarks.runs;

import dev.farcall.benchmarks.report.ResultsFile;
import dev.farcall.benchmarks.runs.RunBenchmark.RunResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The run benchmark's timings, per row (a program and the plan it ran with) and per cluster size,
 * beside the plain runs interleaved with them, and the two tables of medians printed from them.
 */
final class RunResults {

  // row label -> workers -> results; plain times per program per phase (workers)
  private final Map<String, Map<Integer, List<RunResult>>> results = new LinkedHashMap<>();
  private final Map<String, String> rowProgram = new LinkedHashMap<>();
  private final Map<String, Map<Integer, List<Double>>> plainTimes = new LinkedHashMap<>();
  // the same program's main called in this JVM, beside the cluster (see PlainRuns.inThisJvm)
  private final Map<String, Map<Integer, List<Double>>> sameJvmTimes = new LinkedHashMap<>();

  /** The list for the plain runs of {@code program} in the phase of {@code workers}. */
  List<Double> plainTimes(String program, int workers) {
    List<Double> plain = new ArrayList<>();
    plainTimes.computeIfAbsent(program, k -> new LinkedHashMap<>()).put(workers, plain);
    return plain;
  }

  /**
   * The list for the runs of {@code program}'s main in this JVM in the phase of {@code workers}.
   */
  List<Double> sameJvmTimes(String program, int workers) {
    List<Double> sameJvm = new ArrayList<>();
    sameJvmTimes.computeIfAbsent(program, k -> new LinkedHashMap<>()).put(workers, sameJvm);
    return sameJvm;
  }

  /** The list for the Farcall runs of {@code row} (of {@code program}) on {@code workers}. */
  List<RunResult> row(String row, String program, int workers) {
    rowProgram.put(row, program);
    List<RunResult> list = new ArrayList<>();
    results.computeIfAbsent(row, k -> new LinkedHashMap<>()).put(workers, list);
    return list;
  }

  /**
   * Prints the medians against the plain runs in child JVMs, then against the program's main called
   * in this JVM.
   */
  void print(int repetitions) {
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
    for (String row : results.keySet()) {
      String[] parts = row.split(" \\| ");
      List<RunResult> one = runs(row, 1);
      List<RunResult> two = runs(row, 2);
      boolean same =
          Stream.concat(one.stream(), two.stream())
              .allMatch(r -> r.sameOutput() && r.status().equals("SUCCEEDED"));
      System.out.printf(
          Locale.ROOT,
          "| %s | %s | %s | %s | %s; %s | %s |%n",
          parts[0],
          parts[1],
          against(plainTimes, row, 1),
          against(plainTimes, row, 2),
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
    for (String row : results.keySet()) {
      String[] parts = row.split(" \\| ");
      System.out.printf(
          Locale.ROOT,
          "| %s | %s | %s | %s |%n",
          parts[0],
          parts[1],
          against(sameJvmTimes, row, 1),
          against(sameJvmTimes, row, 2));
    }
  }

  private List<RunResult> runs(String row, int workers) {
    return results.get(row).getOrDefault(workers, List.of());
  }

  /**
   * The cells "baseline | Farcall | ratio": the median of {@code times} of {@code row}'s program in
   * the phase of {@code workers}, the median of the row's Farcall runs there, and their ratio.
   */
  private String against(Map<String, Map<Integer, List<Double>>> times, String row, int workers) {
    double baseline =
        ResultsFile.median(times.get(rowProgram.get(row)).getOrDefault(workers, List.of()));
    List<RunResult> list = runs(row, workers);
    return String.format(
        Locale.ROOT, "%.2f s | %s | %s", baseline, cell(list), ratio(list, baseline));
  }

  private static String calls(List<RunResult> list) {
    return list.isEmpty()
        ? "–"
        : list.get(list.size() - 1).remoteCalls() + " / " + list.get(list.size() - 1).localCalls();
  }

  private static String cell(List<RunResult> list) {
    return list.isEmpty() ? "failed" : String.format(Locale.ROOT, "%.2f s", medianSeconds(list));
  }

  private static String ratio(List<RunResult> list, double plain) {
    return list.isEmpty() ? "–" : String.format(Locale.ROOT, "%.2f×", medianSeconds(list) / plain);
  }

  private static double medianSeconds(List<RunResult> list) {
    return ResultsFile.median(list.stream().map(RunResult::seconds).toList());
  }
}
