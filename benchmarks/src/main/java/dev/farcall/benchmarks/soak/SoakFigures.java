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

  /**
   * A metric, how to read it from a sample, and how much the last window may exceed the first; or,
   * with {@code max} set, the most a window's highest reading may be (child processes come and go
   * with each run, so their median says when the samples fell, not whether they pile up).
   */
  private record Metric(
      String name,
      String unit,
      ToDoubleFunction<SoakSampler.Sample> value,
      double factor,
      double slack,
      double max) {

    Metric(
        String name,
        String unit,
        ToDoubleFunction<SoakSampler.Sample> value,
        double factor,
        double slack) {
      this(name, unit, value, factor, slack, Double.NaN);
    }

    boolean bounded() {
      return !Double.isNaN(max);
    }

    boolean met(List<Double> windows) {
      if (bounded()) {
        return windows.stream().allMatch(w -> w <= max);
      }
      return windows.get(windows.size() - 1) <= windows.get(0) * factor + slack;
    }

    String target() {
      if (bounded()) {
        return "bounded: every window's highest ≤ " + SoakBenchmark.fmt(max) + " " + unit;
      }
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
          new Metric(
              "live child processes (run drivers), highest per window",
              "processes",
              s -> s.children(),
              1,
              0,
              2),
          new Metric("consumer lag, all groups", "records", s -> s.lag(), 1, 100));

  static ArrayNode figures(List<SoakSampler.Sample> samples, int windows) {
    ArrayNode figures = JSON.createArrayNode();
    for (Metric m : METRICS) {
      List<Double> medians = perWindow(samples, windows, m);
      ObjectNode f = ResultsFile.figure(m.name(), m.unit(), false, medians);
      double first = medians.get(0);
      double last = medians.get(medians.size() - 1);
      ResultsFile.target(f, m.target(), m.met(medians));
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

  /**
   * The samples back from the curves {@link #series} recorded (minutes, then each metric in {@link
   * #METRICS}' order), to figure a recorded soak again.
   */
  static List<SoakSampler.Sample> samplesFrom(com.fasterxml.jackson.databind.JsonNode series) {
    List<SoakSampler.Sample> samples = new ArrayList<>();
    for (int i = 0; i < series.get(0).get("points").size(); i++) {
      double[] v = new double[METRICS.size()];
      for (int m = 0; m < METRICS.size(); m++) {
        v[m] = series.get(m).get("points").get(i).get(1).asDouble();
      }
      double minutes = series.get(0).get("points").get(i).get(0).asDouble();
      samples.add(
          new SoakSampler.Sample(
              minutes * 60, v[0], (int) v[1], (long) v[2], (long) v[3], (long) v[4]));
    }
    return samples;
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

  /** Each window's median of the metric (its highest, for a bounded one). */
  private static List<Double> perWindow(List<SoakSampler.Sample> samples, int windows, Metric m) {
    ToDoubleFunction<SoakSampler.Sample> value = m.value();
    List<Double> medians = new ArrayList<>();
    int n = samples.size();
    for (int w = 0; w < windows; w++) {
      List<Double> in = new ArrayList<>();
      for (int i = w * n / windows; i < (w + 1) * n / windows; i++) {
        in.add(value.applyAsDouble(samples.get(i)));
      }
      medians.add(
          m.bounded()
              ? in.stream().mapToDouble(Double::doubleValue).max().orElseThrow()
              : ResultsFile.median(in));
    }
    return medians;
  }
}
