package dev.farcall.worker.jar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.farcall.model.wire.ErrorCode;
import dev.farcall.model.wire.InvocationError;
import dev.farcall.model.wire.InvocationRequest;
import dev.farcall.model.wire.InvocationResult;
import dev.farcall.model.wire.ReturnedValue;
import dev.farcall.model.wire.WireFormat;
import dev.farcall.worker.support.FakeCoordinator;
import dev.farcall.worker.support.Requests;
import dev.farcall.worker.support.TestKafka;
import dev.farcall.worker.support.TestProgram;
import dev.farcall.worker.support.TestWorker;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** How the worker obtains, verifies and keeps program jars, through a fake coordinator. */
class JarCacheTests {

  private final TestProgram program = TestProgram.calc();
  private final Method add = program.method("demo.Calc", "add");
  private TestKafka kafka;
  private FakeCoordinator coordinator;
  private Path cacheDir;

  @BeforeEach
  void setUp() throws IOException {
    kafka = new TestKafka(1);
    coordinator = new FakeCoordinator();
    cacheDir = Files.createTempDirectory("worker-cache");
  }

  @AfterEach
  void tearDown() {
    coordinator.close();
    kafka.close();
  }

  @Test
  void jarWithAnotherShaIsRejectedAndNothingIsCached() throws IOException {
    byte[] other = "some other jar".getBytes(StandardCharsets.UTF_8);
    coordinator.serve("tampered", program.jarBytes());
    try (ConfigurableApplicationContext worker = start("sha-worker")) {
      InvocationRequest request =
          Requests.call(kafka, program, "tampered", add, 1, 2)
              .setJarSha256(TestProgram.sha256(other))
              .build();

      InvocationResult result = send(request);

      assertThat(result.getOutcome()).isInstanceOf(InvocationError.class);
      assertThat(((InvocationError) result.getOutcome()).getCode())
          .isEqualTo(ErrorCode.JAR_UNAVAILABLE);
      assertThat(((InvocationError) result.getOutcome()).getMessage()).contains("SHA-256");
      assertThat(filesIn(cacheDir)).isEmpty();
      assertThat(coordinator.fetches("tampered")).isEqualTo(1);
    }
  }

  @Test
  void cachedJarIsReusedByLaterRequestsAndAfterARestart() {
    coordinator.serve("calc", program.jarBytes());
    try (ConfigurableApplicationContext worker = start("cache-worker-1")) {
      assertThat(addOnWorker(1, 2)).isEqualTo(3);
      assertThat(addOnWorker(3, 4)).isEqualTo(7);
      assertThat(coordinator.fetches("calc")).isEqualTo(1);
    }
    assertThat(filesIn(cacheDir)).containsExactly(program.sha256() + ".jar");

    try (ConfigurableApplicationContext restarted = start("cache-worker-2")) {
      assertThat(addOnWorker(5, 6)).isEqualTo(11);
      assertThat(coordinator.fetches("calc")).isEqualTo(1);
    }
  }

  @Test
  void failingCoordinatorIsRetriedThroughTheCircuitBreaker() {
    coordinator.serve("flaky", program.jarBytes()).failNext("flaky", 2);
    try (ConfigurableApplicationContext worker = start("retry-worker")) {
      InvocationResult result = send(Requests.call(kafka, program, "flaky", add, 2, 2).build());

      assertThat(result.getOutcome()).isInstanceOf(ReturnedValue.class);
      assertThat(coordinator.fetches("flaky")).isEqualTo(3);
    }
  }

  @Test
  void programTheCoordinatorDoesNotKnowIsUnavailableWithoutRetries() {
    try (ConfigurableApplicationContext worker = start("missing-worker")) {
      InvocationResult result = send(Requests.call(kafka, program, "unknown", add, 2, 2).build());

      assertThat(((InvocationError) result.getOutcome()).getCode())
          .isEqualTo(ErrorCode.JAR_UNAVAILABLE);
      assertThat(coordinator.fetches("unknown")).isEqualTo(1);
    }
  }

  private ConfigurableApplicationContext start(String workerId) {
    return TestWorker.start(kafka, coordinator, workerId, 1, cacheDir);
  }

  private Object addOnWorker(int a, int b) {
    InvocationResult result = send(Requests.call(kafka, program, "calc", add, a, b).build());
    assertThat(result.getOutcome()).isInstanceOf(ReturnedValue.class);
    ByteBuffer payload = ((ReturnedValue) result.getOutcome()).getPayload();
    byte[] bytes = new byte[payload.remaining()];
    payload.duplicate().get(bytes);
    return program.codec(add).decodeResult(bytes);
  }

  private InvocationResult send(InvocationRequest request) {
    String id = Requests.idOf(request);
    kafka.sendInvocation(0, id, WireFormat.REQUESTS.encode(request));
    return kafka.awaitResult(id);
  }

  private static List<String> filesIn(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).toList();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
