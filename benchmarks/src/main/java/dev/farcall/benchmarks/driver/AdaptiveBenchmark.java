package dev.farcall.benchmarks.driver;

import static dev.farcall.benchmarks.driver.DriverBenchmark.JSON;
import static dev.farcall.benchmarks.driver.DriverBenchmark.PROGRAMS;
import static dev.farcall.benchmarks.driver.DriverBenchmark.median;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.farcall.benchmarks.driver.DriverBenchmark.Program;
import dev.farcall.benchmarks.e2e.DelayingProxy;
import dev.farcall.benchmarks.e2e.FarcallCluster;
import dev.farcall.benchmarks.report.ResultsFile;
import dev.farcall.kafka.EmbeddedKafkaBroker;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.Uuid;

/**
 * Issue 8's "adaptive" benchmark: programs × placement modes × network. Each program runs under
 * four modes a user can ask for (every movable call LOCAL, every movable call REMOTE, the plan
 * without a policy, and the default adaptive policy) on a cluster of 2 workers, once with the
 * workers on the broker's loopback listener and once with them behind a {@link DelayingProxy} on a
 * second listener that adds 1 ms each way (2 ms per round trip between the workers and the broker).
 * The oracle of a repetition is the fastest of its three fixed modes: the best placement known in
 * hindsight among those tried, not the best possible one. Each run's stdout is checked against
 * plain {@code java}'s. Writes {@code benchmarks/results/adaptive.json}.
 *
 * <p>Run: {@code benchmarks/areas/adaptive.sh [repetitions]}.
 */
public final class AdaptiveBenchmark {

  /** A mode: the run request's placement tunables and adaptive policy ({@code null}: default). */
  record Mode(String name, Map<String, Object> tunables, String policy) {}

  private static final Mode ALL_LOCAL =
      new Mode("all-local", Map.of("dispatchOverheadMicros", 10_000_000), "none");
  private static final Mode ALL_REMOTE =
      new Mode("all-remote", Map.of("dispatchOverheadMicros", 0, "nsPerByte", 0), "none");
  private static final Mode PLAN = new Mode("plan, no policy", Map.of(), "none");
  private static final Mode ADAPTIVE = new Mode("adaptive", Map.of(), null);
  private static final List<Mode> MODES = List.of(ALL_LOCAL, ALL_REMOTE, PLAN, ADAPTIVE);
  private static final List<Mode> FIXED = List.of(ALL_LOCAL, ALL_REMOTE, PLAN);

  private static final List<Program> MEASURED =
      List.of(
          new Program(
              "CPU-bound parallel stream", PROGRAMS + "parallelstream.Main", List.of("1000")),
          new Program(
              "fine-grained (tiny pure calls)",
              PROGRAMS + "finegrained.Main",
              List.of("200000000", "3")),
          new Program(
              "phase change (light, heavy, light)",
              PROGRAMS + "phases.Main",
              List.of("2000000", "200", "4000000")),
          new Program(
              "mixed I/O (file I/O beside pure calls)", PROGRAMS + "fileio.Main", List.of()));

  private static final Duration ONE_WAY = Duration.ofMillis(1);

  /**
   * A run's deadline: every call of a fine-grained site sent away makes a run of hours, so a run
   * that reaches it counts as taking it (a lower bound), and the figure says how many did.
   */
  private static final int DEADLINE_SECONDS = 30;

  private static final int WORKERS = 2;

  private AdaptiveBenchmark() {}

