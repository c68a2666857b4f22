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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A coordinator in a child JVM (so a test can kill it, or measure its threads and file descriptors
 * alone) on the shared cluster's broker, with topics of its own, a data directory of its own and
 * one in-process worker of its own. Close it after the test.
 */
final class ChildCoordinator implements AutoCloseable {

  final Path dataDir;
  final String prefix = "child" + UUID.randomUUID().toString().substring(0, 8) + ".";
  final int port;
  final LocalTokens tokens;
  final FarcallApi api;
  private final LocalCluster shared;
  private final List<Process> processes = new ArrayList<>();
  private ConfigurableApplicationContext worker;
  private Process current;

  ChildCoordinator() throws IOException {
    shared = TestCluster.get();
    dataDir = TestCluster.tempDir("farcall-child-");
    port = freePort();
    tokens = LocalTokens.resolve(dataDir, name -> null);
    api = new FarcallApi("http://127.0.0.1:" + port, tokens.admin());
  }

  /** Starts (or starts again) the coordinator JVM and waits until it answers. */
  ChildCoordinator start(String name) throws IOException {
    Map<String, String> props =
        ServiceArguments.coordinator(port, dataDir, shared.bootstrapServers(), tokens);
    props.put("farcall.kafka.topic-prefix", prefix);
    props.put("farcall.kafka.invocation-partitions", "2");
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
                shared.bootstrapServers(),
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
