package dev.farcall.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One compose project of the repository's own {@code docker-compose.yml}, run with {@code
 * podman-compose}: up, down (keeping or removing its named volumes), and what a test does to its
 * containers (kill, cut off from the network). {@link #close()} removes everything the project
 * made: containers, volumes and network.
 *
 * <p>podman-compose 1.0 starts the services in dependency order but does not wait for {@code
 * condition: service_healthy}, and without systemd podman runs no healthchecks by itself: a service
 * that starts too early fails and its restart policy starts it again, and callers wait for
 * readiness through the coordinator's API ({@link FarcallRest#awaitAliveWorkers}).
 */
public final class ComposeStack implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ComposeStack.class);

  private static final Duration COMPOSE_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration PODMAN_TIMEOUT = Duration.ofMinutes(2);

  private final Path repositoryRoot;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final StackSettings settings;

  private ComposeStack(Path repositoryRoot, StackSettings settings) {
    this.repositoryRoot = repositoryRoot;
    this.settings = settings;
  }

  /** Whether podman and podman-compose are installed. */
  public static boolean toolsInstalled() {
    return Commands.onPath("podman") && Commands.onPath("podman-compose");
  }

  /** The images of {@code settings} (and ours) that are missing from local storage. */
  public static List<String> missingImages(StackSettings settings) {
    List<String> missing = new ArrayList<>();
    for (String image :
        List.of(
            StackSettings.COORDINATOR_IMAGE,
            StackSettings.WORKER_IMAGE,
            settings.images().kafka(),
            settings.images().postgres())) {
      if (!podman(Path.of("."), "image", "exists", image).succeeded()) {
        missing.add(image);
      }
    }
    return missing;
  }

  /** Starts the stack ({@code up -d}) and returns at once; see {@link FarcallRest} to wait. */
  public static ComposeStack up(Path repositoryRoot, StackSettings settings) {
    ComposeStack stack = new ComposeStack(repositoryRoot, settings);
    // a test JVM stopped early (a timeout, Ctrl-C) still removes its containers
    Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "compose-down"));
    log.info("starting {} from {}/docker-compose.yml", settings, repositoryRoot);
    try {
      stack.compose("up", "-d").orThrow();
    } catch (RuntimeException e) {
      stack.close();
      throw e;
    }
    return stack;
  }

  /** The settings the stack runs with. */
  public StackSettings settings() {
    return settings;
  }

  /** {@code up -d} again after {@link #down()}: the same project on the same volumes. */
  public void upAgain() {
    compose("up", "-d").orThrow();
  }

  /** {@code down}: stops and removes the containers, keeps the named volumes. */
  public void down() {
    compose("down").orThrow();
  }

  /** The names of the service's containers that run or ran, in number order. */
  public List<String> containers(String service) {
    Commands.Result names =
        podman(
                repositoryRoot,
                "ps",
                "-a",
                "--filter",
                "label=io.podman.compose.project=" + settings.project(),
                "--filter",
                "label=com.docker.compose.service=" + service,
                "--format",
                "{{.Names}}")
            .orThrow();
    return lines(names).stream().sorted().toList();
  }

  /** The host name of a container (the {@code host} a worker reports in its heartbeats). */
  public String hostName(String container) {
    return podman(repositoryRoot, "inspect", "--format", "{{.Config.Hostname}}", container)
        .orThrow()
        .output()
        .strip();
  }

  /** The container of the service whose host name is {@code host}. */
  public Optional<String> containerWithHost(String service, String host) {
    return containers(service).stream().filter(c -> hostName(c).equals(host)).findFirst();
  }

  /** Sends SIGKILL to the container's processes ({@code podman kill}): no goodbye, no drain. */
  public void kill(String container) {
    podman(repositoryRoot, "kill", container).orThrow();
  }

  /** Stops a container as {@code podman stop} does: SIGTERM, so a worker drains and leaves. */
  public void stop(String container) {
    podman(repositoryRoot, "stop", container).orThrow();
  }

  /** Starts a stopped container again (a running one is left as it is). */
  public void start(String container) {
    podman(repositoryRoot, "start", container).orThrow();
  }

  /** Cuts the container off the stack's network: it runs on but reaches no one. */
  public void disconnect(String container) {
    podman(repositoryRoot, "network", "disconnect", network(), container).orThrow();
  }

  /** Connects the container to the stack's network again, under its service name. */
  public void connect(String container, String service) {
    podman(repositoryRoot, "network", "connect", "--alias", service, network(), container)
        .orThrow();
  }

  /** Runs the container's healthcheck once ({@code podman healthcheck run}). */
  public Commands.Result healthcheck(String container) {
    return podman(repositoryRoot, "healthcheck", "run", container);
  }

  /** Writes the log of every container of the project to {@code dir/<container>.log}. */
  public void saveLogs(Path dir) {
    try {
      Files.createDirectories(dir);
      for (String service : List.of("kafka", "postgres", "coordinator", "worker")) {
        for (String container : containers(service)) {
          Files.writeString(
              dir.resolve(container + ".log"), podman(repositoryRoot, "logs", container).output());
        }
      }
    } catch (IOException | RuntimeException e) {
      log.warn("could not save the logs of {}: {}", settings.project(), e.toString());
    }
  }

  /**
   * Removes the project: {@code down -v}, then whatever podman-compose 1.0 leaves (containers that
   * no longer match the replica count, the network). Never throws: it runs when a test failed too.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    report(compose("down", "-v"));
    String project = "label=io.podman.compose.project=" + settings.project();
    for (String id : lines(podman(repositoryRoot, "ps", "-a", "-q", "--filter", project))) {
      report(podman(repositoryRoot, "rm", "-f", "-v", id));
    }
    for (String volume : lines(podman(repositoryRoot, "volume", "ls", "-q", "--filter", project))) {
      report(podman(repositoryRoot, "volume", "rm", "-f", volume));
    }
    if (podman(repositoryRoot, "network", "exists", network()).succeeded()) {
      report(podman(repositoryRoot, "network", "rm", "-f", network()));
    }
  }

  /** The network podman-compose made for the project's default network. */
  public String network() {
    return settings.project() + "_default";
  }

  private Commands.Result compose(String... arguments) {
    // -f: exactly the repository's file (podman-compose would merge any override file it finds)
    List<String> command =
        new ArrayList<>(
            List.of(
                "podman-compose",
                "-f",
                repositoryRoot.resolve("docker-compose.yml").toString(),
                "-p",
                settings.project()));
    command.addAll(List.of(arguments));
    return Commands.run(command, repositoryRoot, settings.environment(), COMPOSE_TIMEOUT);
  }

  private static Commands.Result podman(Path directory, String... arguments) {
    List<String> command = new ArrayList<>(List.of("podman"));
    command.addAll(List.of(arguments));
    return Commands.run(command, directory, java.util.Map.of(), PODMAN_TIMEOUT);
  }

  private static List<String> lines(Commands.Result result) {
    return Arrays.stream(result.output().split("\\R"))
        .map(String::strip)
        .filter(l -> !l.isEmpty())
        .toList();
  }

  private static void report(Commands.Result result) {
    if (!result.succeeded()) {
      log.warn("{} exited {}: {}", result.command(), result.exitCode(), result.output().strip());
    }
  }

  /** Writes the stack's logs under {@code target/compose-logs/<project>} for a failed test. */
  public void saveLogsUnderTarget() {
    try {
      saveLogs(Files.createDirectories(Path.of("target", "compose-logs", settings.project())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