  public static void main(String[] args) throws Exception {
    int reps = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    Instant began = Instant.now();
    Path dir = Files.createTempDirectory("farcall-adaptive-bench-");
    Files.setPosixFilePermissions(
        dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    ArrayNode figures = JSON.createArrayNode();
    int direct = freePort();
    int delayedListener = freePort();
    int controller = freePort();
    try (DelayingProxy proxy =
            DelayingProxy.start(new InetSocketAddress("127.0.0.1", delayedListener), ONE_WAY);
        EmbeddedKafkaBroker broker =
            EmbeddedKafkaBroker.startStandalone(
                brokerSettings(dir, direct, delayedListener, proxy.port(), controller),
                Uuid.randomUuid().toString())) {
      String loopback = "127.0.0.1:" + direct;
      String delayed = "127.0.0.1:" + proxy.port();
      measureNetwork("loopback", loopback, loopback, dir, reps, figures);
      measureNetwork("+2 ms round trip", loopback, delayed, dir, reps, figures);
    } finally {
      DriverBenchmark.deleteRecursively(dir);
    }
    double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    ResultsFile.write(
        "adaptive",
        "Adaptive placement: programs × modes × network",
        List.of(
            "One embedded broker with two listeners: the coordinator and the runs on the loopback"
                + " one; the "
                + WORKERS
                + " workers (one JVM with the coordinator, default settings) on it too, or behind"
                + " a proxy that holds every byte "
                + ONE_WAY.toMillis()
                + " ms each way (network \"+2 ms round trip\"). A cluster per network.",
            "Modes: all-local (dispatchOverheadMicros 10,000,000 and no policy), all-remote"
                + " (dispatchOverheadMicros 0, nsPerByte 0, no policy), plan without a policy (the"
                + " static model with the measured profiles of earlier runs), adaptive (default"
                + " settings: the plan, the learned decisions and the cost-benefit policy). The"
                + " oracle of a repetition is its fastest fixed mode.",
            reps
                + " repetitions per program and network after one untimed run, the modes' order"
                + " rotated per repetition; run time from the request to finishedAt; every run's"
                + " stdout equal to plain java's. Policy CPU share: the policy's CPU time over the"
                + " run's wall time on one core (a run using more than one core spends less)."),
        figures,
        began,
        loadBefore,
        loadAfter);
  }

  private static Properties brokerSettings(
      Path dir, int direct, int delayedListener, int proxyPort, int controller) {
    Properties p = new Properties();
    p.put("controller.quorum.voters", "1@127.0.0.1:" + controller);
    p.put(
        "listeners",
        "PLAINTEXT://127.0.0.1:"
            + direct
            + ",DELAYED://127.0.0.1:"
            + delayedListener
            + ",CONTROLLER://127.0.0.1:"
            + controller);
    // clients that came in through the proxy are told to come back through it
    p.put(
        "advertised.listeners",
        "PLAINTEXT://127.0.0.1:" + direct + ",DELAYED://127.0.0.1:" + proxyPort);
    p.put(
        "listener.security.protocol.map",
        "PLAINTEXT:PLAINTEXT,DELAYED:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("log.dirs", dir.resolve("kafka").toString());
    return p;
  }

  private static void measureNetwork(
      String network,
      String bootstrap,
      String workerBootstrap,
      Path dir,
      int reps,
      ArrayNode figures)
      throws Exception {
    Path clusterDir = dir.resolve(network.replaceAll("[^a-z0-9]+", "-"));
    try (FarcallCluster cluster =
        FarcallCluster.start(bootstrap, workerBootstrap, clusterDir, WORKERS, Map.of())) {
      DriverBenchmark.awaitAnalysis(cluster);
      for (Program p : MEASURED) {
        measure(cluster, network, p, reps, figures);
      }
    }
  }

  private static void measure(
      FarcallCluster cluster, String network, Program p, int reps, ArrayNode figures)
      throws Exception {
    String expected = PlainJava.output(p);
    run(cluster, p, ADAPTIVE, expected); // the services' warm-up, and a first lesson
    Map<Mode, List<Double>> millis = new LinkedHashMap<>();
    Map<Mode, List<Double>> remote = new LinkedHashMap<>();
    MODES.forEach(
        m -> {
          millis.put(m, new ArrayList<>());
          remote.put(m, new ArrayList<>());
        });
    Map<Mode, Integer> deadlines = new LinkedHashMap<>();
    List<Double> policyShare = new ArrayList<>();
    for (int i = 0; i < reps; i++) {
      for (int k = 0; k < MODES.size(); k++) {
        Mode mode = MODES.get((i + k) % MODES.size());
        JsonNode run = run(cluster, p, mode, expected);
        double ms = run.path("millis").asDouble();
        millis.get(mode).add(ms);
        if (run.path("deadline").asBoolean()) {
          deadlines.merge(mode, 1, Integer::sum);
        }
        remote.get(mode).add(run.path("remoteCalls").asDouble());
        if (mode == ADAPTIVE) {
          policyShare.add(run.path("policyCpuNanos").asDouble() / (ms * 1e6) * 100);
        }
      }
    }
    String label = p.label() + ", " + network;
    for (Mode m : MODES) {
      ObjectNode f =
          DriverBenchmark.figure(label + ": " + m.name() + " run time", "ms", millis.get(m), 50);
      int cut = deadlines.getOrDefault(m, 0);
      f.put(
          "note",
          String.format("median remote calls per run %.0f", median(remote.get(m)))
              + (cut == 0
                  ? ""
                  : String.format(
                      "; %d of %d runs reached the %d s deadline (counted as %d s: a lower bound)",
                      cut, reps, DEADLINE_SECONDS, DEADLINE_SECONDS)));
      figures.add(f);
    }
    List<Double> toOracle = new ArrayList<>();
    List<Double> toLocal = new ArrayList<>();
    for (int i = 0; i < reps; i++) {
      double adaptive = millis.get(ADAPTIVE).get(i);
      double oracle = Double.MAX_VALUE;
      for (Mode m : FIXED) {
        oracle = Math.min(oracle, millis.get(m).get(i));
      }
      toOracle.add(adaptive / oracle);
      toLocal.add(adaptive / millis.get(ALL_LOCAL).get(i));
    }
    ratio(figures, label + ": adaptive / oracle", toOracle, 1.10, "at most 1.10x");
    ratio(figures, label + ": adaptive / all-local", toLocal, 1.05, "at most 1.05x");
    ObjectNode share = DriverBenchmark.figure(label + ": policy CPU share", "%", policyShare, 50);
    share.putObject("target").put("description", "at most 2%").put("met", median(policyShare) <= 2);
    figures.add(share);
    System.out.printf(
        "%s: local %.0f, remote %.0f, plan %.0f, adaptive %.0f ms; adaptive/oracle %.2f,"
            + " adaptive/local %.2f, policy %.2f%%%n",
        label,
        median(millis.get(ALL_LOCAL)),
        median(millis.get(ALL_REMOTE)),
        median(millis.get(PLAN)),
        median(millis.get(ADAPTIVE)),
        median(toOracle),
        median(toLocal),
        median(policyShare));
  }

  private static void ratio(
      ArrayNode figures, String name, List<Double> values, double limit, String description) {
    ObjectNode f = DriverBenchmark.figure(name, "x", values, 50);
    f.putObject("target").put("description", description).put("met", median(values) <= limit);
    figures.add(f);
  }

  /** One run: its time from the request to {@code finishedAt}, remote calls and policy CPU. */
  private static JsonNode run(FarcallCluster cluster, Program p, Mode mode, String expected)
      throws Exception {
    Instant requested = Instant.now();
    String id =
        DriverBenchmark.startRun(
            cluster, p.mainClass(), p.args(), mode.tunables(), mode.policy(), DEADLINE_SECONDS);
    JsonNode run = DriverBenchmark.awaitEnd(cluster, id);
    ObjectNode out = JSON.createObjectNode();
    if (!run.path("status").asText().equals("SUCCEEDED")) {
      if (!run.path("error").asText().toLowerCase(java.util.Locale.ROOT).contains("deadline")) {
        throw new IllegalStateException(p.label() + " under " + mode.name() + " failed: " + run);
      }
      out.put("millis", DEADLINE_SECONDS * 1000L);
      out.put("remoteCalls", run.path("stats").path("remoteCalls").asLong());
      out.put("deadline", true);
      return out;
    }
    String stdout = DriverBenchmark.get(cluster, cluster.apiUrl() + "/runs/" + id + "/output");
    if (!stdout.equals(expected)) {
      throw new IllegalStateException(
          p.label() + " under " + mode.name() + " printed otherwise than plain java: " + stdout);
    }
    Instant finished = Instant.parse(run.path("finishedAt").asText());
    out.put("millis", finished.toEpochMilli() - requested.toEpochMilli());
    out.put("remoteCalls", run.path("stats").path("remoteCalls").asLong());
    out.put("policyCpuNanos", run.path("stats").path("policy").path("cpuNanos").asLong());
    return out;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
