package dev.farcall.local;

import static org.awaitility.Awaitility.await;

import dev.farcall.kafka.BrokerEnvironment;
import dev.farcall.kafka.StandaloneBroker;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A single-node Kafka broker in a child JVM (the {@link StandaloneBroker} of the container image,
 * configured by {@code KAFKA_*} variables), on ports and a log directory fixed when this is made:
 * killed and started again, it comes back at the same address with every topic, record and
 * committed offset it had. Close it after the test.
 */
final class ChildBroker implements AutoCloseable {

  private final Path logDir;
  private final int clientPort;
  private final int controllerPort;
  private final String clusterId = Uuid.randomUuid().toString();
  private final List<Process> processes = new ArrayList<>();
  private Process current;
  private int starts;

  ChildBroker() throws IOException {
    logDir = TestCluster.tempDir("farcall-child-kafka-");
    clientPort = freePort();
    controllerPort = freePort();
  }

  /** The bootstrap servers to give clients; the same across restarts. */
  String bootstrapServers() {
    return "127.0.0.1:" + clientPort;
  }

  /** Starts (or starts again) the broker JVM and waits until it answers an admin request. */
  ChildBroker start() throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.add("-XX:+UseSerialGC");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(StandaloneBroker.class.getName());
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(name -> name.startsWith("KAFKA_"));
    String controller = "127.0.0.1:" + controllerPort;
    env.put("KAFKA_LISTENERS", "PLAINTEXT://" + bootstrapServers() + ",CONTROLLER://" + controller);
    env.put("KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://" + bootstrapServers());
    env.put("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@" + controller);
    env.put("KAFKA_LOG_DIRS", logDir.toAbsolutePath().toString());
    env.put(BrokerEnvironment.CLUSTER_ID, clusterId);
    Path log =
        Files.createDirectories(Path.of("target")).resolve("child-broker-" + ++starts + ".log");
    current = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    processes.add(current);
    awaitAnswering(Duration.ofSeconds(120));
    return this;
  }

  /**
   * Kills the broker JVM with SIGKILL (no clean shutdown of its logs) and waits until it is gone.
   */
  void kill() throws InterruptedException {
    current.destroyForcibly();
    if (!current.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the broker did not die");
    }
  }

  private void awaitAnswering(Duration atMost) {
    Map<String, Object> config =
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers(),
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
            5_000,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
            5_000);
    try (Admin admin = Admin.create(config)) {
      await("the child broker on " + bootstrapServers() + " answers")
          .atMost(atMost)
          .pollInterval(Duration.ofMillis(200))
          .failFast("the broker JVM exited", () -> !current.isAlive())
          .ignoreExceptions()
          .until(() -> admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size() == 1);
    }
  }

  @Override
  public void close() {
    processes.forEach(Process::destroyForcibly);
    for (Process p : processes) {
      try {
        p.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    TestCluster.deleteRecursively(logDir);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
