package dev.farcall.coordinator.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.farcall.coordinator.CoordinatorTestBase;
import dev.farcall.coordinator.program.ProgramsClient;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Fifty clients that subscribe and never read do not hold up a run that prints megabytes, nor the
 * client that does read: they are dropped when their small queues overflow.
 */
@TestPropertySource(
    properties = {
      "farcall.events.subscriber-queue=16",
      "farcall.events.tail-interval=20ms",
      "farcall.run.output-cap=16MB"
    })
class SlowClientsTests extends CoordinatorTestBase {

  private static final int SLOW_CLIENTS = 50;
  private static final Duration WAIT = Duration.ofSeconds(120);

  @Autowired private EventHub hub;

  private final List<Socket> slow = new ArrayList<>();

  @AfterEach
  void closeSlowClients() throws IOException {
    for (Socket s : slow) {
      s.close();
    }
  }

  @Test
  void fiftyClientsThatNeverReadAreDroppedWhileARunAndAReadingClientGoOn() throws Exception {
    try (SseClient reader = SseClient.connectResuming(port, VIEWER_TOKEN, "")) {
      JsonNode program =
          new ProgramsClient(client(ADMIN_TOKEN))
              .upload(EventPrograms.chattyJar(), "chatty.jar", null)
              .getBody();
      String programId = program.get("id").asString();
      reader.await(e -> e.type().equals("plan.changed") && e.programId().equals(programId), WAIT);
      for (int i = 0; i < SLOW_CLIENTS; i++) {
        slow.add(subscribeWithoutReading());
      }
      await().atMost(WAIT).until(() -> hub.subscriberCount() == SLOW_CLIENTS + 1);

      // 40,000 lines of about 210 bytes: some 8 MB of run.output for every client
      JsonNode run =
          client(ADMIN_TOKEN)
              .post()
              .uri("/api/v1/programs/{id}/runs", programId)
              .contentType(MediaType.APPLICATION_JSON)
              .body(
                  Map.of(
                      "mainClass",
                      EventPrograms.MAIN,
                      "args",
                      List.of("40000", "200", "2000", "20"),
                      "deadlineSeconds",
                      100))
              .retrieve()
              .body(JsonNode.class);
      String runId = run.get("id").asString();
      SseClient.Event finished =
          reader.await(e -> e.type().equals("run.finished") && e.runId().equals(runId), WAIT);

      assertThat(finished.data().get("status").asString()).isEqualTo("SUCCEEDED");
      List<SseClient.Event> ofRun =
          reader.events().stream().filter(e -> e.runId().equals(runId)).toList();
      String stdout = EventStreamTests.printed(ofRun, "stdout");
      // every line, once, in order: line i is "line <i> " and 200 x's
      String printed = Chatty.printed(40000, 200);
      assertThat(chunksThatDiffer(ofRun, printed))
          .as("run.output chunks whose text is not what the program printed at their offset")
          .isEmpty();
      assertThat(stdout.length()).isEqualTo(printed.length());
      await().atMost(WAIT).until(() -> hub.subscriberCount() == 1);
    }
  }

  /** What {@code demo.Chatty lines width ...} prints. */
  private static final class Chatty {
    static String printed(int lines, int width) {
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < lines; i++) {
        out.append("line ").append(i).append(' ').append("x".repeat(width)).append('\n');
      }
      return out.toString();
    }
  }

  /** Each stdout chunk whose text differs from {@code printed} at its offset, described briefly. */
  private static List<String> chunksThatDiffer(List<SseClient.Event> events, String printed) {
    List<String> wrong = new ArrayList<>();
    for (SseClient.Event e : events) {
      if (!e.type().equals("run.output") || !e.data().get("stream").asString().equals("stdout")) {
        continue;
      }
      int offset = e.data().get("offset").asInt();
      String text = e.data().get("text").asString();
      String want = printed.substring(offset, Math.min(printed.length(), offset + text.length()));
      int d = 0;
      while (d < want.length() && d < text.length() && want.charAt(d) == text.charAt(d)) {
        d++;
      }
      if (d < text.length()) {
        wrong.add(
            "offset %d, length %d, from %d: [%s] instead of [%s]"
                .formatted(
                    offset,
                    text.length(),
                    d,
                    text.substring(d, Math.min(text.length(), d + 60)),
                    want.substring(Math.min(d, want.length()), Math.min(want.length(), d + 60))));
      }
    }
    return wrong;
  }

  /** A raw connection that asks for the stream with a tiny receive window and never reads it. */
  private Socket subscribeWithoutReading() throws IOException {
    Socket socket = new Socket();
    socket.setReceiveBufferSize(1024);
    socket.connect(new InetSocketAddress("127.0.0.1", port));
    OutputStream out = socket.getOutputStream();
    out.write(
        ("GET /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n"
                + "Authorization: Bearer "
                + VIEWER_TOKEN
                + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return socket;
  }
}
