package dev.farcall.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The variables a compose stack of the repository's {@code docker-compose.yml} is started with: its
 * project name (which prefixes its containers, volumes and network), the published port, the number
 * of workers, the tokens and database password, and the images of the broker and the database.
 *
 * @param project the compose project name
 * @param port the host port the coordinator's 8080 is published on, on 127.0.0.1
 * @param workers {@code FARCALL_WORKERS}, the worker replicas
 * @param adminToken {@code FARCALL_ADMIN_TOKEN}
 * @param viewerToken {@code FARCALL_VIEWER_TOKEN}
 * @param workerToken {@code FARCALL_WORKER_TOKEN}
 * @param postgresPassword {@code POSTGRES_PASSWORD}
 * @param kafkaImage {@code KAFKA_IMAGE}
 * @param postgresImage {@code POSTGRES_IMAGE}
 */
public record StackSettings(
    String project,
    int port,
    int workers,
    String adminToken,
    String viewerToken,
    String workerToken,
    String postgresPassword,
    String kafkaImage,
    String postgresImage) {

  /** The broker image made from our embedded-kafka module ({@code --test-images}). */
  public static final String LOCAL_KAFKA_IMAGE = "localhost/farcall/kafka-embedded:latest";

  /** The PostgreSQL image made from Debian's packages ({@code --test-images}). */
  public static final String LOCAL_POSTGRES_IMAGE = "localhost/farcall/postgres-debian:latest";

  /** The coordinator image the compose file names, as {@code build-images.sh} tags it. */
  public static final String COORDINATOR_IMAGE = "localhost/farcall/coordinator:latest";

  /** The worker image the compose file names, as {@code build-images.sh} tags it. */
  public static final String WORKER_IMAGE = "localhost/farcall/worker:latest";

  /**
   * The invocation partitions of the compose file's default ({@code
   * FARCALL_INVOCATION_PARTITIONS}).
   */
  public static final int INVOCATION_PARTITIONS = 12;

  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * Settings for a stack on this machine: a project name of {@code prefix} and a random suffix, a
   * free port, fresh secrets, and the broker and database images built here without a registry.
   */
  public static StackSettings local(String prefix, int workers) {
    return new StackSettings(
        prefix + secret(4).toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "x"),
        freePort(),
        workers,
        secret(24),
        secret(24),
        secret(24),
        secret(16),
        LOCAL_KAFKA_IMAGE,
        LOCAL_POSTGRES_IMAGE);
  }

  /** The same stack with another number of workers. */
  public StackSettings withWorkers(int count) {
    return new StackSettings(
        project,
        port,
        count,
        adminToken,
        viewerToken,
        workerToken,
        postgresPassword,
        kafkaImage,
        postgresImage);
  }

  /** The variables of the compose file, as given to {@code podman-compose}. */
  public Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("FARCALL_HOST_IP", "127.0.0.1");
    env.put("FARCALL_PORT", String.valueOf(port));
    env.put("FARCALL_WORKERS", String.valueOf(workers));
    env.put("FARCALL_ADMIN_TOKEN", adminToken);
    env.put("FARCALL_VIEWER_TOKEN", viewerToken);
    env.put("FARCALL_WORKER_TOKEN", workerToken);
    env.put("POSTGRES_PASSWORD", postgresPassword);
    env.put("KAFKA_IMAGE", kafkaImage);
    env.put("POSTGRES_IMAGE", postgresImage);
    return env;
  }

  /** The coordinator's base URL on the host. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  @Override
  public String toString() {
    return "StackSettings[" + project + ", port " + port + ", " + workers + " workers]";
  }

  private static String secret(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
