package dev.farcall.benchmarks.e2e;

import dev.farcall.coordinator.CoordinatorApplication;
import dev.farcall.dispatch.CallDispatcher;
import dev.farcall.dispatch.workers.WorkerRegistry;
import dev.farcall.worker.WorkerApplication;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The coordinator and two workers in this JVM, started through their Spring entry points the way
 * local mode starts them (settings as {@code --key=value} arguments, each context reading only its
 * own service's {@code application.yml}, as farcall-local's {@code ServiceArguments} does; that
 * module's main artifact is its executable jar, so it is not a dependency here), and the examples
 * jar uploaded over REST. Shared by the end-to-end and the run benchmarks.
 */
public final class FarcallCluster implements AutoCloseable {

  /**
   * A worker has no database and serves no HTTP, but the coordinator's auto-configurations share
   * the class path (the same list local mode uses).
   */
  private static final String WORKER_EXCLUDED_AUTO_CONFIGURATIONS =
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

  /** The admin token the coordinator was started with. */
  public final String adminToken = UUID.randomUUID().toString();

  private final String workerToken = UUID.randomUUID().toString();
  private final List<ConfigurableApplicationContext> workers = new ArrayList<>();
  private ConfigurableApplicationContext coordinator;
  int port;

  /** The id of the uploaded examples jar. */
  public String programId;

  String jarSha256;

  /** Starts the coordinator and {@code workerCount} workers; waits until all workers are ALIVE. */
  public static FarcallCluster start(String bootstrap, Path dir, int workerCount) throws Exception {
    return start(bootstrap, dir, workerCount, Map.of());
  }

  /** The same, with extra properties of the coordinator (e.g. one cluster per setting compared). */
  public static FarcallCluster start(
      String bootstrap, Path dir, int workerCount, Map<String, String> coordinatorProperties)
      throws Exception {
    return start(bootstrap, bootstrap, dir, workerCount, coordinatorProperties);
  }

  /**
   * The same, the workers reaching the broker through {@code workerBootstrap} (e.g. a listener
   * behind a delaying proxy) while the coordinator and the runs use {@code bootstrap}.
   */
  public static FarcallCluster start(
      String bootstrap,
      String workerBootstrap,
      Path dir,
      int workerCount,
      Map<String, String> coordinatorProperties)
      throws Exception {
    FarcallCluster cluster = new FarcallCluster();
    try {
      cluster.startAll(bootstrap, workerBootstrap, dir, workerCount, coordinatorProperties);
      return cluster;
    } catch (Exception | Error e) {
      cluster.close();
      throw e;
    }
  }

  private void startAll(
      String bootstrap,
      String workerBootstrap,
      Path dir,
      int workerCount,
      Map<String, String> coordinatorProperties)
      throws Exception {
    String extra = System.getProperty("farcall.bench.service-args", "").trim();
    if (!extra.isEmpty()) {
      System.out.println("extra service arguments: " + List.of(extra.split("\\s+|,(?=--)")));
    }
    String prefix = "bench" + UUID.randomUUID().toString().substring(0, 8) + ".";
    Map<String, String> c = common(bootstrap, prefix);
    c.put("spring.config.location", configLocation(CoordinatorApplication.class));
    c.put("server.port", "0");
    c.put("server.address", "127.0.0.1");
    c.put("farcall.data-dir", dir.resolve("coordinator").toString());
    c.put("farcall.security.admin-token", adminToken);
    c.put("farcall.security.viewer-token", UUID.randomUUID().toString());
    c.put("farcall.security.worker-token", workerToken);
    c.putAll(coordinatorProperties);
    coordinator =
        new SpringApplicationBuilder(CoordinatorApplication.class)
            .main(CoordinatorApplication.class)
            .registerShutdownHook(false)
            .run(args(c));
    port = Integer.parseInt(coordinator.getEnvironment().getProperty("local.server.port"));
    for (int i = 1; i <= workerCount; i++) {
      String id = "bench-worker-" + i;
      Map<String, String> w = common(workerBootstrap, prefix);
      w.put("spring.config.location", configLocation(WorkerApplication.class));
      w.put("spring.main.web-application-type", "none");
      w.put("spring.autoconfigure.exclude", WORKER_EXCLUDED_AUTO_CONFIGURATIONS);
      w.put("spring.application.name", id);
      w.put("farcall.worker.id", id);
      w.put("farcall.worker.coordinator-url", "http://127.0.0.1:" + port);
      w.put("farcall.worker.token", workerToken);
      w.put("farcall.worker.cache-dir", dir.resolve(id).toString());
      workers.add(
          new SpringApplicationBuilder(WorkerApplication.class)
              .main(WorkerApplication.class)
              .registerShutdownHook(false)
              .run(args(w)));
    }
    WorkerRegistry registry = coordinator.getBean(WorkerRegistry.class);
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (registry.aliveWorkers().size() < workerCount) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("workers not ALIVE within 60 s: " + registry.workers());
      }
      Thread.sleep(50);
    }
    upload();
  }

  private static Map<String, String> common(String bootstrap, String prefix) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("farcall.kafka.bootstrap-servers", bootstrap);
    p.put("farcall.kafka.topic-prefix", prefix);
    p.put("spring.main.banner-mode", "off");
    p.put("spring.main.register-shutdown-hook", "false");
    p.put("logging.register-shutdown-hook", "false");
    p.put("logging.level.root", "WARN");
    return p;
  }

  /**
   * The settings as arguments, then the extra ones of the system property {@code
   * farcall.bench.service-args} ({@code --key=value} separated by spaces or by commas, given to
   * every service), e.g. {@code --farcall.dispatch.linger=0ms,--farcall.kafka.producer.linger=0ms}
   * (commas survive {@code JAVA_OPTS} in {@code run.sh}).
   */
  private static String[] args(Map<String, String> properties) {
    List<String> args = new ArrayList<>();
    properties.forEach((k, v) -> args.add("--" + k + "=" + v));
    String extra = System.getProperty("farcall.bench.service-args", "").trim();
    if (!extra.isEmpty()) {
      args.addAll(List.of(extra.split("\\s+|,(?=--)")));
    }
    return args.toArray(String[]::new);
  }

  /**
   * The {@code spring.config.location} naming the {@code application.*} files in the same jar or
   * directory as the service's main class (both service jars ship an {@code application.yml}).
   */
  static String configLocation(Class<?> appClass) throws IOException {
    ClassLoader loader = appClass.getClassLoader();
    String anchorResource = appClass.getName().replace('.', '/') + ".class";
    String anchor = loader.getResource(anchorResource).toExternalForm();
    String root = anchor.substring(0, anchor.length() - anchorResource.length());
    List<String> own = new ArrayList<>();
    for (String name : List.of("application.properties", "application.yaml", "application.yml")) {
      for (URL url : Collections.list(loader.getResources(name))) {
        if (url.toExternalForm().equals(root + name)) {
          own.add(url.toExternalForm());
        }
      }
    }
    if (own.isEmpty()) {
      throw new IllegalStateException("no application.* next to " + appClass.getName());
    }
    return String.join(",", own);
  }

  /** The examples jar the build copies to {@code benchmarks/target/bench-jars/examples.jar}. */
  public static Path examplesJar() {
    for (String candidate :
        List.of("benchmarks/target/bench-jars/examples.jar", "target/bench-jars/examples.jar")) {
      Path p = Path.of(candidate);
      if (Files.isRegularFile(p)) {
        return p.toAbsolutePath();
      }
    }
    throw new IllegalStateException(
        "examples.jar not found under benchmarks/target/bench-jars: build with"
            + " mvn -pl benchmarks -am package -DskipTests");
  }

  /** Uploads the examples jar through {@code POST /api/v1/programs}. */
  private void upload() throws Exception {
    byte[] jar = Files.readAllBytes(examplesJar());
    jarSha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(jar));
    programId = upload(jar, "examples.jar");
  }

  /**
   * Uploads {@code jar} as {@code fileName} through {@code POST /api/v1/programs}; returns the
   * program's id (that of the program already stored when the same bytes were).
   */
  public String upload(byte[] jar, String fileName) throws Exception {
    String boundary = "farcall-bench-" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + fileName
                + "\"\r\nContent-Type: application/java-archive\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.write(jar);
    body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(apiUrl() + "/programs"))
                    .header("Authorization", "Bearer " + adminToken)
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 201 && response.statusCode() != 200) {
      throw new IllegalStateException(
          "upload failed: " + response.statusCode() + " " + response.body());
    }
    String location = response.headers().firstValue("Location").orElse(null);
    if (location != null) {
      return location.substring(location.lastIndexOf('/') + 1);
    }
    // 200: the same bytes were stored already; the body names the program
    String b = response.body();
    int i = b.indexOf("\"id\":\"") + 6;
    return b.substring(i, b.indexOf('"', i));
  }

  /** The SHA-256 of the uploaded examples jar (hex), as a run names its program's jar. */
  public String jarSha256() {
    return jarSha256;
  }

  /** A bean of the coordinator's context (e.g. its data source, to record history quickly). */
  public <T> T coordinatorBean(Class<T> type) {
    return coordinator.getBean(type);
  }

  /** The coordinator's port. */
  public int port() {
    return port;
  }

  public String apiUrl() {
    return "http://127.0.0.1:" + port + "/api/v1";
  }

  public CallDispatcher dispatcher() {
    return coordinator.getBean(CallDispatcher.class);
  }

  /** Stops the workers, then the coordinator. */
  @Override
  public void close() {
    for (int i = workers.size() - 1; i >= 0; i--) {
      try {
        workers.get(i).close();
      } catch (RuntimeException e) {
        System.err.println("worker did not stop cleanly: " + e);
      }
    }
    workers.clear();
    if (coordinator != null) {
      coordinator.close();
      coordinator = null;
    }
  }
}
