package dev.farcall.benchmarks.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One area's results file as {@link ReportGenerator} reads it. Reading refuses a figure with fewer
 * than {@link ResultsFile#MIN_REPETITIONS} repetitions: its median would be one run's luck.
 *
 * @param file the results file's name, for the report to point at
 * @param targets a pass/fail campaign's targets (the fuzz area), empty for a measured area
 * @param series named (x, y) series some areas record beside their figures
 */
record AreaResults(
    String file,
    Header header,
    List<String> notes,
    List<Figure> figures,
    List<Map<String, String>> targets,
    List<Series> series) {

  /** What the area is and when, where and under what load it ran. */
  record Header(
      String area,
      String title,
      String date,
      Machine machine,
      double loadBefore,
      double loadAfter) {}

  String area() {
    return header.area();
  }

  String title() {
    return header.title();
  }

  String date() {
    return header.date();
  }

  Machine machine() {
    return header.machine();
  }

  double loadBefore() {
    return header.loadBefore();
  }

  double loadAfter() {
    return header.loadAfter();
  }

  /** The machine facts an area recorded; absent ones are empty. */
  record Machine(int cpus, String memoryGiB, String java, String os) {}

  /** What a figure is judged against, judged on its median. */
  record Target(String description, boolean met) {}

  /** A figure's repetitions and the median, min and max the area computed from them. */
  record Spread(List<Double> repetitions, double median, double min, double max) {}

  /** One figure: its repetitions and what the area computed from them. */
  record Figure(
      String name,
      String unit,
      Spread spread,
      Optional<Target> target,
      Map<String, Double> ratios,
      Optional<String> note) {

    List<Double> repetitions() {
      return spread.repetitions();
    }

    double median() {
      return spread.median();
    }

    double min() {
      return spread.min();
    }

    double max() {
      return spread.max();
    }
  }

  /** A line of points, for example calls/s by worker containers. */
  record Series(String name, String unit, List<double[]> points) {}

  static AreaResults read(Path path) throws IOException {
    return parse(path.getFileName().toString(), ResultsFile.JSON.readTree(path.toFile()));
  }

  static AreaResults parse(String file, JsonNode d) {
    JsonNode m = d.path("machine");
    Machine machine =
        new Machine(
            m.path("cpus").asInt(),
            m.path("memoryGiB").asText(""),
            m.path("java").asText(""),
            m.path("os").asText(""));
    List<String> notes = new ArrayList<>();
    d.path("notes").forEach(n -> notes.add(n.asText()));
    List<Figure> figures = new ArrayList<>();
    d.path("figures").forEach(f -> figures.add(figure(d.path("area").asText(), f)));
    List<Map<String, String>> targets = new ArrayList<>();
    d.path("targets")
        .forEach(
            t -> {
              Map<String, String> row = new LinkedHashMap<>();
              t.fields().forEachRemaining(e -> row.put(e.getKey(), e.getValue().asText()));
              targets.add(row);
            });
    List<Series> series = new ArrayList<>();
    d.path("series")
        .forEach(
            s -> {
              List<double[]> points = new ArrayList<>();
              s.path("points")
                  .forEach(
                      p -> points.add(new double[] {p.get(0).asDouble(), p.get(1).asDouble()}));
              series.add(new Series(s.path("name").asText(), s.path("unit").asText(), points));
            });
    Header header =
        new Header(
            d.path("area").asText(),
            d.path("title").asText(),
            d.path("date").asText(),
            machine,
            d.path("loadAverage").path("before").asDouble(),
            d.path("loadAverage").path("after").asDouble());
    return new AreaResults(file, header, notes, figures, targets, series);
  }

  private static Figure figure(String area, JsonNode f) {
    List<Double> reps = new ArrayList<>();
    f.path("repetitions").forEach(r -> reps.add(r.asDouble()));
    String name = f.path("name").asText();
    if (reps.size() < ResultsFile.MIN_REPETITIONS) {
      throw new IllegalArgumentException(
          area
              + ": figure \""
              + name
              + "\" has "
              + reps.size()
              + " repetitions, at least "
              + ResultsFile.MIN_REPETITIONS
              + " needed");
    }
    JsonNode t = f.path("target");
    Optional<Target> target =
        t.isObject()
            ? Optional.of(new Target(t.path("description").asText(), t.path("met").asBoolean()))
            : Optional.empty();
    Map<String, Double> ratios = new LinkedHashMap<>();
    f.path("ratios")
        .fields()
        .forEachRemaining(e -> ratios.put(e.getKey(), e.getValue().asDouble()));
    Spread spread =
        new Spread(
            reps, f.path("median").asDouble(), f.path("min").asDouble(), f.path("max").asDouble());
    return new Figure(
        name,
        f.path("unit").asText(),
        spread,
        target,
        ratios,
        f.hasNonNull("note") ? Optional.of(f.path("note").asText()) : Optional.empty());
  }
}
