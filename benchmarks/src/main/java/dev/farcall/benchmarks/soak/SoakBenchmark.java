package dev.farcall.benchmarks.soak;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.farcall.benchmarks.e2e.FarcallCluster;
import dev.farcall.benchmarks.report.ResultsFile;
import dev.farcall.kafka.EmbeddedKafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The soak area (issue 12, item 7): a cluster (embedded broker, coordinator, 2 workers, in this
 * JVM) under bounded mixed load for a long time, sampled for what leaks. The load ({@link
 * SoakLoad}) is explicit invocations at a fixed pace, runs one after another (a program with remote
 * calls on eight threads, and one with a remote object), and an upload of a new jar every minute
 * that is deleted once analysed, so that stored data stays bounded. Every 15 s {@link SoakSampler}
 * records the heap after a full GC, live threads, open file descriptors, child processes (run
 * drivers) and the lag of every consumer group. The measured time is cut into windows after a
 * warm-up; each figure's repetitions are its medians within each window, and a flatness target
 * compares the last window with the first. Writes {@code benchmarks/results/soak.json}.
 *
 * <p>{@code SoakBenchmark [measured minutes, 30] [windows, 6] [warm-up minutes, 2]}; {@code
 * SoakBenchmark --refigure <soak.json> [windows]} figures a recorded soak again from its curves.
 */
public final class SoakBenchmark {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration SAMPLE_EVERY = Duration.ofSeconds(15);

  private SoakBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("--refigure")) {
      refigure(Path.of(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 6);
      return;
    }
    double minutes = args.length > 0 ? Double.parseDouble(args[0]) : 30;
    int windows = args.length > 1 ? Integer.parseInt(args[1]) : 6;
    double warmUpMinutes = args.length > 2 ? Double.parseDouble(args[2]) : 2;
    if (windows < ResultsFile.MIN_REPETITIONS) {
      throw new IllegalArgumentException("at least " + ResultsFile.MIN_REPETITIONS + " windows");
    }
    double loadBefore = ResultsFile.loadAverage();
    Instant began = Instant.now();
    Path dir = Files.createTempDirectory("farcall-soak-");
    List<SoakSampler.Sample> samples;
    SoakLoad.Counts counts;
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0, true);
        FarcallCluster cluster = FarcallCluster.start(broker.bootstrapServers(), dir, 2);
        SoakSampler sampler = new SoakSampler(broker.bootstrapServers())) {
      try (SoakLoad load = SoakLoad.start(cluster)) {
        long warmUpEnd = System.nanoTime() + (long) (warmUpMinutes * 60e9);
        sleepUntil(warmUpEnd);
        sampler.start(SAMPLE_EVERY);
        sleepUntil(warmUpEnd + (long) (minutes * 60e9));
        sampler.stop();
        counts = load.stop();
      }
      samples = sampler.samples();
    } finally {
      deleteRecursively(dir);
    }
    if (samples.size() < windows * 2) {
      throw new IllegalStateException(samples.size() + " samples for " + windows + " windows");
    }
    ArrayNode figures = SoakFigures.figures(samples, windows);
    ObjectNode series = SoakFigures.series(samples);
    Path out =
        ResultsFile.write(
            "soak",
            "Soak: " + fmt(minutes) + " minutes of bounded mixed load",
            notes(minutes, windows, warmUpMinutes, counts),
            figures,
            began,
            loadBefore,
            ResultsFile.loadAverage());
    // the report draws an area's recorded series as lines: the curves of the soak
    ObjectNode root = (ObjectNode) JSON.readTree(out.toFile());
    root.set("series", series.get("series"));
    JSON.writerWithDefaultPrettyPrinter().writeValue(out.toFile(), root);
    System.out.println(counts);
    if (counts.failures() > 0) {
      System.out.println("FAILURES: " + counts.failureExamples());
      System.exit(1);
    }
  }

  /** Replaces the figures of a recorded soak by those its curves give now. */
  private static void refigure(Path file, int windows) throws java.io.IOException {
    ObjectNode root = (ObjectNode) JSON.readTree(file.toFile());
    List<SoakSampler.Sample> samples = SoakFigures.samplesFrom(root.get("series"));
    root.set("figures", SoakFigures.figures(samples, windows));
    JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
    System.out.println("refigured " + file + " from " + samples.size() + " samples");
  }

  private static List<String> notes(
      double minutes, int windows, double warmUpMinutes, SoakLoad.Counts counts) {
    List<String> notes = new ArrayList<>();
    notes.add(
        "One JVM holding an embedded KRaft broker, the coordinator (H2) and 2 workers"
            + " (FarcallCluster, services' default settings); each run is a driver JVM of its own."
            + " Load: "
            + SoakLoad.describe()
            + ".");
    notes.add(
        "After a "
            + fmt(warmUpMinutes)
            + "-minute warm-up, "
            + fmt(minutes)
            + " minutes sampled every "
            + SAMPLE_EVERY.toSeconds()
            + " s (heap used right after System.gc(), live threads of this JVM, open file"
            + " descriptors of this process, live child processes, the sum of every consumer"
            + " group's lag), cut into "
            + windows
            + " windows: a figure's repetitions are its medians within each window, and a flatness"
            + " target compares the last window with the first.");
    notes.add(
        String.format(
            Locale.ROOT,
            "Load done in all (warm-up included): %,d invocations, %,d runs (every output checked against"
                + " plain java's), %,d uploads analysed and deleted; %d failures.",
            counts.invocations(),
            counts.runs(),
            counts.uploads(),
            counts.failures()));
    return notes;
  }

  static String fmt(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }

  private static void sleepUntil(long nanos) throws InterruptedException {
    long left;
    while ((left = nanos - System.nanoTime()) > 0) {
      TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.SECONDS.toNanos(5)));
    }
  }

  private static void deleteRecursively(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (java.io.IOException e) {
      System.err.println("could not delete " + dir + ": " + e);
    }
  }
}
