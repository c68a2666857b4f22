package dev.farcall.benchmarks.compose;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the compose benchmark measured, written as {@code benchmarks/results/compose.json} in the
 * shared results format (area, machine, load, notes, figures with repetitions, median, min, max and
 * ratios measured in the same run, series).
 */
final class ComposeResults {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final int repetitions;
  private final Map<Integer, List<Double>> throughput = new LinkedHashMap<>();
  private final List<Double> ready = new ArrayList<>();
  private final List<Double> alive = new ArrayList<>();
  private Instant date;
  private double loadBefore;
  private double loadAfter;

  ComposeResults(int repetitions) {
    this.repetitions = repetitions;
    for (int workers : ComposeBenchmark.WORKER_COUNTS) {
      throughput.put(workers, new ArrayList<>());
    }
  }

  void start() {
    date = Instant.now();
    loadBefore = loadAverage();
  }

  void finish() {
    loadAfter = loadAverage();
  }

  void throughput(int workers, double perSecond) {
    throughput.get(workers).add(perSecond);
  }

  void startup(double readySeconds, double aliveSeconds) {
    ready.add(readySeconds);
    alive.add(aliveSeconds);
  }

  void write(Path file) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("area", "compose");
    root.put("title", "docker-compose stack with podman: worker containers and start-up");
    root.put("date", date.toString());
    ObjectNode machine = root.putObject("machine");
    machine.put("cpus", Runtime.getRuntime().availableProcessors());
    machine.put("memoryGiB", Math.round(memoryBytes() / (1024.0 * 1024 * 1024)));
    machine.put("java", System.getProperty("java.version"));
    machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    ObjectNode load = root.putObject("loadAverage");
    load.put("before", loadBefore);
    load.put("after", loadAfter);
    ArrayNode notes = root.putArray("notes");
    notes.add(
        "The repository's docker-compose.yml run with podman-compose 1.0.3 (rootful podman, runc,"
            + " netavark bridge network) on one 2-core machine: broker, database, coordinator and"
            + " workers are containers on the same 2 cores, so more worker containers cannot add"
            + " capacity; the ratios show what real container networking and more consumers cost"
            + " there, not scaling.");
    notes.add(
        "Throughput: POST /api/v1/programs/{id}/invocations of Work.noop from the host through the"
            + " published port, "
            + ComposeBenchmark.IN_FLIGHT
            + " in flight, "
            + ComposeBenchmark.CALLS
            + " calls after "
            + ComposeBenchmark.WARM_UP_CALLS
            + " unmeasured ones; one stack of 4 workers, of which 1, 2 and 4 run (the others"
            + " stopped, the running ones holding all 12 partitions), the three counts"
            + " interleaved in each repetition.");
    notes.add(
        "Start-up: `podman-compose up -d` of a new project with fresh volumes (PostgreSQL"
            + " initialises, Flyway migrates, the coordinator creates the topics) until the"
            + " readiness probe answers UP, and until GET /workers lists 3 workers ALIVE; images"
            + " built beforehand. Broker and database images: farcall/kafka-embedded and"
            + " farcall/postgres-debian (no registry is reachable here).");
    int cpus = Runtime.getRuntime().availableProcessors();
    if (Math.max(loadBefore, loadAfter) > 2 * cpus) {
      notes.add(
          String.format(
              Locale.ROOT,
              "A loaded machine: the load average was %.0f before and %.0f after (%d CPUs), other"
                  + " work sharing the cores with the stack; the spread between repetitions is"
                  + " mostly that load, and the ratios of medians carry little beyond it.",
              loadBefore,
              loadAfter,
              cpus));
    }
    ArrayNode figures = root.putArray("figures");
    double oneWorker = median(throughput.get(1));
    ArrayNode points = JSON.createArrayNode();
    throughput.forEach(
        (workers, values) -> {
          ObjectNode figure =
              figure(
                  figures,
                  "Pipelined no-op invocations over REST, "
                      + workers
                      + " worker container"
                      + (workers == 1 ? "" : "s"),
                  "calls/s",
                  true,
                  values);
          if (workers != 1) {
            figure.putObject("ratios").put("to 1 worker container", median(values) / oneWorker);
          }
          points.add(JSON.createArrayNode().add(workers).add(median(values)));
        });
    figure(figures, "Time from up to the coordinator ready", "s", false, ready);
    figure(figures, "Time from up to 3 workers ALIVE", "s", false, alive);
    ObjectNode series = root.putArray("series").addObject();
    series.put("name", "Pipelined no-op invocations by worker containers (median)");
    series.put("unit", "calls/s");
    series.set("points", points);
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
  }

  String summary() {
    StringBuilder s = new StringBuilder("\nMedians of " + repetitions + " repetitions:\n");
    double one = median(throughput.get(1));
    throughput.forEach(
        (workers, values) ->
            s.append(
                String.format(
                    Locale.ROOT,
                    "  %d worker container(s): %,.0f calls/s (min %,.0f, max %,.0f), %.2fx of 1%n",
                    workers,
                    median(values),
                    min(values),
                    max(values),
                    median(values) / one)));
    s.append(
        String.format(
            Locale.ROOT,
            "  up to coordinator ready: %.1f s; up to 3 workers ALIVE: %.1f s (min %.1f, max %.1f)%n",
            median(ready),
            median(alive),
            min(alive),
            max(alive)));
    return s.toString();
  }

  private static ObjectNode figure(
      ArrayNode figures, String name, String unit, boolean higherIsBetter, List<Double> values) {
    ObjectNode figure = figures.addObject();
    figure.put("name", name);
    figure.put("unit", unit);
    figure.put("higherIsBetter", higherIsBetter);
    ArrayNode repetitions = figure.putArray("repetitions");
    values.forEach(v -> repetitions.add(round(v)));
    figure.put("median", round(median(values)));
    figure.put("min", round(min(values)));
    figure.put("max", round(max(values)));
    return figure;
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }

  static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static double min(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
  }

  private static double max(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
  }

  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static long memoryBytes() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getTotalMemorySize();
    }
    return Runtime.getRuntime().maxMemory();
  }
}
