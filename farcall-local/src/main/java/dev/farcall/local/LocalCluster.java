package dev.farcall.local;

import dev.farcall.coordinator.CoordinatorApplication;
import dev.farcall.kafka.EmbeddedKafkaBroker;
import dev.farcall.worker.WorkerApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A running local cluster: the embedded broker, the coordinator and N in-process workers, each
 * started through its public entry point. {@link #close()} stops the workers first, then the
 * coordinator, then the broker. Everything durable lives under the data directory, so a new cluster
 * on the same directory finds every program uploaded before.
 */
public final class LocalCluster implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LocalCluster.class);

  /** Where the broker keeps its logs inside the data directory; kept across restarts. */
  static final String KAFKA_DIR = "kafka";

  private final Path dataDir;
  private final LocalTokens tokens;
  private final String bootstrapServers;
  private final int port;
  private final List<String> workerIds;
  private final OrderedShutdown shutdown;

  private LocalCluster(
      Path dataDir,
      LocalTokens tokens,
      String bootstrapServers,
      int port,
      List<String> workerIds,
      OrderedShutdown shutdown) {
    this.dataDir = dataDir;
    this.tokens = tokens;
    this.bootstrapServers = bootstrapServers;
    this.port = port;
    this.workerIds = List.copyOf(workerIds);
    this.shutdown = shutdown;
  }

  /** Starts a cluster with tokens from the environment or the data directory. */
  public static LocalCluster start(LocalOptions options) {
    Path dataDir = createDataDir(options.dataDir());
    return start(options, LocalTokens.resolve(dataDir), Map.of());
  }

  /**
   * Starts a cluster.
   *
   * @param options ports, data directory and worker count
   * @param tokens the tokens the coordinator accepts and the workers present
   * @param overrides extra {@code spring}/{@code farcall} properties for every service, applied
   *     last (tests use them, e.g., for a shorter heartbeat interval)
   * @throws IllegalStateException if a part does not start; whatever started is stopped again
   */
  public static LocalCluster start(
      LocalOptions options, LocalTokens tokens, Map<String, String> overrides) {
    Path dataDir = createDataDir(options.dataDir());
    OrderedShutdown shutdown = new OrderedShutdown();
    try {
      EmbeddedKafkaBroker broker =
          EmbeddedKafkaBroker.start(dataDir.resolve(KAFKA_DIR), options.kafkaPort(), false);
      shutdown.push("Kafka broker", broker);
      String bootstrap = broker.bootstrapServers();

      Map<String, String> coordinatorProps =
          ServiceArguments.inProcess(
              ServiceArguments.coordinator(options.port(), dataDir, bootstrap, tokens));
      coordinatorProps.putAll(overrides);
      ConfigurableApplicationContext coordinator =
          new SpringApplicationBuilder(CoordinatorApplication.class)
              .main(CoordinatorApplication.class)
              .registerShutdownHook(false)
              .run(ServiceArguments.toArgs(coordinatorProps));
      shutdown.push("coordinator", coordinator::close);
      int port = actualPort(coordinator, options.port());

      List<String> workerIds = new ArrayList<>();
      for (int i = 1; i <= options.workers(); i++) {
        String workerId = "local-worker-" + i;
        Map<String, String> workerProps =
            ServiceArguments.inProcess(
                ServiceArguments.worker(
                    workerId, "http://127.0.0.1:" + port, dataDir, bootstrap, tokens.worker()));
        workerProps.putAll(overrides);
        ConfigurableApplicationContext worker =
            new SpringApplicationBuilder(WorkerApplication.class)
                .main(WorkerApplication.class)
                .registerShutdownHook(false)
                .run(ServiceArguments.toArgs(workerProps));
        shutdown.push("worker " + workerId, worker::close);
        workerIds.add(workerId);
      }
      return new LocalCluster(dataDir, tokens, bootstrap, port, workerIds, shutdown);
    } catch (RuntimeException | LinkageError e) {
      log.error("Farcall did not start: {}", e.toString());
      shutdown.close();
      throw e;
    }
  }

  private static Path createDataDir(Path dataDir) {
    Path dir = dataDir.toAbsolutePath().normalize();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("could not create the data directory " + dir, e);
    }
    return dir;
  }

  private static int actualPort(ConfigurableApplicationContext context, int requested) {
    String local = context.getEnvironment().getProperty("local.server.port");
    return local != null ? Integer.parseInt(local) : requested;
  }

  /** The coordinator's base URL, e.g. {@code http://127.0.0.1:8080}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  /** The REST API's root, e.g. {@code http://127.0.0.1:8080/api/v1}. */
  public String apiUrl() {
    return baseUrl() + "/api/v1";
  }

  /** The Swagger UI of the REST API. */
  public String swaggerUrl() {
    return baseUrl() + "/swagger-ui.html";
  }

  /** The coordinator's HTTP port (the actual one when 0 was asked for). */
  public int port() {
    return port;
  }

  /** The absolute data directory. */
  public Path dataDir() {
    return dataDir;
  }

  /** The tokens the coordinator accepts. */
  public LocalTokens tokens() {
    return tokens;
  }

  /** The embedded broker's bootstrap servers. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** The ids of the in-process workers, e.g. {@code local-worker-1}. */
  public List<String> workerIds() {
    return workerIds;
  }

  /** Stops the workers, then the coordinator, then the broker. Idempotent. */
  @Override
  public void close() {
    shutdown.close();
  }
}
