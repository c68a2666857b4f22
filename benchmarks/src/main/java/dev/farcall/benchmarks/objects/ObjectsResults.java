package dev.farcall.benchmarks.objects;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.farcall.benchmarks.e2e.Measure;
import dev.farcall.benchmarks.e2e.Result;
import dev.farcall.benchmarks.objects.ObjectsBenchmark.SystemUnderTest;
import dev.farcall.benchmarks.report.ResultsFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.DoublePredicate;
import java.util.function.ToDoubleFunction;

/**
 * The remote-objects benchmark's results: the lines a phase's child JVM prints ({@link #measured},
 * {@link #checked}, {@link #owners}) as this JVM reads them, every repetition's measurements per
 * system, and the figures and notes of the results file made of them.
 */
final class ObjectsResults {

  static final String ONE = "1caller";
  static final String EIGHT = "8callers";
  static final String RAW = "raw";
  private static final String RESULT = "RESULT ";
  private static final String CHECKED = "CHECKED ";
  private static final String OWNERS = "OWNERS ";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<String> jvm;
  private final double warmUp;
  private final double seconds;
  private final Map<SystemUnderTest, List<Map<String, Result>>> results = new LinkedHashMap<>();
  private final Map<SystemUnderTest, Long> checkedCalls = new LinkedHashMap<>();
  private final List<String> orders = new ArrayList<>();
  private final List<String> placements = new ArrayList<>();

  ObjectsResults(List<String> jvm, double warmUp, double seconds) {
    this.jvm = jvm;
    this.warmUp = warmUp;
    this.seconds = seconds;
    for (SystemUnderTest s : SystemUnderTest.values()) {
      results.put(s, new ArrayList<>());
      checkedCalls.put(s, 0L);
    }
  }

  // ------------------------------------------------------------------ printed in the child JVMs

  /** Prints the measurement of case {@code key} for this JVM's parent. */
  static void measured(String key, Result r) {
    System.out.printf(
        Locale.ROOT, "%s%s %d %d %.3f%n", RESULT, key, r.p50Micros(), r.p99Micros(), r.perSecond());
  }

  /**
   * Measures and prints both cases: the first of {@code callers} alone on its object, then the
   * {@value ObjectsBenchmark#CALLERS} others together, each on its own.
   */
  static void measureCases(
      String system, List<CounterCaller> callers, double warmUp, double seconds) throws Exception {
    measured(ONE, Measure.timedCallers(system + " 1", callers.subList(0, 1), warmUp, seconds));
    measured(
        EIGHT,
        Measure.timedCallers(
            system + " 8", callers.subList(1, ObjectsBenchmark.CALLERS + 1), warmUp, seconds));
  }

  /** Prints how many calls' values were checked, warm-up included. */
  static void checked(long calls) {
    System.out.println(CHECKED + calls);
  }

  /** Prints where the Farcall objects were placed. */
  static void owners(String placement) {
    System.out.println(OWNERS + placement);
  }

  // ------------------------------------------------------------------ read in this JVM

  /** Records the order of the systems in one repetition. */
  void order(List<SystemUnderTest> order) {
    orders.add(order.stream().map(s -> s.label).toList().toString());
  }

  /**
   * Reads the output of one system's phase, passing its other lines through; fails unless it
   * measured every case of that system.
   */
  void read(SystemUnderTest s, List<String> lines) {
    Map<String, Result> measured = new TreeMap<>();
    for (String line : lines) {
      if (line.startsWith(RESULT)) {
        String[] f = line.substring(RESULT.length()).trim().split(" ");
        measured.put(
            f[0],
            new Result(f[0], Long.parseLong(f[1]), Long.parseLong(f[2]), Double.parseDouble(f[3])));
      } else if (line.startsWith(OWNERS)) {
        placements.add(line.substring(OWNERS.length()).trim());
        System.out.println("  Farcall objects: " + line.substring(OWNERS.length()).trim());
      } else if (line.startsWith(CHECKED)) {
        checkedCalls.merge(s, Long.parseLong(line.substring(CHECKED.length()).trim()), Long::sum);
      } else {
        System.out.println("  | " + line);
      }
    }
    List<String> expected = s == SystemUnderTest.KAFKA ? List.of(RAW) : List.of(ONE, EIGHT);
    if (!measured.keySet().containsAll(expected)) {
      throw new IllegalStateException(s.label + " reported " + measured.keySet() + ": " + lines);
    }
    measured.values().forEach(m -> System.out.println("  " + s.label + " " + m));
    results.get(s).add(measured);
  }

