package dev.farcall.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka broker (KRaft, combined broker and controller) started in this JVM from the
 * official Apache Kafka server artifacts. Used by {@code ./farcall local} and by the services'
 * tests; one instance per JVM is plenty.
 *
 * <p>Kafka's fault handler calls {@code Exit.halt}; while a broker runs here, exit and halt
 * procedures are replaced so that a broker fault is logged and thrown instead of killing the JVM
 * that hosts the coordinator or the tests.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

  /** Small log cleaner buffer: the 128 MiB default alone can exhaust a small heap. */
  private static final String CLEANER_DEDUPE_BUFFER = String.valueOf(2 * 1024 * 1024);

  private final Path logDir;
  private final boolean deleteOnClose;
  private final String bootstrapServers;
  private final KafkaRaftServer server;
  private volatile boolean closed;

  private EmbeddedKafkaBroker(
      Path logDir, boolean deleteOnClose, String bootstrapServers, KafkaRaftServer server) {
    this.logDir = logDir;
    this.deleteOnClose = deleteOnClose;
    this.bootstrapServers = bootstrapServers;
    this.server = server;
  }

  /** Starts a broker on a free loopback port with a temporary log directory deleted on close. */
  public static EmbeddedKafkaBroker start() {
    try {
      return start(Files.createTempDirectory("farcall-kafka-"), 0, true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Starts a broker.
   *
   * @param logDir where the broker keeps its logs; formatted on first use, reused afterwards
   * @param port the client port on 127.0.0.1, or 0 for a free one
   * @param deleteOnClose whether {@link #close()} deletes {@code logDir}
   */
  public static EmbeddedKafkaBroker start(Path logDir, int port, boolean deleteOnClose) {
    installExitGuards();
    int clientPort = port == 0 ? freePort() : port;
    int controllerPort = freePort();
    Properties props = loopbackProperties(logDir, clientPort, controllerPort);
    return launch(props, Uuid.randomUuid().toString(), deleteOnClose, "127.0.0.1:" + clientPort);
  }

  /**
   * Starts a broker on settings given as in {@code server.properties}, over the single-node
   * defaults of {@link #singleNodeDefaults()}: the standalone broker of the container image ({@link
   * StandaloneBroker}). Unlike {@link #start(Path, int, boolean)}, Kafka's exit and halt stay real,
   * so a broker fault ends the process and its supervisor restarts it.
   *
   * @param settings broker settings; they must name the listeners, the controller quorum and {@code
   *     log.dirs}
   * @param clusterId the cluster id written when the log directories are formatted (first start)
   */
  public static EmbeddedKafkaBroker startStandalone(Properties settings, String clusterId) {
    Properties props = singleNodeDefaults();
    props.putAll(settings);
    return launch(
        props, clusterId, false, hostsAndPorts(props.getProperty("advertised.listeners", "")));
  }

  /** {@code PLAINTEXT://kafka:9092,SSL://kafka:9093} → {@code kafka:9092,kafka:9093}. */
  private static String hostsAndPorts(String listeners) {
    return Arrays.stream(listeners.split(","))
        .map(String::strip)
        .filter(l -> !l.isEmpty())
        .map(l -> l.substring(l.indexOf("://") + 3))
        .collect(Collectors.joining(","));
  }

  private static EmbeddedKafkaBroker launch(
      Properties props, String clusterId, boolean deleteOnClose, String bootstrapServers) {
    try {
      KafkaConfig config = KafkaConfig.fromProps(props, false);
      Path logDir = Path.of(config.metadataLogDir());
      for (String dir : logDirs(config)) {
        Files.createDirectories(Path.of(dir));
      }
      formatIfNeeded(config, clusterId);
      KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
      long started = System.nanoTime();
      server.startup();
      log.info(
          "Embedded Kafka broker listening on {} (started in {} ms, logs in {})",
          bootstrapServers,
          (System.nanoTime() - started) / 1_000_000,
          logDir);
      return new EmbeddedKafkaBroker(logDir, deleteOnClose, bootstrapServers, server);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new IllegalStateException("could not start the embedded Kafka broker: " + e, e);
    }
  }

  /** The bootstrap servers to give clients, e.g. {@code 127.0.0.1:39211}. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** Where the broker keeps its logs. */
  public Path logDir() {
    return logDir;
  }

  /** Stops the broker, waits for it, and deletes the log directory if asked to. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    server.shutdown();
    server.awaitShutdown();
    if (deleteOnClose) {
      deleteRecursively(logDir);
    }
    log.info("Embedded Kafka broker on {} stopped", bootstrapServers);
  }

  /** Blocks until the broker has shut down (after {@link #close()}, or after a fatal fault). */
  public void awaitShutdown() {
    server.awaitShutdown();
  }

  /**
   * Settings every single-node broker here shares: one node that is both broker and controller,
   * replication factors and in-sync minimums of 1 (internal topics included), no initial rebalance
   * delay, and a small log cleaner buffer. Topics are never created by a client asking for them, as
   * in the compose file and the Helm chart: a worker's late reply to a run that ended must not
   * bring the run's deleted reply topic back (the objects' owner sweep ends a run's objects when
   * that topic is gone); Farcall creates each topic it uses itself.
   */
  public static Properties singleNodeDefaults() {
    Properties p = new Properties();
    p.putAll(
        Map.ofEntries(
            Map.entry("process.roles", "broker,controller"),
            Map.entry("node.id", "1"),
            Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
            Map.entry("controller.listener.names", "CONTROLLER"),
            Map.entry("inter.broker.listener.name", "PLAINTEXT"),
            Map.entry("offsets.topic.replication.factor", "1"),
            Map.entry("offsets.topic.num.partitions", "4"),
            Map.entry("transaction.state.log.replication.factor", "1"),
            Map.entry("transaction.state.log.min.isr", "1"),
            Map.entry("share.coordinator.state.topic.replication.factor", "1"),
            Map.entry("share.coordinator.state.topic.min.isr", "1"),
            Map.entry("min.insync.replicas", "1"),
            Map.entry("default.replication.factor", "1"),
            Map.entry("group.initial.rebalance.delay.ms", "0"),
            Map.entry("log.cleaner.dedupe.buffer.size", CLEANER_DEDUPE_BUFFER),
            Map.entry("auto.create.topics.enable", "false"),
            Map.entry("num.partitions", "1"),
            Map.entry("log.retention.hours", "24"),
            Map.entry("log.segment.bytes", String.valueOf(64 * 1024 * 1024))));
    return p;
  }

  private static Properties loopbackProperties(Path logDir, int clientPort, int controllerPort) {
    Properties p = singleNodeDefaults();
    p.putAll(
        Map.of(
            "controller.quorum.voters",
            "1@127.0.0.1:" + controllerPort,
            "listeners",
            "PLAINTEXT://127.0.0.1:" + clientPort + ",CONTROLLER://127.0.0.1:" + controllerPort,
            "advertised.listeners",
            "PLAINTEXT://127.0.0.1:" + clientPort,
            "log.dirs",
            logDir.toAbsolutePath().toString()));
    return p;
  }

  private static List<String> logDirs(KafkaConfig config) {
    return config.logDirs();
  }

  private static void formatIfNeeded(KafkaConfig config, String clusterId) throws Exception {
    String metadataDir = config.metadataLogDir();
    if (Files.exists(Path.of(metadataDir, "meta.properties"))) {
      return;
    }
    new Formatter()
        .setPrintStream(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
        .setNodeId(config.nodeId())
        .setClusterId(clusterId)
        .setDirectories(logDirs(config))
        .setMetadataLogDirectory(metadataDir)
        .setControllerListenerName("CONTROLLER")
        .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
        .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
        .run();
  }

  /** A broker fault must not stop the JVM that hosts the coordinator or the tests. */
  private static void installExitGuards() {
    Exit.setExitProcedure(
        (status, message) -> {
          throw new IllegalStateException(
              "Kafka broker asked to exit with status " + status + ": " + message);
        });
    Exit.setHaltProcedure(
        (status, message) -> {
          throw new IllegalStateException(
              "Kafka broker asked to halt with status " + status + ": " + message);
        });
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths
          .sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  log.warn("could not delete {}: {}", p, e.toString());
                }
              });
    } catch (IOException e) {
      log.warn("could not clean up {}: {}", dir, e.toString());
    }
  }
}
