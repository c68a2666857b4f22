package dev.farcall.benchmarks.e2e;

import dev.farcall.dispatch.CallDispatcher;
import dev.farcall.kafka.EmbeddedKafkaBroker;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
 * <p>This class starts the systems and runs the rounds; {@link EndToEndRound} measures each system
 * once, {@link FarcallCalls} makes Farcall's calls, and {@link EndToEndReport} prints the medians
 * and ratios.
 *
 * <p>Run: {@code benchmarks/run.sh dev.farcall.benchmarks.e2e.EndToEndBenchmark [repetitions]}.
 */
public final class EndToEndBenchmark {

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
      EndToEndRound round = new EndToEndRound();
      if (parts.contains("kafka") || parts.contains("farcall")) {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0, true);
        open.push(broker);
        if (parts.contains("kafka")) {
          round.raw = new RawKafkaRequestReply(broker.bootstrapServers());
        }
        if (parts.contains("farcall")) {
          FarcallCluster cluster = FarcallCluster.start(broker.bootstrapServers(), dir, 2);
          open.push(cluster);
          round.farcall = new FarcallCalls(cluster);
        }
      }
      if (parts.contains("rmi")) {
        ChildJvm rmiServer = ChildJvm.start(RmiPeer.class, List.of());
        open.push(rmiServer);
        round.rmi = RmiPeer.connect(rmiServer);
      }
      if (parts.contains("hazelcast")) {
        ChildJvm member = ChildJvm.start(HazelcastPeer.class, hazelcastJvmOptions());
        open.push(member);
        round.hazelcastPort = member.port();
      }
      // One unmeasured round of everything: JIT, connections, the workers' jar download.
      System.out.println("warm-up round...");
      round.measure(new LinkedHashMap<>(), 0);
      for (int r = 1; r <= repetitions; r++) {
        System.out.printf(
            Locale.ROOT,
            "repetition %d of %d (load average %.2f)%n",
            r,
            repetitions,
            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        round.measure(results, r);
      }
      EndToEndReport.print(results, repetitions);
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
