package dev.farcall.coordinator.events;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A reading client of {@code GET /api/v1/events} on the JDK's HTTP client, parsing the stream as
 * the SSE specification says (id, event and data fields, a blank line ends an event).
 */
final class SseClient implements AutoCloseable {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  /** One received event. */
  record Event(String id, String type, JsonNode data) {

    String runId() {
      return data.path("runId").asString("");
    }

    String programId() {
      return data.path("programId").asString("");
    }
  }

  private final int port;
  private final String token;
  private final String query;
  private final boolean resume;
  private final int status;
  private final List<Event> events = new CopyOnWriteArrayList<>();
  private final Thread reader;
  private volatile Stream<String> lines;
  private volatile boolean closed;
  private volatile boolean ended;
  private volatile int connections = 1;

  private SseClient(
      int port, String token, String query, boolean resume, HttpResponse<Stream<String>> first) {
    this.port = port;
    this.token = token;
    this.query = query;
    this.resume = resume;
    this.status = first.statusCode();
    this.lines = first.body();
    this.reader = new Thread(this::readAll, "sse-test-client");
    reader.setDaemon(true);
    reader.start();
  }

  /** Connects with {@code query} (e.g. {@code ?runId=...}) and, if given, a Last-Event-ID. */
  static SseClient connect(int port, String token, String query, String lastEventId)
      throws IOException, InterruptedException {
    return new SseClient(port, token, query, false, open(port, token, query, lastEventId));
  }

  /**
   * Connects like a browser's EventSource would: when the server ends the stream (it dropped a
   * client that fell behind), it reconnects with the last id it received.
   */
  static SseClient connectResuming(int port, String token, String query)
      throws IOException, InterruptedException {
    return new SseClient(port, token, query, true, open(port, token, query, null));
  }

  private static HttpResponse<Stream<String>> open(
      int port, String token, String query, String lastEventId)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/events" + query))
            .header("Accept", "text/event-stream");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (lastEventId != null) {
      request.header("Last-Event-ID", lastEventId);
    }
    return HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofLines());
  }

  /** How many times it connected (more than once when it resumed). */
  int connections() {
    return connections;
  }

  int status() {
    return status;
  }

  /** Every event received so far, in order. */
  List<Event> events() {
    return List.copyOf(events);
  }

  /** Whether the server ended the stream. */
  boolean ended() {
    return ended;
  }

  /** Waits for the first event that matches. */
  Event await(Predicate<Event> wanted, Duration timeout) {
    org.awaitility.Awaitility.await().atMost(timeout).until(() -> events.stream().anyMatch(wanted));
    return events.stream().filter(wanted).findFirst().orElseThrow();
  }

  /** The id of the last event received. */
  Optional<String> lastId() {
    List<Event> received = events();
    return received.isEmpty()
        ? Optional.empty()
        : Optional.of(received.get(received.size() - 1).id());
  }

  private void readAll() {
    try {
      read(lines);
      while (resume && !closed) {
        lines = open(port, token, query, lastId().orElse(null)).body();
        connections++;
        read(lines);
      }
    } catch (IOException | InterruptedException | RuntimeException e) {
      // closed under our feet
    } finally {
      ended = true;
    }
  }

  private void read(Stream<String> lines) {
    String id = null;
    String type = "message";
    List<String> data = new ArrayList<>();
    try {
      Iterator<String> it = lines.iterator();
      while (it.hasNext()) {
        String line = it.next();
        if (line.isEmpty()) {
          if (!data.isEmpty()) {
            events.add(new Event(id, type, JSON.readTree(String.join("\n", data))));
          }
          type = "message";
          data.clear();
        } else if (line.startsWith("id:")) {
          id = field(line);
        } else if (line.startsWith("event:")) {
          type = field(line);
        } else if (line.startsWith("data:")) {
          data.add(field(line));
        }
      }
    } catch (RuntimeException closed) {
      // close() ends the stream under our feet
    }
  }

  private static String field(String line) {
    String value = line.substring(line.indexOf(':') + 1);
    return value.startsWith(" ") ? value.substring(1) : value;
  }

  @Override
  public void close() {
    closed = true;
    lines.close();
    reader.interrupt();
  }
}