  // ------------------------------------------------------------------ the results file

  /** Each case's figures per system, then the ratios the targets are about. */
  ArrayNode figures() {
    ArrayNode figures = JSON.createArrayNode();
    for (SystemUnderTest s : List.of(SystemUnderTest.FARCALL, SystemUnderTest.RMI)) {
      for (String key : List.of(ONE, EIGHT)) {
        String what =
            s.label
                + (key.equals(ONE)
                    ? ", 1 caller on 1 object"
                    : ", "
                        + ObjectsBenchmark.CALLERS
                        + " callers on "
                        + ObjectsBenchmark.CALLERS
                        + " objects");
        List<Result> list = results.get(s).stream().map(m -> m.get(key)).toList();
        figures.add(figure(what + ": calls/s", "calls/s", true, values(list, Result::perSecond)));
        figures.add(
            figure(what + ": round trip p50", "µs", false, values(list, r -> r.p50Micros())));
        figures.add(
            figure(what + ": round trip p99", "µs", false, values(list, r -> r.p99Micros())));
      }
    }
    List<Result> raw = results.get(SystemUnderTest.KAFKA).stream().map(m -> m.get(RAW)).toList();
    String rawWhat = "raw Kafka request/reply, 1 in flight (the floor)";
    figures.add(figure(rawWhat + ": round trip p50", "µs", false, values(raw, r -> r.p50Micros())));
    figures.add(figure(rawWhat + ": round trip p99", "µs", false, values(raw, r -> r.p99Micros())));
    figures.add(
        figure(rawWhat + ": requests/s", "requests/s", true, values(raw, Result::perSecond)));

    List<Result> far1 = results.get(SystemUnderTest.FARCALL).stream().map(m -> m.get(ONE)).toList();
    List<Result> far8 =
        results.get(SystemUnderTest.FARCALL).stream().map(m -> m.get(EIGHT)).toList();
    List<Result> rmi1 = results.get(SystemUnderTest.RMI).stream().map(m -> m.get(ONE)).toList();
    List<Result> rmi8 = results.get(SystemUnderTest.RMI).stream().map(m -> m.get(EIGHT)).toList();
    figures.add(
        ratio(
            "Farcall "
                + ObjectsBenchmark.CALLERS
                + " callers on "
                + ObjectsBenchmark.CALLERS
                + " objects calls/s ÷ Java RMI's",
            true,
            far8,
            rmi8,
            Result::perSecond,
            "at least RMI's (≥ 1)",
            v -> v >= 1));
    figures.add(
        ratio(
            "Farcall 1-caller p50 ÷ raw Kafka 1-in-flight p50",
            false,
            far1,
            raw,
            r -> r.p50Micros(),
            "within 1.5x of the raw Kafka floor (≤ 1.5)",
            v -> v <= 1.5));
    figures.add(
        ratio(
            "Farcall 1-caller p99 ÷ raw Kafka 1-in-flight p99",
            false,
            far1,
            raw,
            r -> r.p99Micros(),
            null,
            null));
    figures.add(
        ratio(
            "Farcall 1-caller calls/s ÷ Java RMI's",
            true,
            far1,
            rmi1,
            Result::perSecond,
            null,
            null));
    figures.add(
        ratio(
            "Farcall 1-caller p50 ÷ Java RMI 1-caller p50",
            false,
            far1,
            rmi1,
            r -> r.p50Micros(),
            null,
            null));
    return figures;
  }

  private static List<Double> values(List<Result> list, ToDoubleFunction<Result> field) {
    return list.stream().map(r -> field.applyAsDouble(r)).toList();
  }

