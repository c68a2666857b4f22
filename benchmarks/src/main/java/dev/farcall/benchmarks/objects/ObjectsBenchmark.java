package dev.farcall.benchmarks.objects;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.farcall.api.RemoteOptions;
import dev.farcall.api.RemoteRef;
import dev.farcall.api.spi.AsyncTarget;
import dev.farcall.benchmarks.e2e.ChildJvm;
import dev.farcall.benchmarks.e2e.FarcallCluster;
import dev.farcall.benchmarks.e2e.Measure;
import dev.farcall.benchmarks.e2e.RawKafkaRequestReply;
import dev.farcall.benchmarks.e2e.Result;
import dev.farcall.benchmarks.e2e.RmiPeer;
import dev.farcall.benchmarks.report.ResultsFile;
import dev.farcall.coordinator.analysis.AnalysisService;
import dev.farcall.dispatch.objects.RemoteObject;
import dev.farcall.dispatch.objects.RemoteObjects;
import dev.farcall.dispatch.workers.WorkerRegistry;
import dev.farcall.driver.objects.RunObjects;
import dev.farcall.driver.sites.RunIdentity;
import dev.farcall.examples.programs.objects.Counter;
import dev.farcall.heuristics.analysis.ProgramModel;
import dev.farcall.kafka.EmbeddedKafkaBroker;
import dev.farcall.model.program.MethodDescriptors;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.DoublePredicate;
import java.util.function.ToDoubleFunction;
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
 * <p>Run: {@code benchmarks/areas/objects.sh [repetitions] [seconds]} (or {@code benchmarks/run.sh
 * dev.farcall.benchmarks.objects.ObjectsBenchmark [repetitions] [seconds]}). Writes {@code
 * benchmarks/results/objects.json} when there were at least 5 repetitions.
 */
public final class ObjectsBenchmark {

