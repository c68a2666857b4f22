package dev.farcall.local;

import dev.farcall.coordinator.CoordinatorApplication;
import dev.farcall.worker.WorkerApplication;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code --key=value} arguments that configure the coordinator and the workers of a local
 * cluster. They are passed as command-line arguments, the property source that wins over the
 * services' own {@code application.*} files, so the same list starts an in-process context or a
 * child JVM.
 */
public final class ServiceArguments {

  /**
   * Auto-configurations a worker must not run: the coordinator's persistence and security are on
   * the same class path in local mode, and a worker has no database and serves no HTTP.
   */
  static final String WORKER_EXCLUDED_AUTO_CONFIGURATIONS =
      String.join(
          ",",
          "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
          "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
          "org.springframework.boot.jdbc.autoconfigure.DataSourceInitializationAutoConfiguration",
          "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
          "org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration",
          "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
          "org.springframework.boot.data.jdbc.autoconfigure.DataJdbcRepositoriesAutoConfiguration",
          "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
          "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration");

  private ServiceArguments() {}

  /** Settings every service of a local cluster shares: the broker, no banner, quiet Kafka logs. */
  static Map<String, String> common(String bootstrapServers) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("farcall.kafka.bootstrap-servers", bootstrapServers);
    p.put("spring.main.banner-mode", "off");
    p.put("logging.level.kafka", "WARN");
    p.put("logging.level.org.apache.kafka", "WARN");
    p.put("logging.level.state.change.logger", "WARN");
    return p;
  }

  /** The coordinator's settings. */
  public static Map<String, String> coordinator(
      int port, Path dataDir, String bootstrapServers, LocalTokens tokens) {
    Map<String, String> p = common(bootstrapServers);
    p.put("server.port", String.valueOf(port));
    p.put("server.address", "127.0.0.1");
    p.put("farcall.data-dir", dataDir.toAbsolutePath().normalize().toString());
    p.put("farcall.security.admin-token", tokens.admin());
    p.put("farcall.security.viewer-token", tokens.viewer());
    p.put("farcall.security.worker-token", tokens.worker());
    p.put("spring.application.name", "farcall-coordinator");
    p.put("spring.config.location", ServiceConfigFiles.locationFor(CoordinatorApplication.class));
    return p;
  }

  /** The settings of one worker that runs without a web server. */
  public static Map<String, String> worker(
      String workerId, String coordinatorUrl, Path dataDir, String bootstrapServers, String token) {
    Map<String, String> p = common(bootstrapServers);
    p.put("spring.config.location", ServiceConfigFiles.locationFor(WorkerApplication.class));
    p.put("spring.main.web-application-type", "none");
    p.put("spring.autoconfigure.exclude", WORKER_EXCLUDED_AUTO_CONFIGURATIONS);
    p.put("spring.application.name", workerId);
    p.put("farcall.worker.id", workerId);
    p.put("farcall.worker.coordinator-url", coordinatorUrl);
    p.put("farcall.worker.token", token);
    p.put(
        "farcall.worker.cache-dir",
        dataDir.resolve("workers").resolve(workerId).toAbsolutePath().normalize().toString());
    return p;
  }

  /**
   * Settings for a service that runs inside the launcher's JVM: the launcher stops it in order, so
   * Spring's own shutdown hooks (which would race the launcher's) stay off.
   */
  public static Map<String, String> inProcess(Map<String, String> properties) {
    Map<String, String> p = new LinkedHashMap<>(properties);
    p.put("spring.main.register-shutdown-hook", "false");
    p.put("logging.register-shutdown-hook", "false");
    return p;
  }

  /** The settings as {@code --key=value} arguments, in order. */
  public static String[] toArgs(Map<String, String> properties) {
    List<String> args = new ArrayList<>(properties.size());
    properties.forEach((k, v) -> args.add("--" + k + "=" + v));
    return args.toArray(String[]::new);
  }
}
