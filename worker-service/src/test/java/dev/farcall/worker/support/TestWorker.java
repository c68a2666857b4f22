package dev.farcall.worker.support;

import dev.farcall.worker.WorkerApplication;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts a real worker (its Spring context, no web server) against the test broker and fake. */
public final class TestWorker {

  private TestWorker() {}

  /** Starts a worker with {@code slots} slots and the given cache directory. */
  public static ConfigurableApplicationContext start(
      TestKafka kafka, FakeCoordinator coordinator, String workerId, int slots, Path cacheDir) {
    return start(kafka, coordinator, workerId, slots, cacheDir, Map.of());
  }

  /** Starts a worker with more properties (they win over the defaults here). */
  public static ConfigurableApplicationContext start(
      TestKafka kafka,
      FakeCoordinator coordinator,
      String workerId,
      int slots,
      Path cacheDir,
      Map<String, Object> more) {
    Map<String, Object> properties = new HashMap<>();
    properties.put("farcall.kafka.bootstrap-servers", kafka.bootstrapServers());
    properties.put("farcall.kafka.topic-prefix", kafka.topics().prefix());
    properties.put("farcall.worker.id", workerId);
    properties.put("farcall.worker.coordinator-url", coordinator.url().toString());
    properties.put("farcall.worker.token", FakeCoordinator.WORKER_TOKEN);
    properties.put("farcall.worker.slots", slots);
    properties.put("farcall.worker.cache-dir", cacheDir.toString());
    properties.put("farcall.worker.heartbeat-interval", "300ms");
    properties.put("farcall.worker.drain-timeout", "20s");
    properties.put("resilience4j.retry.instances.coordinator.wait-duration", "50ms");
    properties.put("spring.main.banner-mode", "off");
    properties.put("logging.level.org.apache.kafka", "warn");
    properties.putAll(more);
    // As command-line arguments: builder properties() would rank below application.yml.
    String[] args =
        properties.entrySet().stream()
            .map(e -> "--" + e.getKey() + "=" + e.getValue())
            .toArray(String[]::new);
    return new SpringApplicationBuilder(WorkerApplication.class)
        .web(WebApplicationType.NONE)
        .run(args);
  }
}
