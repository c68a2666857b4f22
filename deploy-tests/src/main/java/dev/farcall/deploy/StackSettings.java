package dev.farcall.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The variables a compose stack of the repository's {@code docker-compose.yml} is started with: its
 * project name (which prefixes its containers, volumes and network), the published port, the number
 * of workers, its secrets, and the images of the broker and the database.
 *
 * @param project the compose project name
 * @param port the host port the coordinator's 8080 is published on, on 127.0.0.1
 * @param workers {@code FARCALL_WORKERS}, the worker replicas
 * @param secrets the tokens and the database password
 * @param images the broker and database images
 */
public record StackSettings(String project, int port, int workers, Secrets secrets, Images images) {

  /** The coordinator image the compose file names, as {@code build-images.sh} tags it. */
  public static final String COORDINATOR_IMAGE = "localhost/farcall/coordinator:latest";

  /** The worker image the compose file names, as {@code build-images.sh} tags it. */
  public static final String WORKER_IMAGE = "localhost/farcall/worker:latest";

  /** The compose file's default invocation partitions ({@code FARCALL_INVOCATION_PARTITIONS}). */
  public static final int INVOCATION_PARTITIONS = 12;

  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * The stack's secrets.
   *
   * @param adminToken {@code FARCALL_ADMIN_TOKEN}
   * @param viewerToken {@code FARCALL_VIEWER_TOKEN}
   * @param workerToken {@code FARCALL_WORKER_TOKEN}
   * @param postgresPassword {@code POSTGRES_PASSWORD}
   */
  public record Secrets(
      String adminToken, String viewerToken, String workerToken, String postgresPassword) {

    /** Fresh random secrets. */
    public static Secrets random() {
      return new Secrets(secret(24), secret(24), secret(24), secret(16));
    }

    @Override
    public String toString() {
      return "Secrets[hidden]";
    }
  }

  /**
   * The images of the services that are not ours.
   *
   * @param kafka {@code KAFKA_IMAGE}
   * @param postgres {@code POSTGRES_IMAGE}
   */
  public record Images(String kafka, String postgres) {

    /** The broker and database images {@code build-images.sh --test-images} makes here. */
    public static final Images LOCAL =
        new Images(
            "localhost/farcall/kafka-embedded:latest", "localhost/farcall/postgres-debian:latest");
  }

  /**
   * Settings for a stack on this machine: a project name of {@code prefix} and a random suffix, a
   * free port, fresh secrets, and the broker and database images built here without a registry.
   */
  public static StackSettings local(String prefix, int workers) {
    String suffix = secret(4).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "x");
    return new StackSettings(prefix + suffix, freePort(), workers, Secrets.random(), Images.LOCAL);
  }

  /** The admin token, for a client of the stack's API. */
  public String adminToken() {
    return secrets.adminToken();
  }

  /** The variables of the compose file, as given to {@code podman-compose}. */
  public Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("FARCALL_HOST_IP", "127.0.0.1");
    env.put("FARCALL_PORT", String.valueOf(port));
    env.put("FARCALL_WORKERS", String.valueOf(workers));
    env.put("FARCALL_ADMIN_TOKEN", secrets.adminToken());
    env.put("FARCALL_VIEWER_TOKEN", secrets.viewerToken());
    env.put("FARCALL_WORKER_TOKEN", secrets.workerToken());
    env.put("POSTGRES_PASSWORD", secrets.postgresPassword());
    env.put("KAFKA_IMAGE", images.kafka());
    env.put("POSTGRES_IMAGE", images.postgres());
    return env;
  }

  /** The coordinator's base URL on the host. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port;
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
