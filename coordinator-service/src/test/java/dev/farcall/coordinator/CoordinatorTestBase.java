package dev.farcall.coordinator;

import dev.farcall.kafka.SharedBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * Base of the coordinator's integration tests: the whole application on a random port, a fresh
 * temporary data directory (so H2 files and jars) per Spring context, the JVM's shared embedded
 * Kafka broker with a topic prefix of its own, and known tokens for the three roles. Test classes
 * with the same configuration share one context, so assert on what a test changed, not on totals.
 */
@SpringBootTest(
    classes = CoordinatorApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class CoordinatorTestBase {

  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

  /** Token of the admin role in every test context. */
  public static final String ADMIN_TOKEN = "test-admin-" + RUN;

  /** Token of the viewer role in every test context. */
  public static final String VIEWER_TOKEN = "test-viewer-" + RUN;

  /** Token of the worker role in every test context. */
  public static final String WORKER_TOKEN = "test-worker-" + RUN;

  @LocalServerPort protected int port;

  @Value("${farcall.data-dir}")
  protected Path dataDir;

  @DynamicPropertySource
  static void coordinatorProperties(DynamicPropertyRegistry registry) {
    String dataDir = newDataDir().toString();
    String topicPrefix = "t" + UUID.randomUUID().toString().replace("-", "") + ".";
    registry.add("farcall.data-dir", () -> dataDir);
    // Resolved lazily: the broker starts only if a bean of the context reads the property.
    registry.add("farcall.kafka.bootstrap-servers", SharedBroker::bootstrapServers);
    registry.add("farcall.kafka.topic-prefix", () -> topicPrefix);
    registry.add("farcall.security.admin-token", () -> ADMIN_TOKEN);
    registry.add("farcall.security.viewer-token", () -> VIEWER_TOKEN);
    registry.add("farcall.security.worker-token", () -> WORKER_TOKEN);
  }

  /** A new temporary data directory, deleted when the JVM exits. */
  public static Path newDataDir() {
    try {
      Path dir = Files.createTempDirectory("farcall-coordinator-test-");
      Runtime.getRuntime()
          .addShutdownHook(new Thread(() -> TestFiles.deleteRecursively(dir), "delete-" + dir));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A client of this coordinator sending {@code token} (none if null) that never throws on 4xx/5xx.
   */
  protected RestClient client(String token) {
    return client(port, token);
  }

  /** A client of the coordinator on {@code port}; see {@link #client(String)}. */
  public static RestClient client(int port, String token) {
    RestClient.Builder builder =
        RestClient.builder()
            .baseUrl("http://127.0.0.1:" + port)
            .requestFactory(new SimpleClientHttpRequestFactory())
            .defaultStatusHandler(status -> true, (request, response) -> {});
    if (token != null) {
      builder.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token);
    }
    return builder.build();
  }
}
