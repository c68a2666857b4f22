package dev.farcall.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceArgumentsTests {

  private final LocalTokens tokens = new LocalTokens("a", "v", "w", false);

  @Test
  void coordinatorGetsPortDataDirBrokerAndAllTokens() {
    Map<String, String> p =
        ServiceArguments.coordinator(8081, Path.of("/srv/data"), "127.0.0.1:9092", tokens);

    assertThat(p)
        .containsEntry("server.port", "8081")
        .containsEntry("farcall.data-dir", "/srv/data")
        .containsEntry("farcall.kafka.bootstrap-servers", "127.0.0.1:9092")
        .containsEntry("farcall.security.admin-token", "a")
        .containsEntry("farcall.security.viewer-token", "v")
        .containsEntry("farcall.security.worker-token", "w")
        .containsEntry("logging.level.org.apache.kafka", "WARN");
  }

  @Test
  void workerRunsWithoutWebServerWithItsOwnIdCacheAndToken() {
    Map<String, String> p =
        ServiceArguments.worker(
            "local-worker-2", "http://127.0.0.1:8081", Path.of("/srv/data"), "b:1", "w");

    assertThat(p)
        .containsEntry("spring.main.web-application-type", "none")
        .containsEntry("farcall.worker.id", "local-worker-2")
        .containsEntry("farcall.worker.coordinator-url", "http://127.0.0.1:8081")
        .containsEntry("farcall.worker.token", "w")
        .containsEntry("farcall.worker.cache-dir", "/srv/data/workers/local-worker-2")
        .containsEntry("farcall.kafka.bootstrap-servers", "b:1");
    assertThat(p.get("spring.autoconfigure.exclude")).contains("DataSourceAutoConfiguration");
  }

  @Test
  void inProcessServicesLeaveShutdownToTheLauncher() {
    Map<String, String> p = ServiceArguments.inProcess(Map.of("server.port", "1"));

    assertThat(p)
        .containsEntry("spring.main.register-shutdown-hook", "false")
        .containsEntry("server.port", "1");
  }

  @Test
  void argumentsAreKeyValuePairsInOrder() {
    assertThat(ServiceArguments.toArgs(ServiceArguments.inProcess(Map.of("a.b", "c d"))))
        .startsWith("--a.b=c d");
  }
}