  static final int CALLERS = 8;
  static final int WORKERS = 2;
  private static final Duration PHASE_LIMIT = Duration.ofMinutes(5);
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
  private static final String RESULT = "RESULT ";
  private static final String CHECKED = "CHECKED ";
  private static final String OWNERS = "OWNERS ";
  private static final String ONE = "1caller";
  private static final String EIGHT = "8callers";
  private static final String RAW = "raw";
  private static final ObjectMapper JSON = new ObjectMapper();

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
    double loadBefore = loadAverage();
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
    Map<SystemUnderTest, List<Map<String, Result>>> results = new LinkedHashMap<>();
    Map<SystemUnderTest, Long> checkedCalls = new LinkedHashMap<>();
    for (SystemUnderTest s : SystemUnderTest.values()) {
      results.put(s, new ArrayList<>());
      checkedCalls.put(s, 0L);
    }
    SystemUnderTest[] systems = SystemUnderTest.values();
    List<String> orders = new ArrayList<>();
    List<String> placements = new ArrayList<>();
    for (int r = 0; r < repetitions; r++) {
      List<SystemUnderTest> order = new ArrayList<>();
      for (int i = 0; i < systems.length; i++) {
        order.add(systems[(r + i) % systems.length]);
      }
      orders.add(order.stream().map(s -> s.label).toList().toString());
      for (SystemUnderTest s : order) {
        System.out.printf(
            Locale.ROOT,
            "repetition %d of %d: %s (load average %.2f)%n",
            r + 1,
            repetitions,
            s.label,
            loadAverage());
        long phaseStart = System.nanoTime();
        List<String> lines = measure(s, jvm, warmUp, seconds);
        System.out.printf(
            Locale.ROOT,
            "  %s phase took %.1f s (its JVMs' start and stop included)%n",
            s.label,
            (System.nanoTime() - phaseStart) / 1e9);
        Map<String, Result> measured = new TreeMap<>();
        for (String line : lines) {
          if (line.startsWith(RESULT)) {
            String[] f = line.substring(RESULT.length()).trim().split(" ");
            measured.put(
                f[0],
                new Result(
                    f[0], Long.parseLong(f[1]), Long.parseLong(f[2]), Double.parseDouble(f[3])));
          } else if (line.startsWith(OWNERS)) {
            placements.add(line.substring(OWNERS.length()).trim());
            System.out.println("  Farcall objects: " + line.substring(OWNERS.length()).trim());
          } else if (line.startsWith(CHECKED)) {
            checkedCalls.merge(
                s, Long.parseLong(line.substring(CHECKED.length()).trim()), Long::sum);
          } else {
            System.out.println("  | " + line);
          }
        }
        List<String> expected = s == SystemUnderTest.KAFKA ? List.of(RAW) : List.of(ONE, EIGHT);
        if (!measured.keySet().containsAll(expected)) {
          throw new IllegalStateException(
              s.label + " reported " + measured.keySet() + ": " + lines);
        }
        measured.values().forEach(m -> System.out.println("  " + s.label + " " + m));
        results.get(s).add(measured);
      }
    }
    double minutes = (System.nanoTime() - started) / 60e9;
    double loadAfter = loadAverage();
    ArrayNode figures = figures(results);
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
    write(
        figures,
        notes(jvm, warmUp, seconds, orders, placements, checkedCalls, minutes),
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
      case "farcall" -> farcall(warmUp, seconds);
      case "rmi" -> rmi(Integer.parseInt(args[3]), warmUp, seconds);
      case "kafka" -> rawKafka(warmUp, seconds);
      default -> throw new IllegalArgumentException("unknown phase " + phase);
    }
  }

  /**
   * A caller of one counter: amounts 1..7 in turn, every returned value checked against the sum of
   * what it added.
   */
  static final class CounterCaller implements Measure.Call {

    /** One {@code add} of the counter, returning the new value. */
    interface Add {
      long add(int amount) throws Exception;
    }

    private final String what;
    private final Add add;
    private long expected;
    private long calls;

    CounterCaller(String what, long start, Add add) {
      this.what = what;
      this.add = add;
      this.expected = start;
    }

    @Override
    public void call() throws Exception {
      int amount = (int) (calls % 7) + 1;
      long value = add.add(amount);
      expected += amount;
      calls++;
      if (value != expected) {
        throw new IllegalStateException(
            what + ": add(" + amount + ") returned " + value + ", expected " + expected);
      }
    }

    /** Fails unless the counter's own value is the sum of everything added to it. */
    long check(long finalValue) {
      if (finalValue != expected) {
        throw new IllegalStateException(
            what
                + ": value() is "
                + finalValue
                + " after "
                + calls
                + " calls, expected "
                + expected);
      }
      return calls;
    }
  }

  private static void report(String key, Result r) {
    System.out.printf(
        Locale.ROOT, "%s%s %d %d %.3f%n", RESULT, key, r.p50Micros(), r.p99Micros(), r.perSecond());
  }

  private static void farcall(double warmUp, double seconds) throws Exception {
    Path dir = Files.createTempDirectory("farcall-objects-bench-");
    long t0 = System.nanoTime();
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0, true);
        FarcallCluster cluster = FarcallCluster.start(broker.bootstrapServers(), dir, WORKERS)) {
      long t1 = System.nanoTime();
      ProgramModel model = awaitModel(cluster);
      long t2 = System.nanoTime();
      WorkerRegistry registry = cluster.coordinatorBean(WorkerRegistry.class);
      awaitPartitions(registry);
      System.out.printf(
          Locale.ROOT,
          "cluster up in %.1f s, analysis DONE %.1f s later, partitions settled %.1f s later%n",
          (t1 - t0) / 1e9,
          (t2 - t1) / 1e9,
          (System.nanoTime() - t2) / 1e9);
      RemoteObjects objects = new RemoteObjects(cluster.dispatcher(), registry);
      RunObjects run =
          new RunObjects(
              new RunIdentity(
                  "bench-objects-" + UUID.randomUUID(), cluster.programId, cluster.jarSha256()),
              Counter.class.getClassLoader(),
              () -> model,
              timeout -> Optional.of(objects));
      AsyncTarget constructor =
          new AsyncTarget(
              Counter.class.getName(),
              "<init>",
              MethodDescriptors.of(Counter.class.getConstructor(long.class)),
              false);
      RemoteOptions options = RemoteOptions.defaults().withCallTimeout(CALL_TIMEOUT);
      List<RemoteRef<Counter>> refs = new ArrayList<>();
      List<CounterCaller> callers = new ArrayList<>();
      for (int i = 0; i <= CALLERS; i++) {
        long start = 1_000L * i;
        Optional<RemoteRef<Counter>> ref = run.create(constructor, new Object[] {start}, options);
        if (ref.isEmpty()) {
          throw new IllegalStateException("counter " + i + " was not created remotely");
        }
        RemoteRef<Counter> r = ref.get();
        refs.add(r);
        callers.add(
            new CounterCaller(
                "Farcall counter " + i,
                start,
                amount ->
                    r.call(Counter::add, amount)
                        .get(CALL_TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS)));
      }
      Map<String, Long> owners = new TreeMap<>();
      for (RemoteRef<Counter> r : refs.subList(1, CALLERS + 1)) {
        owners.merge(objects.find(r.id()).orElseThrow().owner(), 1L, Long::sum);
      }
      System.out.println(
          OWNERS
              + "the 1-caller object on "
              + objects.find(refs.get(0).id()).orElseThrow().owner()
              + ", the "
              + CALLERS
              + " others "
              + owners);
      report(ONE, Measure.timedCallers("farcall 1", callers.subList(0, 1), warmUp, seconds));
      report(
          EIGHT,
          Measure.timedCallers("farcall 8", callers.subList(1, CALLERS + 1), warmUp, seconds));
      long checked = 0;
      for (int i = 0; i < refs.size(); i++) {
        checked += callers.get(i).check(refs.get(i).get(Counter::value));
      }
      for (RemoteObject o : objects.all()) {
        if (o.state() != RemoteObject.State.ALIVE || o.info().restarts() != 0) {
          throw new IllegalStateException("object not ALIVE without restarts: " + o.info());
        }
      }
      System.out.println(CHECKED + checked);
      objects.closeAll();
    } finally {
      deleteRecursively(dir);
    }
  }

  /**
   * Waits until every worker consumes invocation partitions and the assignment has not changed for
   * 3 s: the workers' consumer group settles after they are ALIVE, and until then the dispatcher
   * places every object on the one worker that has partitions.
   */
  private static void awaitPartitions(WorkerRegistry registry) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    Map<String, List<Integer>> last = null;
    long stableSince = System.nanoTime();
    while (System.nanoTime() < until) {
      Map<String, List<Integer>> now = new TreeMap<>();
      registry.aliveWorkers().forEach(w -> now.put(w.id(), w.assignedPartitions()));
      if (!now.equals(last)) {
        last = now;
        stableSince = System.nanoTime();
      } else if (now.size() == WORKERS
          && now.values().stream().noneMatch(List::isEmpty)
          && System.nanoTime() - stableSince > TimeUnit.SECONDS.toNanos(3)) {
        return;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("the workers' partitions did not settle: " + last);
  }

  /** Waits until the coordinator's analysis of the examples jar is DONE (it runs after upload). */
  private static ProgramModel awaitModel(FarcallCluster cluster) throws InterruptedException {
    AnalysisService analyses = cluster.coordinatorBean(AnalysisService.class);
    long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (System.nanoTime() < until) {
      Optional<ProgramModel> model = analyses.model(cluster.programId);
      if (model.isPresent()) {
        return model.get();
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("the analysis of the examples jar is not DONE after 3 min");
  }

  private static void rmi(int port, double warmUp, double seconds) throws Exception {
    RmiPeer.CounterFactory factory = RmiPeer.counters(port);
    List<RmiPeer.RemoteCounter> counters = new ArrayList<>();
    List<CounterCaller> callers = new ArrayList<>();
    for (int i = 0; i <= CALLERS; i++) {
      long start = 1_000L * i;
      RmiPeer.RemoteCounter counter = factory.create(start);
      counters.add(counter);
      callers.add(new CounterCaller("RMI counter " + i, start, counter::add));
    }
    report(ONE, Measure.timedCallers("rmi 1", callers.subList(0, 1), warmUp, seconds));
    report(EIGHT, Measure.timedCallers("rmi 8", callers.subList(1, CALLERS + 1), warmUp, seconds));
    long checked = 0;
    for (int i = 0; i < counters.size(); i++) {
      checked += callers.get(i).check(counters.get(i).value());
    }
    System.out.println(CHECKED + checked);
  }

  private static void rawKafka(double warmUp, double seconds) throws Exception {
    Path dir = Files.createTempDirectory("farcall-objects-raw-");
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0, true)) {
      RawKafkaRequestReply raw = new RawKafkaRequestReply(broker.bootstrapServers());
      // count-based: about as long as the other cases at the floor's ~1,000 round trips per second
      raw.oneAtATime(Math.max(200, (int) (warmUp * 600)));
      report(RAW, raw.oneAtATime(Math.max(500, (int) (seconds * 600))));
    } finally {
      deleteRecursively(dir);
    }
  }

  // ------------------------------------------------------------------ the results file

  private static ArrayNode figures(Map<SystemUnderTest, List<Map<String, Result>>> results) {
    ArrayNode figures = JSON.createArrayNode();
    for (SystemUnderTest s : List.of(SystemUnderTest.FARCALL, SystemUnderTest.RMI)) {
      for (String key : List.of(ONE, EIGHT)) {
        String what =
            s.label
                + (key.equals(ONE)
                    ? ", 1 caller on 1 object"
                    : ", " + CALLERS + " callers on " + CALLERS + " objects");
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
            "Farcall " + CALLERS + " callers on " + CALLERS + " objects calls/s ÷ Java RMI's",
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
      f.putObject("target").put("description", target).put("met", met.test(median(ratios)));
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
    ObjectNode f = JSON.createObjectNode();
    f.put("name", name);
    f.put("unit", unit);
    f.put("higherIsBetter", higherIsBetter);
    ArrayNode reps = f.putArray("repetitions");
    values.forEach(reps::add);
    f.put("median", median(values));
    f.put("min", values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN));
    f.put("max", values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN));
    return f;
  }

  static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int n = sorted.length;
    if (n == 0) {
      return Double.NaN;
    }
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static List<String> notes(
      List<String> jvm,
      double warmUp,
      double seconds,
      List<String> orders,
      List<String> placements,
      Map<SystemUnderTest, Long> checkedCalls,
      double minutes) {
    List<String> notes = new ArrayList<>();
    notes.add(
        String.format(
            Locale.ROOT,
            "Per system and repetition: 1 caller calling add(int) one call at a time on one counter"
                + " object, then %d callers each calling its own counter (%d objects), each case"
                + " %.1f s measured after %.1f s unmeasured; calls/s is all measured calls over the"
                + " measured time, p50/p99 are of every measured call's round trip.",
            CALLERS,
            CALLERS,
            seconds,
            warmUp));
    notes.add(
        "Farcall: one child JVM per repetition holding an embedded KRaft broker, the coordinator"
            + " and "
            + WORKERS
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
            + Math.max(500, (int) (seconds * 600))
            + " requests after "
            + Math.max(200, (int) (warmUp * 600))
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

  private static void write(
      ArrayNode figures, List<String> notes, Instant date, double loadBefore, double loadAfter)
      throws IOException {
    ResultsFile.write(
        "objects",
        "Remote objects: calls to counter objects, Farcall against Java RMI",
        notes,
        figures,
        date,
        loadBefore,
        loadAfter);
  }

  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind harms nothing
    }
  }
}
