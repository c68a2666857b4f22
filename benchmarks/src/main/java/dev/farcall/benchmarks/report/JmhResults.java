package dev.farcall.benchmarks.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * Turns JMH's {@code -rf json} output into an area's results file: one figure per benchmark and
 * parameter set whose repetitions are the measured iterations of all forks (JMH's own score is
 * their mean, which one stalled iteration on a shared machine moves a lot; the median does not),
 * with the targets of PERFORMANCE.md that apply to the area.
 *
 * <p>Run: {@code benchmarks/run.sh dev.farcall.benchmarks.report.JmhResults <area> <jmh.json>
 * <out.json> <load before> <start instant>} (the area scripts do).
 */
public final class JmhResults {

  private JmhResults() {}

  /** A target of PERFORMANCE.md on a figure's median. */
  record Target(String figure, String description, double bound, boolean atMost) {
    boolean met(double median) {
      return atMost ? median <= bound : median >= bound;
    }
  }

  /** A ratio figure: one benchmark's iterations over another's. */
  record Ratio(String numerator, String denominator, Optional<Target> target) {}

  /** What an area's results file says beyond JMH's numbers. */
  record Area(String title, List<String> notes, List<Target> targets, List<Ratio> ratios) {}

  static final Map<String, Area> AREAS =
      Map.of(
          "codec",
          new Area(
              "Codec: encode + decode of one argument record, Farcall against Avro",
              List.of(
                  "JMH average time per operation (1 fork, 3 warm-up and 5 measured iterations"
                      + " of 1 s, -prof gc); each measured iteration is a repetition.",
                  "small: a record of an int, a long, a 20- and a 40-char string, a double and an"
                      + " enum (about 90 bytes); large: a list of 12 of those (about 1 KiB)."
                      + " Reflect variants use POJOs (ReflectDatumReader cannot build records)."),
              List.of(new Target("farcallLarge", "under 2 µs (2,000 ns)", 2000, true)),
              List.of(
                  new Ratio(
                      "farcallSmall",
                      "avroGenericSmall",
                      Optional.of(
                          new Target("", "within 1.3x of GenericDatum (≤ 1.3)", 1.3, true))),
                  new Ratio("farcallLarge", "avroGenericLarge", Optional.empty()),
                  new Ratio("reflectSmall", "avroGenericSmall", Optional.empty()))),
          "placement",
          new Area(
              "Placement heuristics on synthetic programs",
              List.of(
                  "JMH average time per placement (1 fork, 3 warm-up and 5 measured iterations of"
                      + " 1 s, -prof gc) on SyntheticProblems.generate(methods, 42) with default"
                      + " tunables; each measured iteration is a repetition."),
              List.of(
                  new Target("place heuristic=greedy methods=10000", "under 50 ms", 50, true),
                  new Target("place heuristic=min-cut methods=10000", "under 500 ms", 500, true)),
              List.of()),
          "analysis",
          new Area(
              "Static analysis of commons-math3 3.6.1 (whole jar)",
              List.of(
                  "JMH average time per analysis of benchmarks/target/bench-jars/commons-math3.jar"
                      + " (1 fork, 3 warm-up and 5 measured iterations of 1 s, -prof gc) with"
                      + " default analysis options; each measured iteration is a repetition."),
              List.of(new Target("analyze", "under 3 s (3,000 ms)", 3000, true)),
              List.of()));

  public static void main(String[] args) throws IOException {
    String area = args[0];
    Area spec = AREAS.get(area);
    if (spec == null) {
      throw new IllegalArgumentException("no JMH area " + area + "; known: " + AREAS.keySet());
    }
    JsonNode runs = ResultsFile.JSON.readTree(Path.of(args[1]).toFile());
    ArrayNode figures = toFigures(runs, spec);
    ResultsFile.write(
        Path.of(args[2]),
        area,
        spec.title(),
        spec.notes(),
        figures,
        new ResultsFile.Span(
            Instant.parse(args[4]), Double.parseDouble(args[3]), ResultsFile.loadAverage()));
  }

  /** The figures of JMH's runs, then the area's ratios. */
  static ArrayNode toFigures(JsonNode runs, Area spec) {
    ArrayNode figures = ResultsFile.JSON.createArrayNode();
    Map<String, ObjectNode> byKey = new LinkedHashMap<>();
    for (JsonNode run : runs) {
      String key = key(run);
      JsonNode primary = run.path("primaryMetric");
      List<Double> iterations = new ArrayList<>();
      primary.path("rawData").forEach(fork -> fork.forEach(v -> iterations.add(v.asDouble())));
      String unit = primary.path("scoreUnit").asText().replace("/op", "");
      ObjectNode f = ResultsFile.figure(key + " (JMH wall clock)", unit, false, iterations);
      JsonNode alloc = run.path("secondaryMetrics").path("gc.alloc.rate.norm").path("score");
      if (alloc.isNumber()) {
        f.put(
            "note",
            String.format(Locale.ROOT, "%,.0f bytes allocated per operation", alloc.asDouble()));
      }
      for (Target t : spec.targets()) {
        if (t.figure().equals(key)) {
          ResultsFile.target(f, t.description(), t.met(f.path("median").asDouble()));
        }
      }
      byKey.put(key, f);
      figures.add(f);
    }
    for (Ratio r : spec.ratios()) {
      ObjectNode a = byKey.get(r.numerator());
      ObjectNode b = byKey.get(r.denominator());
      if (a == null || b == null) {
        continue;
      }
      List<Double> ratios = new ArrayList<>();
      for (int i = 0;
          i < Math.min(a.path("repetitions").size(), b.path("repetitions").size());
          i++) {
        ratios.add(
            a.path("repetitions").get(i).asDouble() / b.path("repetitions").get(i).asDouble());
      }
      ObjectNode f =
          ResultsFile.figure(r.numerator() + " ÷ " + r.denominator(), "x", false, ratios);
      f.put("note", "iteration i of one over iteration i of the other (seconds apart)");
      r.target()
          .ifPresent(
              t -> ResultsFile.target(f, t.description(), t.met(f.path("median").asDouble())));
      a.putObject("ratios")
          .put("to " + r.denominator(), a.path("median").asDouble() / b.path("median").asDouble());
      figures.add(f);
    }
    return figures;
  }

  /**
   * {@code method} or {@code method k=v ...} (parameters by name) for a parameterised run; an empty
   * parameter (analysis's default jar) is left out.
   */
  static String key(JsonNode run) {
    String benchmark = run.path("benchmark").asText();
    StringJoiner key = new StringJoiner(" ");
    key.add(benchmark.substring(benchmark.lastIndexOf('.') + 1));
    // sorted, so that a target names a parameter set whatever order JMH writes it in
    Map<String, String> params = new TreeMap<>();
    run.path("params")
        .fields()
        .forEachRemaining(p -> params.put(p.getKey(), p.getValue().asText()));
    params.forEach(
        (name, value) -> {
          if (!value.isEmpty()) {
            key.add(name + "=" + value);
          }
        });
    return key.toString();
  }
}
