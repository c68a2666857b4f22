package dev.farcall.coordinator.invocation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.farcall.coordinator.CoordinatorTestBase;
import dev.farcall.coordinator.kafka.FarcallKafkaProperties;
import dev.farcall.coordinator.program.ProgramsClient;
import dev.farcall.dispatch.FakeWorker;
import dev.farcall.model.codec.ArgumentCodec;
import dev.farcall.model.codec.MethodCodec;
import dev.farcall.model.codec.PlainValues;
import dev.farcall.model.program.MethodDescriptors;
import dev.farcall.model.program.ProgramClassLoader;
import dev.farcall.model.wire.Call;
import dev.farcall.model.wire.ErrorCode;
import dev.farcall.model.wire.InvocationError;
import dev.farcall.model.wire.InvocationRequest;
import dev.farcall.model.wire.InvocationResult;
import dev.farcall.model.wire.ObjectCall;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/**
 * Remote objects over REST through the whole coordinator (security, problem advice, dispatch,
 * Kafka), with a fake worker that holds {@code example.Tally} objects as a real worker would (the
 * real worker's object table is tested in worker-service).
 */
class ObjectsEndpointTests extends CoordinatorTestBase {

  static final Map<String, String> TALLY =
      Map.of(
          "example/Tally.java",
          """
          package example;
          public class Tally {
            private int value;
            public Tally(int start) { value = start; }
            public int add(int k) { value += k; return value; }
            public int value() { return value; }
          }
          """,
          "example/Journal.java",
          """
          package example;
          public class Journal {
            private final String path;
            public Journal(String path) { this.path = path; }
            public void append(String line) throws java.io.IOException {
              java.nio.file.Files.writeString(java.nio.file.Path.of(path), line + "\\n",
                  java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            }
          }
          """,
          "example/Relay.java",
          """
          package example;
          public class Relay {
            private dev.farcall.api.RemoteRef<Relay> next;
            public Relay(int start) {}
            public void link(dev.farcall.api.RemoteRef<Relay> next) { this.next = next; }
            public int hop(int n) { return n == 0 ? 0 : next.get(Relay::hop, n - 1); }
          }
          """);

  @TempDir static Path dir;
  static Path jar;
  static FakeWorker worker;

  @Autowired FarcallKafkaProperties kafka;

  private String programId;

