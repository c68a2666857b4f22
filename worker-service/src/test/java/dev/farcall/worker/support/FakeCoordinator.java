package dev.farcall.worker.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A hand-written fake of the coordinator's jar endpoint ({@code GET /api/v1/programs/{id}/jar},
 * Bearer worker token, ETag = quoted SHA-256): serves registered jars, counts fetches per program,
 * and can fail the next few fetches with 503.
 */
public final class FakeCoordinator implements AutoCloseable {

  /** The worker token the fake accepts. */
  public static final String WORKER_TOKEN = "worker-token-for-tests";

  private static final Pattern JAR_PATH = Pattern.compile("/api/v1/programs/([^/]+)/jar");

  private final HttpServer server;
  private final Map<String, byte[]> jars = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> fetches = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();

  public FakeCoordinator() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.start();
  }

  /** Base URL of the fake. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Serves {@code jar} as the jar of {@code programId}. */
  public FakeCoordinator serve(String programId, byte[] jar) {
    jars.put(programId, jar.clone());
    return this;
  }

  /** Answers the next {@code count} fetches of {@code programId} with 503. */
  public FakeCoordinator failNext(String programId, int count) {
    failures.computeIfAbsent(programId, k -> new AtomicInteger()).set(count);
    return this;
  }

  /** How many times the jar of {@code programId} was requested with the right token. */
  public int fetches(String programId) {
    AtomicInteger n = fetches.get(programId);
    return n == null ? 0 : n.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Matcher m = JAR_PATH.matcher(exchange.getRequestURI().getPath());
      if (!"GET".equals(exchange.getRequestMethod()) || !m.matches()) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      if (!("Bearer " + WORKER_TOKEN)
          .equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
        exchange.sendResponseHeaders(401, -1);
        return;
      }
      String programId = m.group(1);
      fetches.computeIfAbsent(programId, k -> new AtomicInteger()).incrementAndGet();
      AtomicInteger failing = failures.get(programId);
      if (failing != null && failing.getAndDecrement() > 0) {
        exchange.sendResponseHeaders(503, -1);
        return;
      }
      byte[] jar = jars.get(programId);
      if (jar == null) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      exchange.getResponseHeaders().add("Content-Type", "application/java-archive");
      exchange.getResponseHeaders().add("ETag", "\"" + TestProgram.sha256(jar) + "\"");
      exchange.sendResponseHeaders(200, jar.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(jar);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
