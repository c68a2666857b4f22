package dev.farcall.deploy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The coordinator's REST API as a user outside the stack calls it (bearer token, multipart upload,
 * JSON), on the JDK's HTTP client: what the compose test and the compose benchmark need.
 */
public final class FarcallRest {

  /** Final run states. */
  public static final Set<String> FINAL_RUN_STATES = Set.of("SUCCEEDED", "FAILED", "CANCELLED");

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration POLL = Duration.ofMillis(500);

  private final HttpClient http;
  private final String baseUrl;
  private final String token;

  /** A response: status, content type and body. */
  public record Response(int status, String contentType, String body) {

    /** The body as JSON. */
    public JsonNode json() {
      return JSON.readTree(body);
    }

    @Override
    public String toString() {
      return status + " " + contentType + " " + body;
    }
  }

  /** A client of the coordinator at {@code baseUrl} (no {@code /api/v1}) with a bearer token. */
  public FarcallRest(String baseUrl, String token) {
    this.baseUrl = baseUrl;
    this.token = token;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  /** {@code GET /api/v1<path>} (or {@code /actuator...}) as JSON; anything but 200 throws. */
  public JsonNode get(String path) {
    Response response = send(request(path).GET().build());
    if (response.status() != 200) {
      throw new IllegalStateException("GET " + path + ": " + response);
    }
    return response.json();
  }

  /** {@code GET} of a text resource; anything but 200 throws. */
  public String getText(String path) {
    Response response =
        send(request(path).setHeader("Accept", "text/plain, application/problem+json").build());
    if (response.status() != 200) {
      throw new IllegalStateException("GET " + path + ": " + response);
    }
    return response.body();
  }

  /** {@code POST} of a JSON body. */
  public Response postJson(String path, Object body) {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(BodyPublishers.ofString(JSON.writeValueAsString(body)))
            .build());
  }