  @BeforeEach
  void uploadAndStartWorker() throws Exception {
    if (jar == null) {
      jar = TestPrograms.jar(dir, TALLY);
    }
    ResponseEntity<JsonNode> uploaded =
        new ProgramsClient(client(ADMIN_TOKEN)).upload(Files.readAllBytes(jar));
    programId = uploaded.getBody().get("id").asString();
    // creation checks the type with the analysis, as Farcall.remote does in a run
    new dev.farcall.coordinator.analysis.AnalysisClient(client(ADMIN_TOKEN)).awaitDone(programId);
    if (worker == null) {
      worker =
          FakeWorker.builder(kafka.getBootstrapServers(), kafka.topics(), "objects-fake")
              .responder(new TallyHolder(jar))
              .start();
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                // other test classes' workers may still be listed (the broker is shared)
                JsonNode workers = get(VIEWER_TOKEN, "/api/v1/workers").getBody();
                if (workers == null) {
                  return false;
                }
                for (JsonNode w : workers) {
                  if ("objects-fake".equals(w.path("id").asString())
                      && "ALIVE".equals(w.path("status").asString())
                      && w.path("assignedPartitions").size() > 0) {
                    return true;
                  }
                }
                return false;
              });
    }
  }

  @AfterAll
  static void stopWorker() {
    if (worker != null) {
      worker.close();
      worker = null;
    }
  }

  private ResponseEntity<JsonNode> get(String token, String path) {
    return client(token).get().uri(path).retrieve().toEntity(JsonNode.class);
  }

  private ResponseEntity<JsonNode> post(String token, String path, String body) {
    return client(token)
        .post()
        .uri(path)
        .contentType(MediaType.APPLICATION_JSON)
        .body(body)
        .retrieve()
        .toEntity(JsonNode.class);
  }

  private ResponseEntity<JsonNode> delete(String token, String path) {
    return client(token).delete().uri(path).retrieve().toEntity(JsonNode.class);
  }

  @Test
  void createInvokeListDeleteThenACallIsNotFound() {
    ResponseEntity<JsonNode> created =
        post(
            ADMIN_TOKEN,
            "/api/v1/programs/" + programId + "/objects",
            "{\"className\": \"example.Tally\", \"args\": [40]}");
    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    String id = created.getBody().get("objectId").asString();
    assertThat(created.getBody().get("workerId").asString()).isEqualTo("objects-fake");

    String path = "/api/v1/objects/" + id + "/invocations";
    assertThat(
            post(ADMIN_TOKEN, path, "{\"methodName\": \"add\", \"args\": [2]}")
                .getBody()
                .get("result")
                .asInt())
        .isEqualTo(42);
    ResponseEntity<JsonNode> value = post(ADMIN_TOKEN, path, "{\"methodName\": \"value\"}");
    assertThat(value.getBody().get("outcome").asString()).isEqualTo("RETURNED");
    assertThat(value.getBody().get("result").asInt()).as("state kept on the worker").isEqualTo(42);

    JsonNode listed = get(VIEWER_TOKEN, "/api/v1/objects").getBody();
    JsonNode mine = null;
    for (JsonNode o : listed) {
      if (o.get("objectId").asString().equals(id)) {
        mine = o;
      }
    }
    assertThat(mine).isNotNull();
    assertThat(mine.get("workerId").asString()).isEqualTo("objects-fake");
    assertThat(mine.get("state").asString()).isEqualTo("ALIVE");
    assertThat(mine.get("calls").asLong()).isEqualTo(2);
    assertThat(mine.get("restarts").asInt()).isZero();
    assertThat(mine.get("className").asString()).isEqualTo("example.Tally");

    assertThat(delete(ADMIN_TOKEN, "/api/v1/objects/" + id).getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);

    ResponseEntity<JsonNode> after = post(ADMIN_TOKEN, path, "{\"methodName\": \"value\"}");
    assertThat(after.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(after.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(after.getBody().get("type").asString())
        .isEqualTo("https://farcall.dev/problems/object-not-found");
    assertThat(after.getBody().get("objectId").asString()).isEqualTo(id);
  }

  @Test
  void aViewerMayListButNotCreateOrDelete() {
    assertThat(get(VIEWER_TOKEN, "/api/v1/objects").getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(
            post(
                    VIEWER_TOKEN,
                    "/api/v1/programs/" + programId + "/objects",
                    "{\"className\": \"example.Tally\", \"args\": [1]}")
                .getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(delete(VIEWER_TOKEN, "/api/v1/objects/x").getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
  }

  @Test
  void badConstructorArgumentsAreAProblemAndCreateNothing() {
    int before = get(VIEWER_TOKEN, "/api/v1/objects").getBody().size();
    ResponseEntity<JsonNode> bad =
        post(
            ADMIN_TOKEN,
            "/api/v1/programs/" + programId + "/objects",
            "{\"className\": \"example.Tally\", \"args\": [\"not a number\"]}");
    assertThat(bad.getStatusCode().value()).isEqualTo(422);
    assertThat(bad.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(get(VIEWER_TOKEN, "/api/v1/objects").getBody().size()).isEqualTo(before);
  }

  @Test
  void aTypeWhoseMethodWritesAFileIsRefusedWithTheAnalysisReasonAndNothingIsCreated() {
    int before = get(VIEWER_TOKEN, "/api/v1/objects").getBody().size();
    long received = worker.received();

    ResponseEntity<JsonNode> refused =
        post(
            ADMIN_TOKEN,
            "/api/v1/programs/" + programId + "/objects",
            "{\"className\": \"example.Journal\", \"args\": [\"/tmp/journal.txt\"]}");

    assertThat(refused.getStatusCode().value()).isEqualTo(422);
    assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(refused.getBody().get("type").asString()).endsWith("/object-type-refused");
    assertThat(refused.getBody().get("className").asString()).isEqualTo("example.Journal");
    assertThat(refused.getBody().get("detail").asString()).contains("method append").contains("IO");
    assertThat(get(VIEWER_TOKEN, "/api/v1/objects").getBody().size()).isEqualTo(before);
    assertThat(worker.received()).as("nothing sent to a worker").isEqualTo(received);
  }

  @Test
  void aTypeOnACycleOfHandleCallsIsCreatedWithTheAnalysisWarning() {
    JsonNode warnings =
        get(VIEWER_TOKEN, "/api/v1/programs/" + programId + "/analysis").getBody().get("warnings");
    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0).get("kind").asString()).isEqualTo("HANDLE_CYCLE");
    assertThat(warnings.get(0).get("types").get(0).asString()).isEqualTo("example.Relay");
    assertThat(warnings.get(0).get("methods").get(0).asString()).isEqualTo("example.Relay#hop(I)I");

    ResponseEntity<JsonNode> relay =
        post(
            ADMIN_TOKEN,
            "/api/v1/programs/" + programId + "/objects",
            "{\"className\": \"example.Relay\", \"args\": [0]}");
    assertThat(relay.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(relay.getBody().get("warnings")).hasSize(1);
    assertThat(relay.getBody().get("warnings").get(0).asString())
        .startsWith("Relay calls Relay.hop through a handle (in Relay.hop)")
        .contains("until its timeout");
    ResponseEntity<JsonNode> tally =
        post(
            ADMIN_TOKEN,
            "/api/v1/programs/" + programId + "/objects",
            "{\"className\": \"example.Tally\", \"args\": [0]}");
    assertThat(tally.getBody().get("warnings")).isEmpty();
    delete(ADMIN_TOKEN, "/api/v1/objects/" + relay.getBody().get("objectId").asString());
    delete(ADMIN_TOKEN, "/api/v1/objects/" + tally.getBody().get("objectId").asString());
  }

  /** Holds Tally objects by id, computing what the real methods compute (no program code runs). */
  static final class TallyHolder implements FakeWorker.Responder {
    private final ArgumentCodec codec;
    private final ProgramClassLoader loader;
    private final Map<String, int[]> objects = new ConcurrentHashMap<>();

    TallyHolder(Path jar) {
      loader = ProgramClassLoader.fromJar(jar, "fake-objects", getClass().getClassLoader());
      codec = new ArgumentCodec(loader);
    }

    @Override
    public InvocationResult.Builder respond(InvocationRequest request, Call call) {
      ObjectCall object = request.getObject();
      if (object == null) {
        throw new IllegalStateException("not an object call");
      }
      String id = object.getObjectId().toString();
      try {
        Class<?> tally = Class.forName("example.Tally", false, loader);
        switch (object.getOp()) {
          case CREATE -> {
            MethodCodec c = codec.forConstructor(tally.getConstructor(int.class));
            List<Object> args = PlainValues.decodeRecord(c.argumentSchema(), bytes(call));
            objects.put(id, new int[] {((Number) args.get(0)).intValue()});
            return FakeWorker.returned(new byte[0]);
          }
          case CLOSE -> {
            objects.remove(id);
            return FakeWorker.returned(new byte[0]);
          }
          default -> {
            int[] value = objects.get(id);
            if (value == null) {
              return InvocationResult.newBuilder()
                  .setOutcome(new InvocationError(ErrorCode.OBJECT_CLOSED, "closed"));
            }
            String name = request.getMethod().getName().toString();
            java.lang.reflect.Method m =
                MethodDescriptors.find(tally, name, request.getMethod().getDescriptor().toString())
                    .orElseThrow();
            MethodCodec c = codec.forObjectMethod(m);
            List<Object> args = PlainValues.decodeRecord(c.argumentSchema(), bytes(call));
            if (name.equals("add")) {
              value[0] += ((Number) args.get(0)).intValue();
            }
            return FakeWorker.returned(c.encodeResult(value[0]));
          }
        }
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }

    private static byte[] bytes(Call call) {
      ByteBuffer b = call.getArguments().duplicate();
      byte[] out = new byte[b.remaining()];
      b.get(out);
      return out;
    }
  }
}