  /**
   * A ratio per repetition (each repetition's figure of {@code a} over the same repetition's of
   * {@code b}); the note gives the ratio of the two medians as well.
   */
  private static ObjectNode ratio(
      String name,
      boolean higherIsBetter,
      List<Result> a,
      List<Result> b,
      ToDoubleFunction<Result> field,
      String target,
      DoublePredicate met) {
    List<Double> ratios = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      ratios.add(field.applyAsDouble(a.get(i)) / field.applyAsDouble(b.get(i)));
    }
    ObjectNode f = figure(name, "x", higherIsBetter, ratios);
    if (target != null) {
      ResultsFile.target(f, target, met.test(median(ratios)));
    }
    f.put(
        "note",
        String.format(
            Locale.ROOT,
            "ratio of each repetition's figures; ratio of the medians %.3f (%,.1f ÷ %,.1f)",
            median(values(a, field)) / median(values(b, field)),
            median(values(a, field)),
            median(values(b, field))));
    return f;
  }

  private static ObjectNode figure(
      String name, String unit, boolean higherIsBetter, List<Double> values) {
    return ResultsFile.draftFigure(name, unit, higherIsBetter, values);
  }

  private static double median(List<Double> values) {
    return ResultsFile.median(values);
  }

  /** The results file's notes: what was measured and how, checked, in what order. */
  List<String> notes(double minutes) {
    List<String> notes = new ArrayList<>();
    notes.add(
        String.format(
            Locale.ROOT,
            "Per system and repetition: 1 caller calling add(int) one call at a time on one counter"
                + " object, then %d callers each calling its own counter (%d objects), each case"
                + " %.1f s measured after %.1f s unmeasured; calls/s is all measured calls over the"
                + " measured time, p50/p99 are of every measured call's round trip.",
            ObjectsBenchmark.CALLERS,
            ObjectsBenchmark.CALLERS,
            seconds,
            warmUp));
    notes.add(
        "Farcall: one child JVM per repetition holding an embedded KRaft broker, the coordinator"
            + " and "
            + ObjectsBenchmark.WORKERS
            + " workers (FarcallCluster, services' default settings, 2 slots per worker) and the"
            + " callers. The counters (dev.farcall.examples.programs.objects.Counter of the"
            + " uploaded examples jar) are created and called through the run driver's Java path"
            + " (RunObjects with the type check against the coordinator's analysis, the driver's"
            + " RemoteRef, RemoteObjects and RemoteObject, CallDispatcher.invokeObject), over the"
            + " coordinator's CallDispatcher in the same JVM; a real run's driver has a dispatcher"
            + " of its own in its own JVM. Placed by the dispatcher (least loaded worker, in"
            + " turn), per repetition: "
            + String.join("; ", placements)
            + ".");
    notes.add(
        "Java RMI: a server JVM (RmiPeer) exports a counter factory; a client JVM creates"
            + " UnicastRemoteObject counters through it (one call at a time each, synchronized as a"
            + " Farcall object runs its calls) and calls them over loopback; RMI's default"
            + " settings. Raw Kafka: one child JVM with its own embedded broker and"
            + " RawKafkaRequestReply (a responder echoes each 16-byte request; linger 0, acks 1),"
            + " one request at a time, "
            + RawKafkaPhase.requests(seconds)
            + " requests after "
            + RawKafkaPhase.warmUpRequests(warmUp)
            + " unmeasured.");
    notes.add(
        "Each system measured alone: its JVMs are started for its phase and have exited before the"
            + " next system starts (this JVM only waits). Order rotated per repetition: "
            + String.join("; ", orders)
            + ". Every JVM has this run's options "
            + jvm
            + ".");
    notes.add(
        "Checked: every add returned the running sum of what its caller added (amounts 1..7 in"
            + " turn), and every object's value() at the end equalled it: "
            + String.format(
                Locale.ROOT,
                "%,d Farcall calls and %,d RMI calls checked, warm-up included",
                checkedCalls.get(SystemUnderTest.FARCALL),
                checkedCalls.get(SystemUnderTest.RMI))
            + String.format(Locale.ROOT, ". The whole run took %.1f min.", minutes));
    return notes;
  }
}
