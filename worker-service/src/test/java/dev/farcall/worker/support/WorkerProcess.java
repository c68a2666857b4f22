package dev.farcall.worker.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real worker in a child JVM (this test JVM's class path, the worker's public entry point), so a
 * test can kill it the way a machine dies: no drain, no last heartbeat, no reply.
 */
public final class WorkerProcess implements AutoCloseable {

  private final Process process;
  private final Path log;

  private WorkerProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** Starts a worker process against the test broker and coordinator. */
  public static WorkerProcess start(
      TestKafka kafka, FakeCoordinator coordinator, String workerId, int slots) throws IOException {
    Path dir = Files.createTempDirectory("worker-process");
    Path log = dir.resolve("worker.log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx192m");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("dev.farcall.worker.WorkerApplication");
    command.add("--spring.main.web-application-type=none");
    command.add("--spring.main.banner-mode=off");
    command.add("--farcall.kafka.bootstrap-servers=" + kafka.bootstrapServers());
    command.add("--farcall.kafka.topic-prefix=" + kafka.topics().prefix());
    command.add("--farcall.worker.id=" + workerId);
    command.add("--farcall.worker.coordinator-url=" + coordinator.url());
    command.add("--farcall.worker.token=" + FakeCoordinator.WORKER_TOKEN);
    command.add("--farcall.worker.slots=" + slots);
    command.add("--farcall.worker.cache-dir=" + dir.resolve("cache"));
    command.add("--farcall.worker.heartbeat-interval=300ms");
    command.add("--logging.level.org.apache.kafka=warn");
    Process p =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new WorkerProcess(p, log);
  }

  /** Kills the process at once (SIGKILL) and waits for it to be gone. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** The worker's output so far, for a failing test's message. */
  public String output() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no output: " + e + ")";
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
