package dev.farcall.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
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
  private final int port;
  private final KafkaRaftServer server;
  private volatile boolean closed;

  private EmbeddedKafkaBroker(
      Path logDir, boolean deleteOnClose, int port, KafkaRaftServer server) {
    this.logDir = logDir;
    this.deleteOnClose = deleteOnClose;
    this.port = port;
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
    try {
      Files.createDirectories(logDir);
      Properties props = brokerProperties(logDir, clientPort, controllerPort);
      KafkaConfig config = KafkaConfig.fromProps(props, false);
      formatIfNeeded(config, logDir);
      KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
      long started = System.nanoTime();
      server.startup();
      log.info(
          "Embedded Kafka broker listening on 127.0.0.1:{} (started in {} ms, logs in {})",
          clientPort,
          (System.nanoTime() - started) / 1_000_000,
          logDir);
      return new EmbeddedKafkaBroker(logDir, deleteOnClose, clientPort, server);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new IllegalStateException("could not start the embedded Kafka broker: " + e, e);
    }
  }

  /** The bootstrap servers to give clients, e.g. {@code 127.0.0.1:39211}. */
  public String bootstrapServers() {
    return "127.0.0.1:" + port;
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
    log.info("Embedded Kafka broker on port {} stopped", port);
  }

  private static Properties brokerProperties(Path logDir, int clientPort, int controllerPort) {
    Properties p = new Properties();
    p.putAll(
        Map.ofEntries(
            Map.entry("process.roles", "broker,controller"),
            Map.entry("node.id", "1"),
            Map.entry("controller.quorum.voters", "1@127.0.0.1:" + controllerPort),
            Map.entry(
                "listeners",
                "PLAINTEXT://127.0.0.1:"
                    + clientPort
                    + ",CONTROLLER://127.0.0.1:"
                    + controllerPort),
            Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + clientPort),
            Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
            Map.entry("controller.listener.names", "CONTROLLER"),
            Map.entry("inter.broker.listener.name", "PLAINTEXT"),
            Map.entry("log.dirs", logDir.toAbsolutePath().toString()),
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
            Map.entry("auto.create.topics.enable", "true"),
            Map.entry("num.partitions", "1"),
            Map.entry("log.retention.hours", "24"),
            Map.entry("log.segment.bytes", String.valueOf(64 * 1024 * 1024))));
    return p;
  }

  private static void formatIfNeeded(KafkaConfig config, Path logDir) throws Exception {
    if (Files.exists(logDir.resolve("meta.properties"))) {
      return;
    }
    new Formatter()
        .setPrintStream(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
        .setNodeId(config.nodeId())
        .setClusterId(Uuid.randomUuid().toString())
        .setDirectories(List.of(logDir.toAbsolutePath().toString()))
        .setMetadataLogDirectory(logDir.toAbsolutePath().toString())
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
