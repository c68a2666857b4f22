package dev.farcall.benchmarks.e2e;

import dev.farcall.dispatch.CallDispatcher;
import dev.farcall.dispatch.Deadline;
import dev.farcall.dispatch.InvocationOutcome;
import dev.farcall.dispatch.RemoteCall;
import dev.farcall.examples.invoke.Work;
import dev.farcall.kafka.EmbeddedKafkaBroker;
import dev.farcall.model.codec.ArgumentCodec;
import dev.farcall.model.codec.MethodCodec;
import dev.farcall.model.program.MethodDescriptors;
import dev.farcall.model.wire.MethodRef;
import dev.farcall.model.wire.ReturnedValue;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * Remote no-op invocation through Farcall side by side with its floor (raw Kafka request/reply) and
 * its peers (Java RMI, Hazelcast's executor), all in one run on one machine and one embedded
 * broker, so the ratios compare like with like. Every measurement is repeated (3 times by default)
 * and the report gives the median of each figure and the ratios of the medians.
 *
 * <p>Farcall: the coordinator and two workers run in this JVM (as in local mode) and are called
 * through the coordinator's {@link CallDispatcher}, the Java path the run driver uses; the REST
 * invocation endpoint is measured one at a time for information. RMI serves from a child JVM on
 * loopback; Hazelcast's member and client each run in a child JVM (see {@link HazelcastPeer}).
 *
 * <p>Run: {@code benchmarks/run.sh dev.farcall.benchmarks.e2e.EndToEndBenchmark [repetitions]}.
 */
public final class EndToEndBenchmark {

  private static final Duration LIMIT = Duration.ofMinutes(2);
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

  // Sizes: bounded so one repetition takes well under a minute on 2 loaded cores.
  private static final int ONE_AT_A_TIME = 2_000;
  private static final int RAW_PIPELINED = 100_000;
  private static final int RAW_IN_FLIGHT = 5_000;
  private static final int FARCALL_PIPELINED = 50_000;
  private static final int FARCALL_IN_FLIGHT = 4_096;
  private static final int FARCALL_BATCH = 64;
  private static final int REST_CALLS = 300;
  private static final int RMI_CALLS = 10_000;
  private static final double CALLERS_SECONDS = 3;
  private static final int HZ_SYNC_CALLS = 5_000;
  private static final int HZ_ASYNC_CALLS = 100_000;
  private static final int HZ_IN_FLIGHT = 1_024;

  private EndToEndBenchmark() {}

  /** The parts that can be measured; all by default. */
  static final List<String> PARTS = List.of("kafka", "farcall", "rmi", "hazelcast");

  /**
   * Arguments: {@code [repetitions] [--only=kafka,farcall,rmi,hazelcast] [--json=<file>]}; with
   * {@code --json} the repetitions also go to that file in the results convention (see {@link
   * EndToEndResults}). The Hazelcast member's JVM options can be changed with the system property
   * {@code farcall.bench.hazelcast.jvm} (space-separated).
   */
  public static void main(String[] args) throws Exception {
    int repetitions = 3;
    Set<String> parts = new LinkedHashSet<>(PARTS);
    Path json = null;
    for (String arg : args) {
      if (arg.startsWith("--json=")) {
        json = Path.of(arg.substring(7));
      } else if (arg.startsWith("--only=")) {
        parts = new LinkedHashSet<>(Arrays.asList(arg.substring(7).split(",")));
        if (!PARTS.containsAll(parts)) {
          throw new IllegalArgumentException("--only takes some of " + PARTS + ": " + arg);
        }
      } else {
        repetitions = Integer.parseInt(arg);
      }
    }
    Instant start = Instant.now();
    double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    System.out.printf(
        Locale.ROOT,
        "End-to-end benchmark: %d repetitions of %s, %d CPUs, Java %s, load average %.2f at start,"
            + " %s%n",
        repetitions,
        parts,
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        Instant.now());
    Map<String, List<Result>> results = new LinkedHashMap<>();
    Path dir = Files.createTempDirectory("farcall-e2e-");
    Deque<AutoCloseable> open = new ArrayDeque<>();
    int exit = 0;
    try {
      Peers peers = new Peers();
      if (parts.contains("kafka") || parts.contains("farcall")) {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0, true);
        open.push(broker);
        if (parts.contains("kafka")) {
          peers.raw = new RawKafkaRequestReply(broker.bootstrapServers());
        }
        if (parts.contains("farcall")) {
          FarcallCluster cluster = FarcallCluster.start(broker.bootstrapServers(), dir, 2);
          open.push(cluster);
          peers.farcall = new FarcallCalls(cluster);
        }
      }
      if (parts.contains("rmi")) {
        ChildJvm rmiServer = ChildJvm.start(RmiPeer.class, List.of());
        open.push(rmiServer);
        peers.rmi = RmiPeer.connect(rmiServer);
      }
      if (parts.contains("hazelcast")) {
        ChildJvm member = ChildJvm.start(HazelcastPeer.class, hazelcastJvmOptions());
        open.push(member);
        peers.hazelcastPort = member.port();
      }
      // One unmeasured round of everything: JIT, connections, the workers' jar download.
      System.out.println("warm-up round...");
      runRound(peers, new LinkedHashMap<>(), 0);
      for (int r = 1; r <= repetitions; r++) {
        System.out.printf(
            Locale.ROOT,
            "repetition %d of %d (load average %.2f)%n",
            r,
            repetitions,
            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        runRound(peers, results, r);
      }
      report(results, repetitions);
      if (json != null) {
        EndToEndResults.writePart(json, parts, results, start, loadBefore);
      }
    } catch (Exception | Error e) {
      e.printStackTrace();
      exit = 1;
    } finally {
      while (!open.isEmpty()) {
        try {
          open.pop().close();
        } catch (Exception e) {
          System.err.println("could not stop cleanly: " + e);
          exit = 1;
        }
      }
      deleteQuietly(dir);
    }
    System.out.printf(
        Locale.ROOT,
        "load average at the end %.2f%n",
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    // Kafka and Hazelcast client threads are stopped above; exit so no stray thread keeps us.
    System.exit(exit);
  }

  /**
   * JVM options of the Hazelcast member and client. On a JVM that sees 2 CPUs the common pool has
   * parallelism 1, and Hazelcast then completes its internal async stages on a new thread per task
   * (see /work/shared/PERFORMANCE.md); giving the common pool 2 threads is part of configuring the
   * peer.
   */
  static List<String> hazelcastJvmOptions() {
    String configured = System.getProperty("farcall.bench.hazelcast.jvm");
    if (configured != null) {
      return configured.isBlank() ? List.of() : Arrays.asList(configured.trim().split("\\s+"));
    }
    return List.of("-Djava.util.concurrent.ForkJoinPool.common.parallelism=2");
  }

  /** What this run measures; null fields are skipped. */
  private static final class Peers {
    RawKafkaRequestReply raw;
    FarcallCalls farcall;
    RmiPeer.NoopService rmi;
    int hazelcastPort;
  }

  private static void runRound(Peers peers, Map<String, List<Result>> results, int repetition)
      throws Exception {
    boolean warmUp = repetition == 0;
    int scale = warmUp ? 5 : 1; // the warm-up round is a fifth of a measured one
    RawKafkaRequestReply raw = peers.raw;
    FarcallCalls farcall = peers.farcall;
    RmiPeer.NoopService rmi = peers.rmi;
    if (raw != null) {
      add(results, "raw Kafka, 1 in flight", raw.oneAtATime(ONE_AT_A_TIME / scale));
      add(
          results,
          "raw Kafka, pipelined " + RAW_IN_FLIGHT + " in flight",
          raw.pipelined(RAW_PIPELINED / scale, RAW_IN_FLIGHT));
    }
    if (farcall != null) {
      add(
          results,
          "Farcall Dispatcher, 1 in flight",
          Measure.oneAtATime("farcall 1", 200 / scale, ONE_AT_A_TIME / scale, farcall::one));
      add(
          results,
          "Farcall Dispatcher, " + FARCALL_IN_FLIGHT + " in flight",
          Measure.pipelined(
              "farcall pipelined",
              FARCALL_PIPELINED / scale,
              FARCALL_IN_FLIGHT,
              LIMIT,
              farcall::async));
      add(
          results,
          "Farcall Dispatcher, batches of "
              + FARCALL_BATCH
              + ", "
              + FARCALL_IN_FLIGHT
              + " in flight",
          farcall.batched(FARCALL_PIPELINED / scale, FARCALL_IN_FLIGHT, FARCALL_BATCH));
      add(
          results,
          "Farcall REST invocation, 1 in flight",
          Measure.oneAtATime("farcall rest", 20, REST_CALLS / scale, farcall::rest));
    }
    if (rmi != null) {
      add(
          results,
          "Java RMI, 1 caller",
          Measure.oneAtATime("rmi 1", 2_000 / scale, RMI_CALLS / scale, rmi::noop));
      add(
          results,
          "Java RMI, 8 callers",
          Measure.callers("rmi 8", 8, CALLERS_SECONDS / scale, rmi::noop));
      add(
          results,
          "Java RMI, 32 callers",
          Measure.callers("rmi 32", 32, CALLERS_SECONDS / scale, rmi::noop));
    }
    if (peers.hazelcastPort > 0) {
      List<Result> hz =
          HazelcastPeer.measureInChild(
              peers.hazelcastPort,
              hazelcastJvmOptions(),
              HZ_SYNC_CALLS / scale,
              HZ_ASYNC_CALLS / scale,
              HZ_IN_FLIGHT);
      add(results, "Hazelcast submitToMember, sync, 1 caller", hz.get(0));
      add(results, "Hazelcast submitToMember, async, " + HZ_IN_FLIGHT + " in flight", hz.get(1));
    }
    if (!warmUp) {
      results.forEach(
          (name, list) -> {
            Result last = list.get(list.size() - 1);
            System.out.printf(
                Locale.ROOT,
                "  %-56s p50 %8s µs   p99 %8s µs   %,10.0f /s%n",
                name,
                last.p50Micros() < 0 ? "–" : String.valueOf(last.p50Micros()),
                last.p99Micros() < 0 ? "–" : String.valueOf(last.p99Micros()),
                last.perSecond());
          });
    }
  }

  private static void add(Map<String, List<Result>> results, String name, Result result) {
    results.computeIfAbsent(name, k -> new ArrayList<>()).add(result);
  }

  /** Farcall's calls of {@link Work#noop()}. */
  static final class FarcallCalls {
    private final CallDispatcher dispatcher;
    private final RemoteCall single;
    private final String programId;
    private final String jarSha256;
    private final MethodRef method;
    private final long fingerprint;
    private final byte[] payload;
    private final HttpClient http = HttpClient.newHttpClient();
    private final HttpRequest restRequest;

    FarcallCalls(FarcallCluster cluster) throws Exception {
      dispatcher = cluster.dispatcher();
      Method noop = Work.class.getMethod("noop");
      MethodCodec codec = new ArgumentCodec(Work.class.getClassLoader()).forMethod(noop);
      programId = cluster.programId;
      jarSha256 = cluster.jarSha256;
      method = new MethodRef(Work.class.getName(), "noop", MethodDescriptors.of(noop));
      fingerprint = codec.argumentFingerprint();
      payload = codec.encodeArguments(new Object[0]);
      single =
          RemoteCall.single(
              programId, jarSha256, method, fingerprint, payload, Deadline.in(CALL_TIMEOUT));
      restRequest =
          HttpRequest.newBuilder(
                  URI.create(cluster.apiUrl() + "/programs/" + programId + "/invocations"))
              .header("Authorization", "Bearer " + cluster.adminToken)
              .header("Content-Type", "application/json")
              .POST(
                  HttpRequest.BodyPublishers.ofString(
                      "{\"className\":\"" + Work.class.getName() + "\",\"methodName\":\"noop\"}"))
              .build();
    }

    private static void check(InvocationOutcome outcome) {
      if (!(outcome.result().getOutcome() instanceof ReturnedValue)) {
        throw new IllegalStateException("not a returned value: " + outcome.result());
      }
    }

    void one() throws Exception {
      check(
          dispatcher
              .invoke(single.withDeadline(Deadline.in(CALL_TIMEOUT)))
              .get(30, TimeUnit.SECONDS));
    }

    /** Completes on the dispatcher's own completion threads (no async stage here). */
    void async(java.util.function.BiConsumer<Object, Throwable> done) {
      dispatcher
          .invoke(single.withDeadline(Deadline.in(CALL_TIMEOUT)))
          .whenComplete(
              (outcome, error) -> {
                if (error == null && !(outcome.result().getOutcome() instanceof ReturnedValue)) {
                  error = new IllegalStateException("not a returned value: " + outcome.result());
                }
                done.accept(outcome, error);
              });
    }

    void rest() throws Exception {
      HttpResponse<String> response = http.send(restRequest, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "REST invocation: " + response.statusCode() + " " + response.body());
      }
    }

    /** Calls sent {@code batch} per request, up to {@code inFlight} calls outstanding. */
    Result batched(int calls, int inFlight, int batch) throws Exception {
      RemoteCall request =
          new RemoteCall(
              programId,
              jarSha256,
              method,
              fingerprint,
              Collections.nCopies(batch, payload),
              Deadline.in(CALL_TIMEOUT),
              Optional.empty(),
              RemoteCall.Delivery.RETRY_ON_ANOTHER_WORKER);
      Latencies latencies = new Latencies(calls);
      Semaphore window = new Semaphore(inFlight);
      int requests = calls / batch;
      CountDownLatch done = new CountDownLatch(requests * batch);
      AtomicReference<Throwable> failure = new AtomicReference<>();
      long started = System.nanoTime();
      long deadline = started + LIMIT.toNanos();
      for (int i = 0; i < requests; i++) {
        if (!window.tryAcquire(
            batch, Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
          throw new IllegalStateException("batched: no completion within " + LIMIT);
        }
        if (failure.get() != null) {
          throw new IllegalStateException("batched failed", failure.get());
        }
        long t = System.nanoTime();
        for (CompletableFuture<InvocationOutcome> f :
            dispatcher.invokeBatch(request.withDeadline(Deadline.in(CALL_TIMEOUT)))) {
          f.whenComplete(
              (outcome, error) -> {
                if (error == null && !(outcome.result().getOutcome() instanceof ReturnedValue)) {
                  error = new IllegalStateException("not a returned value: " + outcome.result());
                }
                if (error != null) {
                  failure.compareAndSet(null, error);
                } else {
                  latencies.add(System.nanoTime() - t);
                }
                window.release();
                done.countDown();
              });
        }
      }
      if (!done.await(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
        throw new IllegalStateException("batched: " + done.getCount() + " calls missing");
      }
      if (failure.get() != null) {
        throw new IllegalStateException("batched failed", failure.get());
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      return new Result(
          "batched",
          latencies.percentileMicros(50),
          latencies.percentileMicros(99),
          requests * batch / seconds);
    }
  }

  private static double median(List<Result> list, ToDoubleFunction<Result> field) {
    double[] values = list.stream().mapToDouble(field).sorted().toArray();
    int n = values.length;
    return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
  }

  private static void report(Map<String, List<Result>> results, int repetitions) {
    System.out.printf(
        Locale.ROOT,
        "%nMedians of %d repetitions (p50/p99 in µs of round trip; throughput in calls/s):%n%n",
        repetitions);
    System.out.println("| what | p50 µs | p99 µs | calls/s |");
    System.out.println("| --- | ---: | ---: | ---: |");
    Map<String, double[]> medians = new LinkedHashMap<>();
    results.forEach(
        (name, list) -> {
          double p50 = median(list, Result::p50Micros);
          double p99 = median(list, Result::p99Micros);
          double rate = median(list, Result::perSecond);
          medians.put(name, new double[] {p50, p99, rate});
          System.out.printf(
              Locale.ROOT,
              "| %s | %s | %s | %,.0f |%n",
              name,
              p50 < 0 ? "–" : String.format(Locale.ROOT, "%,.0f", p50),
              p99 < 0 ? "–" : String.format(Locale.ROOT, "%,.0f", p99),
              rate);
        });
    double[] raw1 = find(medians, "raw Kafka, 1 in flight");
    double[] rawP = find(medians, "raw Kafka, pipelined");
    double[] far1 = find(medians, "Farcall Dispatcher, 1 in flight");
    double[] farP = find(medians, "Farcall Dispatcher, " + FARCALL_IN_FLIGHT);
    double[] farB = find(medians, "Farcall Dispatcher, batches");
    double[] rmi1 = find(medians, "Java RMI, 1 caller");
    double[] rmi32 = find(medians, "Java RMI, 32 callers");
    double[] hzSync = find(medians, "Hazelcast submitToMember, sync");
    double[] hzAsync = find(medians, "Hazelcast submitToMember, async");
    System.out.println();
    System.out.println("| ratio (of medians) | value | target | meets target? |");
    System.out.println("| --- | ---: | --- | --- |");
    ratio("Farcall 1-in-flight p50 / raw Kafka p50", far1, raw1, 0, Target.AT_MOST, 1.5);
    ratio("Farcall 1-in-flight p99 / raw Kafka p99", far1, raw1, 1, Target.AT_MOST, 1.5);
    ratio("Farcall pipelined calls/s / raw Kafka pipelined", farP, rawP, 2, Target.AT_LEAST, 0.5);
    ratio("Farcall batched calls/s / raw Kafka pipelined", farB, rawP, 2, Target.NONE, 0);
    ratio("Farcall pipelined calls/s / Hazelcast async", farP, hzAsync, 2, Target.ABOVE, 1);
    ratio("Farcall batched calls/s / Hazelcast async", farB, hzAsync, 2, Target.ABOVE, 1);
    ratio("Farcall pipelined calls/s / RMI 32 callers", farP, rmi32, 2, Target.ABOVE, 1);
    ratio("Farcall batched calls/s / RMI 32 callers", farB, rmi32, 2, Target.ABOVE, 1);
    ratio("Farcall 1-in-flight p50 / RMI 1 caller p50", far1, rmi1, 0, Target.NONE, 0);
    ratio("Farcall 1-in-flight p50 / Hazelcast sync p50", far1, hzSync, 0, Target.NONE, 0);
  }

  private enum Target {
    AT_MOST("≤ "),
    AT_LEAST("≥ "),
    ABOVE("> "),
    NONE("");

    final String symbol;

    Target(String symbol) {
      this.symbol = symbol;
    }
  }

  private static double[] find(Map<String, double[]> medians, String prefix) {
    return medians.entrySet().stream()
        .filter(e -> e.getKey().startsWith(prefix))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse(null);
  }

  /** Prints {@code a[field] / b[field]} when both were measured. */
  private static void ratio(
      String name, double[] a, double[] b, int field, Target target, double bound) {
    if (a == null || b == null) {
      return;
    }
    double value = a[field] / b[field];
    String meets =
        switch (target) {
          case AT_MOST -> value <= bound ? "yes" : "no";
          case AT_LEAST -> value >= bound ? "yes" : "no";
          case ABOVE -> value > bound ? "yes" : "no";
          case NONE -> "–";
        };
    String goal =
        target == Target.NONE
            ? "(information)"
            : target.symbol + String.format(Locale.ROOT, "%.1f", bound);
    System.out.printf(Locale.ROOT, "| %s | %.2f× | %s | %s |%n", name, value, goal, meets);
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
    } catch (Exception e) {
      System.err.println("could not delete " + dir + ": " + e);
    }
    if (Files.exists(dir)) {
      System.err.println("left behind: " + dir + " " + Arrays.toString(dir.toFile().list()));
    }
  }
}
