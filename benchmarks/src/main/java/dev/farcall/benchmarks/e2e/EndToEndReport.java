package dev.farcall.benchmarks.e2e;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The end-to-end benchmark's printed report: the medians of every measurement over the repetitions,
 * and the ratios of the medians with the targets they are held to. (The results file is {@link
 * EndToEndResults}'s.)
 */
final class EndToEndReport {

  private EndToEndReport() {}

  private static double median(List<Result> list, ToDoubleFunction<Result> field) {
    double[] values = list.stream().mapToDouble(field).sorted().toArray();
    int n = values.length;
    return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
  }

  /** Prints the median of every figure, then the ratios of the medians against their targets. */
  static void print(Map<String, List<Result>> results, int repetitions) {
    System.out.printf(
        Locale.ROOT,
        "%nMedians of %d repetitions (p50/p99 in µs of round trip; throughput in calls/s):%n%n",
        repetitions);
    System.out.println("| what | p50 µs | p99 µs | calls/s |");
    System.out.println("| --- | ---: | ---: | ---: |");
    Map<String, double[]> medians = new LinkedHashMap<>();
    results.forEach(
        (name, list) -> {
          double p50 = median(list, Result::p50Micros);
          double p99 = median(list, Result::p99Micros);
          double rate = median(list, Result::perSecond);
          medians.put(name, new double[] {p50, p99, rate});
          System.out.printf(
              Locale.ROOT,
              "| %s | %s | %s | %,.0f |%n",
              name,
              p50 < 0 ? "–" : String.format(Locale.ROOT, "%,.0f", p50),
              p99 < 0 ? "–" : String.format(Locale.ROOT, "%,.0f", p99),
              rate);
        });
    double[] raw1 = find(medians, "raw Kafka, 1 in flight");
    double[] rawP = find(medians, "raw Kafka, pipelined");
    double[] far1 = find(medians, "Farcall Dispatcher, 1 in flight");
    double[] farP = find(medians, "Farcall Dispatcher, " + EndToEndRound.FARCALL_IN_FLIGHT);
    double[] farB = find(medians, "Farcall Dispatcher, batches");
    double[] rmi1 = find(medians, "Java RMI, 1 caller");
    double[] rmi32 = find(medians, "Java RMI, 32 callers");
    double[] hzSync = find(medians, "Hazelcast submitToMember, sync");
    double[] hzAsync = find(medians, "Hazelcast submitToMember, async");
    System.out.println();
    System.out.println("| ratio (of medians) | value | target | meets target? |");
    System.out.println("| --- | ---: | --- | --- |");
    ratio("Farcall 1-in-flight p50 / raw Kafka p50", far1, raw1, 0, Target.AT_MOST, 1.5);
    ratio("Farcall 1-in-flight p99 / raw Kafka p99", far1, raw1, 1, Target.AT_MOST, 1.5);
    ratio("Farcall pipelined calls/s / raw Kafka pipelined", farP, rawP, 2, Target.AT_LEAST, 0.5);
    ratio("Farcall batched calls/s / raw Kafka pipelined", farB, rawP, 2, Target.NONE, 0);
    ratio("Farcall pipelined calls/s / Hazelcast async", farP, hzAsync, 2, Target.ABOVE, 1);
    ratio("Farcall batched calls/s / Hazelcast async", farB, hzAsync, 2, Target.ABOVE, 1);
    ratio("Farcall pipelined calls/s / RMI 32 callers", farP, rmi32, 2, Target.ABOVE, 1);
    ratio("Farcall batched calls/s / RMI 32 callers", farB, rmi32, 2, Target.ABOVE, 1);
    ratio("Farcall 1-in-flight p50 / RMI 1 caller p50", far1, rmi1, 0, Target.NONE, 0);
    ratio("Farcall 1-in-flight p50 / Hazelcast sync p50", far1, hzSync, 0, Target.NONE, 0);
  }

  private enum Target {
    AT_MOST("≤ "),
    AT_LEAST("≥ "),
    ABOVE("> "),
    NONE("");

    final String symbol;

    Target(String symbol) {
      this.symbol = symbol;
    }
  }

  private static double[] find(Map<String, double[]> medians, String prefix) {
    return medians.entrySet().stream()
        .filter(e -> e.getKey().startsWith(prefix))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse(null);
  }

  /** Prints {@code a[field] / b[field]} when both were measured. */
  private static void ratio(
      String name, double[] a, double[] b, int field, Target target, double bound) {
    if (a == null || b == null) {
      return;
    }
    double value = a[field] / b[field];
    String meets =
        switch (target) {
          case AT_MOST -> value <= bound ? "yes" : "no";
          case AT_LEAST -> value >= bound ? "yes" : "no";
          case ABOVE -> value > bound ? "yes" : "no";
          case NONE -> "–";
        };
    String goal =
        target == Target.NONE
            ? "(information)"
            : target.symbol + String.format(Locale.ROOT, "%.1f", bound);
    System.out.printf(Locale.ROOT, "| %s | %.2f× | %s | %s |%n", name, value, goal, meets);
  }
}
