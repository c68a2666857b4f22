package dev.farcall.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
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
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small client of the REST API for the end-to-end tests, on the JDK's HTTP client, exactly as an
 * outside user would call it: bearer token, multipart upload, JSON bodies.
 */
final class FarcallApi {

  static final JsonMapper JSON = JsonMapper.builder().build();

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(120);

  /** A response with its body parsed as JSON when it is JSON. */
  record Response(int status, String contentType, String raw) {

    JsonNode json() {
      return JSON.readTree(raw);
    }

    boolean isProblem() {
      return contentType.startsWith("application/problem+json");
    }

    @Override
    public String toString() {
      return status + " " + contentType + " " + raw;
    }
  }

  private final String baseUrl;
  private final Optional<String> token;

  FarcallApi(String baseUrl, String token) {
    this.baseUrl = baseUrl;
    this.token = Optional.ofNullable(token);
  }

  FarcallApi withToken(String otherToken) {
    return new FarcallApi(baseUrl, otherToken);
  }

  FarcallApi withoutToken() {
    return new FarcallApi(baseUrl, null);
  }

  Response get(String path) {
    return send(request(path).GET().build());
  }

  /** {@code GET} of a text/plain resource (e.g. a run's output). */
  Response getText(String path) {
    return send(
        request(path).setHeader("Accept", "text/plain, application/problem+json").GET().build());
  }

  Response postJson(String path, String json) {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(BodyPublishers.ofString(json))
            .build());
  }

  Response putJson(String path, String json) {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .PUT(BodyPublishers.ofString(json))
            .build());
  }

  /** {@code POST} of a JSON body, answered asynchronously. */
  CompletableFuture<Response> postJsonAsync(String path, String json) {
    HttpRequest request =
        request(path)
            .header("Content-Type", "application/json")
            .POST(BodyPublishers.ofString(json))
            .build();
    return HTTP.sendAsync(request, BodyHandlers.ofString()).thenApply(FarcallApi::toResponse);
  }

  Response upload(Path jar) {
    try {
      return uploadBytes(Files.readAllBytes(jar), jar.getFileName().toString(), null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code POST /programs} with a multipart {@code file} part and an optional {@code name}. */
  Response uploadBytes(byte[] bytes, String filename, String name) {
    String boundary = "farcall-" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    if (name != null) {
      write(body, "--" + boundary + "\r\n");
      write(body, "Content-Disposition: form-data; name=\"name\"\r\n\r\n");
      write(body, name + "\r\n");
    }
    write(body, "--" + boundary + "\r\n");
    write(body, "Content-Disposition: form-data; name=\"file\"; filename=\"" + filename + "\"\r\n");
    write(body, "Content-Type: application/java-archive\r\n\r\n");
    body.writeBytes(bytes);
    write(body, "\r\n--" + boundary + "--\r\n");
    return send(
        request("/programs")
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(BodyPublishers.ofByteArray(body.toByteArray()))
            .build());
  }

  /** The id of a freshly uploaded (201) or already known (200) program. */
  String uploadProgram(Path jar) {
    Response response = upload(jar);
    if (response.status() != 200 && response.status() != 201) {
      throw new AssertionError("upload of " + jar + " failed: " + response);
    }
    return response.json().get("id").asString();
  }

  Response invoke(String programId, String className, String methodName, Object... args) {
    return join(invokeAsync(programId, className, methodName, args));
  }

  CompletableFuture<Response> invokeAsync(
      String programId, String className, String methodName, Object... args) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("className", className);
    body.put("methodName", methodName);
    body.put("args", List.of(args));
    String json = JSON.writeValueAsString(body);
    HttpRequest request =
        request("/programs/" + programId + "/invocations")
            .header("Content-Type", "application/json")
            .POST(BodyPublishers.ofString(json))
            .build();
    return HTTP.sendAsync(request, BodyHandlers.ofString()).thenApply(FarcallApi::toResponse);
  }

  /** The elements of a list answer: a JSON array, or the array inside a wrapping object. */
  static List<JsonNode> items(JsonNode listAnswer) {
    JsonNode array = listAnswer;
    if (!listAnswer.isArray()) {
      array = null;
      for (JsonNode value : listAnswer.values()) {
        if (value.isArray()) {
          array = value;
          break;
        }
      }
      if (array == null) {
        throw new AssertionError("not a list answer: " + listAnswer);
      }
    }
    List<JsonNode> items = new ArrayList<>();
    array.forEach(items::add);
    return items;
  }

  private HttpRequest.Builder request(String path) {
    String url = path.startsWith("/actuator") ? baseUrl + path : baseUrl + "/api/v1" + path;
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(REQUEST_TIMEOUT)
            .header("Accept", "application/json, application/problem+json");
    token.ifPresent(t -> builder.header("Authorization", "Bearer " + t));
    return builder;
  }

  private static Response send(HttpRequest request) {
    try {
      return toResponse(HTTP.send(request, BodyHandlers.ofString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Response toResponse(HttpResponse<String> response) {
    return new Response(
        response.statusCode(),
        response.headers().firstValue("Content-Type").orElse(""),
        response.body());
  }

  private static <T> T join(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof IOException io) {
        throw new UncheckedIOException(io);
      }
      throw e;
    }
  }

  private static void write(ByteArrayOutputStream out, String text) {
    out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
  }
}
