package dev.farcall.benchmarks.objects;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.farcall.benchmarks.e2e.ChildJvm;
import dev.farcall.benchmarks.e2e.FarcallCluster;
import dev.farcall.benchmarks.e2e.RawKafkaRequestReply;
import dev.farcall.benchmarks.e2e.RmiPeer;
import dev.farcall.benchmarks.report.ResultsFile;
import dev.farcall.dispatch.objects.RemoteObjects;
import dev.farcall.driver.objects.RunObjects;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Issue 11's remote-objects benchmark (area "objects"): calls to remote counter objects through
 * Farcall and through Java RMI's remote objects, side by side in one run, with the raw Kafka
 * request/reply floor. Per system and repetition: 1 caller calling {@code add} one at a time on one
 * object, and 8 callers each calling its own object (8 objects), each for a fixed time after an
 * unmeasured warm-up, giving calls per second and the round trip's p50 and p99.
 *
 * <p>Each system is measured alone: every repetition starts the system's processes, measures and
 * stops them before the next system starts, in an order rotated from one repetition to the next.
 * This JVM only starts the child JVMs and waits for them:
 *
 * <ul>
 *   <li>Farcall: one child JVM holds an embedded broker, the coordinator and {@value #WORKERS}
 *       workers ({@link FarcallCluster}, default settings) and the callers, which create and call
 *       the objects through the run driver's Java path ({@link RunObjects}, its remote refs, {@link
 *       RemoteObjects}) over the coordinator's {@code CallDispatcher};
 *   <li>Java RMI: a server JVM exports a counter factory; a client JVM creates {@code
 *       UnicastRemoteObject} counters through it and calls them;
 *   <li>raw Kafka: one child JVM holds an embedded broker and {@link RawKafkaRequestReply}, one
 *       request at a time: the floor of Farcall's round trip.
 * </ul>
 *
 * <p>Every call's returned value is checked against the sum of what its caller added, and each
 * object's final value against everything added to it; a mismatch fails the run.
 *
 * <p>This class starts the phases' child JVMs and writes the results; each phase is a class of its
 * own ({@link FarcallPhase}, {@link RmiPhase}, {@link RawKafkaPhase}), checked by {@link
 * CounterCaller}, and {@link ObjectsResults} reads their output and makes the figures and notes.
 *
 * <p>Run: {@code benchmarks/areas/objects.sh [repetitions] [seconds]} (or {@code benchmarks/run.sh
 * dev.farcall.benchmarks.objects.ObjectsBenchmark [repetitions] [seconds]}). Writes {@code
 * benchmarks/results/objects.json} when there were at least 5 repetitions.
 */
public final class ObjectsBenchmark {

  static final int CALLERS = 8;
  static final int WORKERS = 2;
  private static final Duration PHASE_LIMIT = Duration.ofMinutes(5);

  private ObjectsBenchmark() {}

  /** The systems measured, in the order of the first repetition. */
  enum SystemUnderTest {
    FARCALL("Farcall"),
    RMI("Java RMI"),
    KAFKA("raw Kafka");

    final String label;

    SystemUnderTest(String label) {
      this.label = label;
    }
  }

