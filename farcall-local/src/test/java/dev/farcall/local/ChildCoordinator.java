package dev.farcall.local;

import static org.awaitility.Awaitility.await;

import dev.farcall.coordinator.CoordinatorApplication;
import dev.farcall.worker.WorkerApplication;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A coordinator in a child JVM (so a test can kill it, or measure its threads and file descriptors
 * alone) on the shared cluster's broker or a broker of the test's own, with topics of its own, a
 * data directory of its own and workers of its own: one in-process, or any number in child JVMs.
 * Close it after the test.
 */
final class ChildCoordinator implements AutoCloseable {

  final Path dataDir;
  final String prefix = "child" + UUID.randomUUID().toString().substring(0, 8) + ".";
  final int port;
  final LocalTokens tokens;
  final FarcallApi api;
  private final String bootstrapServers;
  private final List<Process> processes = new ArrayList<>();
  private final Map<String, String> overrides = new LinkedHashMap<>();
  private ConfigurableApplicationContext worker;
  private Process current;

  /** A coordinator on the shared cluster's broker. */
  ChildCoordinator() throws IOException {
    this(TestCluster.get().bootstrapServers());
  }

  /** A coordinator on the broker at {@code bootstrapServers}. */
  ChildCoordinator(String bootstrapServers) throws IOException {
    this.bootstrapServers = bootstrapServers;
    dataDir = TestCluster.tempDir("farcall-child-");
    port = freePort();
    tokens = LocalTokens.resolve(dataDir, name -> null);
    api = new FarcallApi("http://127.0.0.1:" + port, tokens.admin());
  }

  /** Sets a coordinator property for every later {@link #start}, over the defaults here. */
  ChildCoordinator with(String property, String value) {
    overrides.put(property, value);
    return this;
  }

  /** Starts (or starts again) the coordinator JVM and waits until it answers. */
  ChildCoordinator start(String name) throws IOException {
    Map<String, String> props =
        ServiceArguments.coordinator(port, dataDir, bootstrapServers, tokens);
    props.put("farcall.kafka.topic-prefix", prefix);
    props.put("farcall.kafka.invocation-partitions", "2");
    props.putAll(overrides);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(CoordinatorApplication.class.getName());
    command.addAll(List.of(ServiceArguments.toArgs(props)));
    Path log = Files.createDirectories(Path.of("target")).resolve("coordinator-" + name + ".log");
    current =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    processes.add(current);
    await("the child coordinator answers")
        .atMost(Duration.ofSeconds(180))
        .pollInterval(Duration.ofMillis(200))
        .ignoreExceptions()
        .until(() -> api.get("/actuator/health").status() == 200);
    return this;
  }

  /** Starts this coordinator's own worker in the test JVM and waits until it is ALIVE. */
  ChildCoordinator withWorker() {
    Map<String, String> props =
        ServiceArguments.inProcess(
            ServiceArguments.worker(
                prefix + "worker",
                "http://127.0.0.1:" + port,
                dataDir.resolve("worker"),
                bootstrapServers,
                tokens.worker()));
    props.put("farcall.kafka.topic-prefix", prefix);
    props.putAll(TestCluster.TEST_PROPERTIES);
    worker =
        new SpringApplicationBuilder(WorkerApplication.class)
            .main(WorkerApplication.class)
            .registerShutdownHook(false)
            .run(ServiceArguments.toArgs(props));
    TestCluster.awaitAlive(api, List.of(prefix + "worker"));
    return this;
  }

  /**
   * Starts a worker of this coordinator in a child JVM, with the launcher's arguments, the tests'
   * short heartbeat interval, then the given properties and JVM options; it is not awaited. Its
   * output goes to {@code target/<id>.log}.
   */
  Process startChildWorker(String id, Map<String, String> properties, String... jvmOptions)
      throws IOException {
    Map<String, String> props =
        ServiceArguments.worker(
            id, "http://127.0.0.1:" + port, dataDir, bootstrapServers, tokens.worker());
    props.put("farcall.kafka.topic-prefix", prefix);
    props.putAll(TestCluster.TEST_PROPERTIES);
    props.putAll(properties);
    Process worker = WorkerFailureTests.startChildWorker(props, id, jvmOptions);
    processes.add(worker);
    return worker;
  }

  /** The coordinator JVM's pid. */
  long pid() {
    return current.pid();
  }

  /** Kills the coordinator JVM with SIGKILL and waits until it is gone. */
  void kill() throws InterruptedException {
    current.destroyForcibly();
    if (!current.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the coordinator did not die");
    }
  }

  @Override
  public void close() {
    processes.forEach(Process::destroyForcibly);
    if (worker != null) {
      worker.close();
    }
    TestCluster.deleteRecursively(dataDir);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
