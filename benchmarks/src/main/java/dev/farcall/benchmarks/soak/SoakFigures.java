package dev.farcall.benchmarks.soak;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.farcall.benchmarks.report.ResultsFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The soak's figures and curves from its samples: per metric, its median within each window as the
 * repetitions, and a flatness target comparing the last window with the first (a leak grows from
 * window to window; noise does not).
 */
final class SoakFigures {

  private static final ObjectMapper JSON = new ObjectMapper();

  private SoakFigures() {}

  /** A metric, how to read it from a sample, and how much the last window may exceed the first. */
  private record Metric(
      String name,
      String unit,
      ToDoubleFunction<SoakSampler.Sample> value,
      double factor,
      double slack) {

    String target() {
      String growth =
          factor == 1
              ? "+ " + SoakBenchmark.fmt(slack)
              : "× " + factor + " + " + SoakBenchmark.fmt(slack);
      return "flat: last window ≤ first window " + growth + " " + unit;
    }
  }

  private static final List<Metric> METRICS =
      List.of(
          new Metric("heap used after a full GC", "MiB", SoakSampler.Sample::heapMiB, 1.1, 16),
          new Metric("live threads", "threads", s -> s.threads(), 1, 5),
          new Metric("open file descriptors", "fds", s -> s.fileDescriptors(), 1, 20),
          new Metric("live child processes (run drivers)", "processes", s -> s.children(), 1, 1),
          new Metric("consumer lag, all groups", "records", s -> s.lag(), 1, 100));

  static ArrayNode figures(List<SoakSampler.Sample> samples, int windows) {
    ArrayNode figures = JSON.createArrayNode();
    for (Metric m : METRICS) {
      List<Double> medians = windowMedians(samples, windows, m.value());
      ObjectNode f = ResultsFile.figure(m.name(), m.unit(), false, medians);
      double first = medians.get(0);
      double last = medians.get(medians.size() - 1);
      ResultsFile.target(f, m.target(), last <= first * m.factor() + m.slack());
      f.put(
          "note",
          String.format(
              Locale.ROOT,
              "first window %.1f, last %.1f; over all samples min %.1f, max %.1f",
              first,
              last,
              samples.stream().mapToDouble(m.value()).min().orElseThrow(),
              samples.stream().mapToDouble(m.value()).max().orElseThrow()));
      figures.add(f);
    }
    return figures;
  }

  /** The curves: every metric against minutes since sampling began. */
  static ObjectNode series(List<SoakSampler.Sample> samples) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode all = root.putArray("series");
    for (Metric m : METRICS) {
      ObjectNode s = all.addObject();
      s.put("name", m.name());
      s.put("unit", m.unit());
      ArrayNode points = s.putArray("points");
      for (SoakSampler.Sample sample : samples) {
        points
            .addArray()
            .add(Math.round(sample.seconds() / 6) / 10.0)
            .add(m.value().applyAsDouble(sample));
      }
    }
    return root;
  }

  private static List<Double> windowMedians(
      List<SoakSampler.Sample> samples, int windows, ToDoubleFunction<SoakSampler.Sample> value) {
    List<Double> medians = new ArrayList<>();
    int n = samples.size();
    for (int w = 0; w < windows; w++) {
      List<Double> in = new ArrayList<>();
      for (int i = w * n / windows; i < (w + 1) * n / windows; i++) {
        in.add(value.applyAsDouble(samples.get(i)));
      }
      medians.add(ResultsFile.median(in));
    }
    return medians;
  }
}
