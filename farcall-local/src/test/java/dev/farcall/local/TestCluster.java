package dev.farcall.local;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import tools.jackson.databind.JsonNode;

/**
 * The one local cluster the end-to-end tests of this JVM share, started through the launcher's own
 * code ({@link LocalCluster}) on a free port and a temporary data directory, with two in-process
 * workers. Stopped, in order, when the JVM exits.
 */
final class TestCluster {

  /** Faster heartbeats than the default, so that a dead worker is noticed quickly. */
  static final Map<String, String> TEST_PROPERTIES =
      Map.of("farcall.worker.heartbeat-interval", "500ms", "farcall.worker.slots", "2");

  /** The examples jar and a third-party jar, copied here by the build. */
  static final Path EXAMPLES_JAR = Path.of("target", "test-jars", "examples.jar");

  static final Path COMMONS_LANG3_JAR = Path.of("target", "test-jars", "commons-lang3.jar");

  private static LocalCluster cluster;
  private static String examplesProgramId;

  private TestCluster() {}

  /** The shared cluster, started on first use; its workers are registered when this returns. */
  static synchronized LocalCluster get() {
    if (cluster == null) {
      Path dataDir = tempDir("farcall-e2e-");
      LocalOptions options = LocalOptions.defaults().withPort(0).withDataDir(dataDir);
      LocalCluster started =
          LocalCluster.start(options, LocalTokens.resolve(dataDir, name -> null), TEST_PROPERTIES);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    started.close();
                    deleteRecursively(dataDir);
                  },
                  "test-cluster-shutdown"));
      cluster = started;
      awaitAlive(admin(), started.workerIds());
    }
    return cluster;
  }

  /** A client with the admin token. */
  static FarcallApi admin() {
    LocalCluster c = get();
    return new FarcallApi(c.baseUrl(), c.tokens().admin());
  }

  /** The program id of the examples jar, uploaded once per JVM. */
  static synchronized String examplesProgram() {
    if (examplesProgramId == null) {
      examplesProgramId = admin().uploadProgram(EXAMPLES_JAR);
    }
    return examplesProgramId;
  }

  /** Waits until every given worker is listed as ALIVE by {@code GET /workers}. */
  static void awaitAlive(FarcallApi api, Collection<String> workerIds) {
    await("workers " + workerIds + " ALIVE in GET /workers")
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(200))
        .ignoreExceptions()
        .until(() -> aliveWorkers(api).containsAll(workerIds));
  }

  /** The ids of the workers {@code GET /workers} lists as ALIVE. */
  static Set<String> aliveWorkers(FarcallApi api) {
    FarcallApi.Response response = api.get("/workers");
    if (response.status() != 200) {
      throw new AssertionError("GET /workers: " + response);
    }
    return FarcallApi.items(response.json()).stream()
        .filter(w -> "ALIVE".equals(w.path("status").asString("")))
        .map(w -> w.get("id").asString())
        .collect(Collectors.toSet());
  }

  /** The worker description {@code GET /workers} gives for {@code id}, if listed. */
  static java.util.Optional<JsonNode> worker(FarcallApi api, String id) {
    return FarcallApi.items(api.get("/workers").json()).stream()
        .filter(w -> id.equals(w.path("id").asString("")))
        .findFirst();
  }

  /**
   * A copy of the examples jar with the same classes but other bytes (one extra empty entry), so
   * that it uploads as a program of its own, with a plan and profiles of its own.
   */
  static Path copyOfExamplesJar(String prefix) {
    try {
      Path copy = Files.createTempFile(prefix, ".jar");
      try (ZipInputStream in = new ZipInputStream(Files.newInputStream(EXAMPLES_JAR));
          ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(copy))) {
        for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
          out.putNextEntry(new ZipEntry(e.getName()));
          in.transferTo(out);
          out.closeEntry();
        }
        out.putNextEntry(new ZipEntry(prefix + UUID.randomUUID() + ".txt"));
        out.closeEntry();
      }
      copy.toFile().deleteOnExit();
      return copy;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path tempDir(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: a temp directory left behind harms nothing
    }
  }
}
