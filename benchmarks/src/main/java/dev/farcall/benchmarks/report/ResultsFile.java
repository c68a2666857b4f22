package dev.farcall.benchmarks.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The one writer of {@code benchmarks/results/<area>.json}, the convention {@link ReportGenerator}
 * reads: area, title, date, machine, load average before and after, notes and figures (name, unit,
 * higherIsBetter, repetitions, median, min, max, optional target, ratios and note). The Java area
 * benchmarks write through it; the Python ones through {@code benchmarks/areas/results.py}, which
 * writes the same fields.
 */
public final class ResultsFile {

  /** Fewer repetitions give a median that one stalled run on a shared machine decides. */
  public static final int MIN_REPETITIONS = 5;

  static final ObjectMapper JSON = new ObjectMapper();

  private ResultsFile() {}

  /** The load average now, recorded before and after each area's measurements. */
  public static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  /**
   * A figure of at least {@link #MIN_REPETITIONS} repetitions with their median, min and max.
   *
   * @throws IllegalArgumentException with fewer repetitions
   */
  public static ObjectNode figure(
      String name, String unit, boolean higherIsBetter, List<Double> repetitions) {
    if (repetitions.size() < MIN_REPETITIONS) {
      throw new IllegalArgumentException(
          name + ": " + repetitions.size() + " repetitions, at least " + MIN_REPETITIONS);
    }
    return draftFigure(name, unit, higherIsBetter, repetitions);
  }

  /**
   * The same figure of any number of repetitions (median, min and max NaN of none), for printing
   * the figures of a run that may be too short to be written; {@link #figure} for a results file.
   */
  public static ObjectNode draftFigure(
      String name, String unit, boolean higherIsBetter, List<Double> repetitions) {
    ObjectNode f = JSON.createObjectNode();
    f.put("name", name);
    f.put("unit", unit);
    f.put("higherIsBetter", higherIsBetter);
    ArrayNode reps = f.putArray("repetitions");
    repetitions.forEach(reps::add);
    f.put("median", median(repetitions));
    f.put("min", repetitions.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN));
    f.put("max", repetitions.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN));
    return f;
  }

  /** Adds a target to {@code figure}, judged on its median. */
  public static ObjectNode target(ObjectNode figure, String description, boolean met) {
    figure.putObject("target").put("description", description).put("met", met);
    return figure;
  }

  /** The median; the mean of the middle two for an even count. */
  public static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int n = sorted.length;
    if (n == 0) {
      return Double.NaN;
    }
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** Writes {@code benchmarks/results/<area>.json} (relative to the repository root). */
  public static Path write(
      String area,
      String title,
      List<String> noteLines,
      ArrayNode figures,
      Instant date,
      double loadBefore,
      double loadAfter)
      throws IOException {
    return write(
        Path.of("benchmarks", "results", area + ".json"),
        area,
        title,
        noteLines,
        figures,
        new Span(date, loadBefore, loadAfter));
  }

  /** When an area's measurements began and the load average before and after them. */
  public record Span(Instant date, double loadBefore, double loadAfter) {}

  /** Writes the results file {@code out}. */
  public static Path write(
      Path out, String area, String title, List<String> noteLines, ArrayNode figures, Span span)
      throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("area", area);
    root.put("title", title);
    root.put("date", span.date().toString());
    ObjectNode machine = root.putObject("machine");
    machine.put("cpus", Runtime.getRuntime().availableProcessors());
    machine.put(
        "memoryGiB",
        Math.round(
            ((com.sun.management.OperatingSystemMXBean)
                        ManagementFactory.getOperatingSystemMXBean())
                    .getTotalMemorySize()
                / (1024.0 * 1024 * 1024)));
    machine.put("java", System.getProperty("java.version"));
    machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    root.putObject("loadAverage").put("before", span.loadBefore()).put("after", span.loadAfter());
    ArrayNode notes = root.putArray("notes");
    noteLines.forEach(notes::add);
    root.set("figures", figures);
    if (out.getParent() != null) {
      Files.createDirectories(out.getParent());
    }
    JSON.writerWithDefaultPrettyPrinter().writeValue(out.toFile(), root);
    System.out.println("wrote " + out.toAbsolutePath());
    return out;
  }
}