  /** {@code PUT} of a JSON body. */
  public Response putJson(String path, Object body) {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .PUT(BodyPublishers.ofString(JSON.writeValueAsString(body)))
            .build());
  }

  /** {@code GET} of binary content (a program's jar); anything but 200 throws. */
  public byte[] getBytes(String path) {
    try {
      java.net.http.HttpResponse<byte[]> response =
          http.send(
              request(path).setHeader("Accept", "application/java-archive, */*").build(),
              BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("GET " + path + ": " + response.statusCode());
      }
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Whether the coordinator answers its readiness probe with UP. */
  public boolean ready() {
    try {
      Response response = send(request("/actuator/health/readiness").GET().build());
      return response.status() == 200 && response.body().contains("\"UP\"");
    } catch (RuntimeException notYet) {
      return false;
    }
  }

  /** {@code POST /programs} of a jar; the id of the new (201) or known (200) program. */
  public String upload(Path jar) {
    try {
      String boundary = "farcall-" + UUID.randomUUID();
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      body.writeBytes(
          ("--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                  + jar.getFileName()
                  + "\"\r\nContent-Type: application/java-archive\r\n\r\n")
              .getBytes(StandardCharsets.UTF_8));
      body.writeBytes(Files.readAllBytes(jar));
      body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
      Response response =
          send(
              request("/programs")
                  .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                  .POST(BodyPublishers.ofByteArray(body.toByteArray()))
                  .build());
      if (response.status() != 200 && response.status() != 201) {
        throw new IllegalStateException("upload of " + jar + ": " + response);
      }
      return response.json().get("id").asString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until the program's analysis is DONE; its {@code GET /programs/{id}/analysis}. */
  public JsonNode awaitAnalysis(String programId, Duration atMost) {
    return poll(
        "analysis of " + programId + " DONE",
        atMost,
        () -> {
          JsonNode analysis = get("/programs/" + programId + "/analysis");
          String status = analysis.path("status").asString("");
          if (status.equals("FAILED")) {
            throw new IllegalStateException("analysis failed: " + analysis);
          }
          return status.equals("DONE") ? Optional.of(analysis) : Optional.empty();
        });
  }

  /** {@code POST /programs/{id}/runs}; the run id of the 202 answer. */
  public String startRun(
      String programId, String mainClass, List<String> args, Map<String, Object> tunables) {
    return startRun(programId, mainClass, args, tunables, null);
  }

  /**
   * Starts a run under the named adaptive policy ({@code "none"} keeps the plan for the whole run;
   * {@code null} for the global setting); returns its id.
   */
  public String startRun(
      String programId,
      String mainClass,
      List<String> args,
      Map<String, Object> tunables,
      String adaptivePolicy) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("mainClass", mainClass);
    body.put("args", args);
    body.put("tunables", tunables);
    if (adaptivePolicy != null) {
      body.put("adaptivePolicy", adaptivePolicy);
    }
    Response response = postJson("/programs/" + programId + "/runs", body);
    if (response.status() != 202) {
      throw new IllegalStateException("POST runs: " + response);
    }
    return response.json().get("id").asString();
  }

  /** Waits until the run is SUCCEEDED, FAILED or CANCELLED; its {@code GET /runs/{id}}. */
  public JsonNode awaitRun(String runId, Duration atMost) {
    return poll(
        "run " + runId + " finished",
        atMost,
        () -> {
          JsonNode run = get("/runs/" + runId);
          return FINAL_RUN_STATES.contains(run.path("status").asString(""))
              ? Optional.of(run)
              : Optional.empty();
        });
  }

  /** The run's stdout ({@code stderr = false}) or stderr. */
  public String output(String runId, boolean stderr) {
    return getText("/runs/" + runId + "/output" + (stderr ? "?stream=stderr" : ""));
  }

  /** {@code GET /workers}. */
  public List<JsonNode> workers() {
    List<JsonNode> workers = new ArrayList<>();
    get("/workers").forEach(workers::add);
    return workers;
  }

  /** The workers {@code GET /workers} lists as ALIVE, by id. */
  public Map<String, JsonNode> aliveWorkers() {
    Map<String, JsonNode> alive = new LinkedHashMap<>();
    for (JsonNode worker : workers()) {
      if ("ALIVE".equals(worker.path("status").asString(""))) {
        alive.put(worker.get("id").asString(), worker);
      }
    }
    return alive;
  }

  /** Waits until the coordinator is ready and lists at least {@code count} workers as ALIVE. */
  public Map<String, JsonNode> awaitAliveWorkers(int count, Duration atMost) {
    return poll(
        count + " workers ALIVE in GET /workers",
        atMost,
        () -> {
          if (!ready()) {
            return Optional.empty();
          }
          Map<String, JsonNode> alive = aliveWorkers();
          return alive.size() >= count ? Optional.of(alive) : Optional.empty();
        });
  }

  /** {@code POST /programs/{id}/invocations} of a static method, answered asynchronously. */
  public CompletableFuture<Response> invokeAsync(
      String programId, String className, String methodName, Object... args) {
    return invokeAsync(Optional.empty(), programId, className, methodName, args);
  }

  /** The same, waiting at most {@code timeout} for the outcome ({@code timeoutMillis}). */
  public CompletableFuture<Response> invokeAsync(
      Duration timeout, String programId, String className, String methodName, Object... args) {
    return invokeAsync(Optional.of(timeout), programId, className, methodName, args);
  }

  private CompletableFuture<Response> invokeAsync(
      Optional<Duration> timeout,
      String programId,
      String className,
      String methodName,
      Object... args) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("className", className);
    body.put("methodName", methodName);
    body.put("args", List.of(args));
    timeout.ifPresent(t -> body.put("timeoutMillis", t.toMillis()));
    HttpRequest request =
        request("/programs/" + programId + "/invocations")
            .header("Content-Type", "application/json")
            .POST(BodyPublishers.ofString(JSON.writeValueAsString(body)))
            .build();
    return http.sendAsync(request, BodyHandlers.ofString()).thenApply(FarcallRest::toResponse);
  }

  /**
   * The sum of a counter's samples in {@code /actuator/prometheus}, e.g. {@code
   * farcall_dispatch_retried_total}; 0 when it is not listed.
   */
  public double counter(String name) {
    String text = getText("/actuator/prometheus");
    Matcher m =
        Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*})?\\s+(\\S+)$", Pattern.MULTILINE)
            .matcher(text);
    double sum = 0;
    while (m.find()) {
      sum += Double.parseDouble(m.group(2));
    }
    return sum;
  }

  private HttpRequest.Builder request(String path) {
    String url = path.startsWith("/actuator") ? baseUrl + path : baseUrl + "/api/v1" + path;
    return HttpRequest.newBuilder(URI.create(url))
        .timeout(REQUEST_TIMEOUT)
        .header("Accept", "application/json, application/problem+json")
        .header("Authorization", "Bearer " + token);
  }

  private Response send(HttpRequest request) {
    try {
      return toResponse(http.send(request, BodyHandlers.ofString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Response toResponse(java.net.http.HttpResponse<String> response) {
    return new Response(
        response.statusCode(),
        response.headers().firstValue("Content-Type").orElse(""),
        response.body());
  }

  /**
   * Calls {@code attempt} every {@link #POLL} until it gives a value; an attempt that cannot reach
   * the coordinator (refused or reset while a container starts) counts as "not yet".
   */
  private static <T> T poll(String what, Duration atMost, Supplier<Optional<T>> attempt) {
    long deadline = System.nanoTime() + atMost.toNanos();
    RuntimeException last = null;
    while (System.nanoTime() < deadline) {
      try {
        Optional<T> value = attempt.get();
        if (value.isPresent()) {
          return value.get();
        }
      } catch (UncheckedIOException e) {
        last = e;
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException(
        "timed out after " + atMost + " waiting for " + what + (last == null ? "" : ": " + last),
        last);
  }
}