  /**
   * Arguments: {@code [repetitions (5)] [measured seconds per case (5)]}; the warm-up of each case
   * is half as long. A child JVM is started with {@code --phase=<system> ...}.
   */
  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].startsWith("--phase=")) {
      int exit = 0;
      try {
        phase(args);
      } catch (Exception | Error e) {
        e.printStackTrace();
        exit = 1;
      }
      System.out.flush();
      System.exit(exit); // Kafka and RMI threads are not daemons
    }
    int repetitions = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 5;
    double warmUp = seconds / 2;
    List<String> jvm = ManagementFactory.getRuntimeMXBean().getInputArguments();
    double loadBefore = ResultsFile.loadAverage();
    Instant date = Instant.now();
    long started = System.nanoTime();
    System.out.printf(
        Locale.ROOT,
        "Remote objects benchmark: %d repetitions, %.1f s per case after %.1f s of warm-up, %d"
            + " CPUs, Java %s, child JVM options %s, load average %.2f%n",
        repetitions,
        seconds,
        warmUp,
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"),
        jvm,
        loadBefore);
    ObjectsResults results = new ObjectsResults(jvm, warmUp, seconds);
    SystemUnderTest[] systems = SystemUnderTest.values();
    for (int r = 0; r < repetitions; r++) {
      List<SystemUnderTest> order = new ArrayList<>();
      for (int i = 0; i < systems.length; i++) {
        order.add(systems[(r + i) % systems.length]);
      }
      results.order(order);
      for (SystemUnderTest s : order) {
        System.out.printf(
            Locale.ROOT,
            "repetition %d of %d: %s (load average %.2f)%n",
            r + 1,
            repetitions,
            s.label,
            ResultsFile.loadAverage());
        long phaseStart = System.nanoTime();
        List<String> lines = measure(s, jvm, warmUp, seconds);
        System.out.printf(
            Locale.ROOT,
            "  %s phase took %.1f s (its JVMs' start and stop included)%n",
            s.label,
            (System.nanoTime() - phaseStart) / 1e9);
        results.read(s, lines);
      }
    }
    double minutes = (System.nanoTime() - started) / 60e9;
    double loadAfter = ResultsFile.loadAverage();
    ArrayNode figures = results.figures();
    System.out.printf(
        Locale.ROOT, "%nmedians of %d repetitions (%.1f min):%n", repetitions, minutes);
    figures.forEach(
        f ->
            System.out.printf(
                Locale.ROOT,
                "  %-70s %,12.2f %-8s min %,.2f max %,.2f %s%n",
                f.path("name").asText(),
                f.path("median").asDouble(),
                f.path("unit").asText(),
                f.path("min").asDouble(),
                f.path("max").asDouble(),
                f.has("target")
                    ? f.path("target").path("description").asText()
                        + (f.path("target").path("met").asBoolean() ? ": met" : ": NOT met")
                    : ""));
    if (repetitions < 5) {
      System.out.println("fewer than 5 repetitions: benchmarks/results/objects.json not written");
      return;
    }
    ResultsFile.write(
        "objects",
        "Remote objects: calls to counter objects, Farcall against Java RMI",
        results.notes(minutes),
        figures,
        date,
        loadBefore,
        loadAfter);
  }

  /** Starts the system's processes, measures, stops them; returns the measuring JVM's output. */
  private static List<String> measure(
      SystemUnderTest system, List<String> jvm, double warmUp, double seconds) throws Exception {
    List<String> times = List.of(String.valueOf(warmUp), String.valueOf(seconds));
    return switch (system) {
      case FARCALL ->
          ChildJvm.run(ObjectsBenchmark.class, jvm, args("farcall", times), PHASE_LIMIT);
      case KAFKA -> ChildJvm.run(ObjectsBenchmark.class, jvm, args("kafka", times), PHASE_LIMIT);
      case RMI -> {
        try (ChildJvm server = ChildJvm.start(RmiPeer.class, jvm)) {
          List<String> a = new ArrayList<>(args("rmi", times));
          a.add(String.valueOf(server.port()));
          yield ChildJvm.run(ObjectsBenchmark.class, jvm, a, PHASE_LIMIT);
        }
      }
    };
  }

  private static List<String> args(String phase, List<String> rest) {
    List<String> a = new ArrayList<>();
    a.add("--phase=" + phase);
    a.addAll(rest);
    return a;
  }

  // ------------------------------------------------------------------ in the child JVMs

  /** {@code --phase=<system> <warm-up seconds> <seconds> [rmi registry port]}. */
  private static void phase(String[] args) throws Exception {
    String phase = args[0].substring("--phase=".length());
    double warmUp = Double.parseDouble(args[1]);
    double seconds = Double.parseDouble(args[2]);
    switch (phase) {
      case "farcall" -> FarcallPhase.run(warmUp, seconds);
      case "rmi" -> RmiPhase.run(Integer.parseInt(args[3]), warmUp, seconds);
      case "kafka" -> RawKafkaPhase.run(warmUp, seconds);
      default -> throw new IllegalArgumentException("unknown phase " + phase);
    }
  }

  static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind harms nothing
    }
  }
}
