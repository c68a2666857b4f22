package dev.farcall.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.farcall.model.codec.MethodCodec;
import dev.farcall.model.wire.Call;
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
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.sessions.JqwikSession;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Fuzzing the worker's Avro input (issue 12, item 4) on a real worker and broker: argument payloads
 * that are valid encodings damaged (bytes flipped, truncated, extended, huge length prefixes) or
 * noise, and whole request records that are noise. Every call gets exactly one reply, none of them
 * an INTERNAL error (the worker's "500"), and afterwards the worker still answers a valid call and
 * has committed past everything. {@value #DEFAULT_INPUTS} inputs per target; the system property
 * {@value #INPUTS_PROPERTY} raises it (a million in a benchmark run).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkerPayloadFuzzTests {

  static final String INPUTS_PROPERTY = "farcall.fuzz.inputs";
  static final int DEFAULT_INPUTS = 10_000;
  private static final int INPUTS = Integer.getInteger(INPUTS_PROPERTY, DEFAULT_INPUTS);
  private static final long SEED = Long.getLong("farcall.fuzz.seed", new Random().nextLong());

  /** Calls per request record: the batches the run driver sends, and fewer round trips here. */
  private static final int BATCH = 100;

  private static final String PROGRAM = "calc";
  private static final Duration ALL_ANSWERED = Duration.ofMinutes(3);

  private final TestProgram program = TestProgram.calc();
  private TestKafka kafka;
  private FakeCoordinator coordinator;
  private ConfigurableApplicationContext worker;

  @BeforeEach
  void startSession() {
    // Arbitraries outside a jqwik property need a session of their own.
    JqwikSession.start();
  }

  @AfterEach
  void finishSession() {
    JqwikSession.finish();
  }

  @BeforeAll
  void startWorker() throws Exception {
    kafka = new TestKafka(2);
    coordinator = new FakeCoordinator().serve(PROGRAM, program.jarBytes());
    worker =
        TestWorker.start(kafka, coordinator, "fuzz-worker", 2, Files.createTempDirectory("fuzz"));
  }

  @AfterAll
  void stopWorker() {
    worker.close();
    coordinator.close();
    kafka.close();
  }

  @Test
  void damagedArgumentPayloadsEachGetOneReplyAndNoneAnInternalError() {
    Random random = new Random(SEED);
    List<Method> methods =
        List.of(
            program.method("demo.Calc", "add"),
            program.method("demo.Calc", "greet"),
            program.method("demo.Counter", "plus"));
    Map<Method, RandomGenerator<byte[]>> payloads = new HashMap<>();
    for (Method m : methods) {
      payloads.put(m, damaged(validArguments(m)).generator(1000));
    }
    Map<String, Method> sent = new HashMap<>();
    for (int first = 0; first < INPUTS; first += BATCH) {
      Method method = methods.get(random.nextInt(methods.size()));
      MethodCodec codec = program.codec(method);
      List<Call> calls = new ArrayList<>();
      for (int i = first; i < Math.min(INPUTS, first + BATCH); i++) {
        byte[] arguments = payloads.get(method).next(random).value();
        Call call = new Call(Requests.newId(), ByteBuffer.wrap(arguments));
        calls.add(call);
        sent.put(call.getInvocationId(), method);
      }
      InvocationRequest request =
          Requests.forCalls(
                  kafka,
                  program.sha256(),
                  PROGRAM,
                  TestProgram.ref(method),
                  codec.argumentFingerprint(),
                  calls)
              .build();
      kafka.sendInvocation(
          first / BATCH % 2, calls.get(0).getInvocationId(), WireFormat.REQUESTS.encode(request));
    }

    await("a reply for every fuzzed call")
        .atMost(ALL_ANSWERED)
        .pollInterval(Duration.ofMillis(500))
        .until(() -> answered(sent.keySet()).size() == sent.size());
    Map<String, List<InvocationResult>> replies =
        kafka.allResults().stream()
            .filter(r -> sent.containsKey(r.getInvocationId()))
            .collect(Collectors.groupingBy(InvocationResult::getInvocationId));
    assertThat(replies).hasSize(sent.size());
    replies.forEach(
        (id, list) -> {
          assertThat(list).as("replies to %s (seed %d)", id, SEED).hasSize(1);
          Object outcome = list.get(0).getOutcome();
          if (outcome instanceof InvocationError error) {
            assertThat(error.getCode())
                .as("%s: %s (seed %d)", id, error.getMessage(), SEED)
                .isNotEqualTo(ErrorCode.INTERNAL);
          }
        });
    assertStillServing();
  }

  @Test
  void noiseRecordsAreSkippedAndTheWorkerKeepsServing() {
    Random random = new Random(SEED + 1);
    RandomGenerator<byte[]> noise = noiseRequests().generator(1000);
    List<byte[]> records = new ArrayList<>(INPUTS);
    for (int i = 0; i < INPUTS; i++) {
      records.add(noise.next(random).value());
    }
    RecordMetadata last = kafka.sendInvocations(1, records);

    assertStillServing();
    int partition = last.partition();
    long offset = last.offset();
    await("committed past the noise")
        .atMost(ALL_ANSWERED)
        .until(() -> kafka.committedOffsets().getOrDefault(partition, -1L) > offset);
  }

  // ---- generators ---------------------------------------------------------------------------

  /** Valid argument payloads of {@code method}, from random arguments of its parameter types. */
  private Arbitrary<byte[]> validArguments(Method method) {
    MethodCodec codec = program.codec(method);
    Arbitrary<String> text = Arbitraries.strings().ofMaxLength(30);
    return switch (method.getName()) {
      case "add" ->
          Combinators.combine(Arbitraries.integers(), Arbitraries.integers())
              .as((a, b) -> codec.encodeArguments(new Object[] {a, b}));
      case "greet" -> text.injectNull(0.1).map(s -> codec.encodeArguments(new Object[] {s}));
      default -> Arbitraries.integers().map(x -> plusArguments(method, codec, x));
    };
  }

  /** Arguments of {@code Counter.plus}: a fresh counter as the receiver, then {@code x}. */
  private static byte[] plusArguments(Method plus, MethodCodec codec, int x) {
    try {
      Object counter = plus.getDeclaringClass().getConstructor().newInstance();
      return codec.encodeArguments(new Object[] {counter, x});
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A valid payload damaged one way or another, or noise. */
  private static Arbitrary<byte[]> damaged(Arbitrary<byte[]> valid) {
    Arbitrary<Integer> at = Arbitraries.integers().between(0, 1000);
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(2, valid),
        net.jqwik.api.Tuple.of(
            3,
            Combinators.combine(valid, at, Arbitraries.bytes())
                .as(
                    (b, i, v) -> {
                      byte[] copy = b.clone();
                      if (copy.length > 0) {
                        copy[i % copy.length] = v;
                      }
                      return copy;
                    })),
        net.jqwik.api.Tuple.of(
            2, Combinators.combine(valid, at).as((b, i) -> Arrays.copyOf(b, i % (b.length + 1)))),
        net.jqwik.api.Tuple.of(
            1,
            Combinators.combine(valid, Arbitraries.bytes().array(byte[].class).ofMaxSize(16))
                .as(WorkerPayloadFuzzTests::concat)),
        // a length or count prefix claiming gigabytes: must hit the decoding limits, not the heap
        net.jqwik.api.Tuple.of(
            1,
            Combinators.combine(valid, Arbitraries.longs().between(1 << 20, Long.MAX_VALUE / 4))
                .as((b, n) -> concat(zigZag(n), b))),
        net.jqwik.api.Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(64)));
  }

  private static Arbitrary<byte[]> noiseRequests() {
    return Arbitraries.oneOf(
        Arbitraries.bytes().array(byte[].class).ofMaxSize(256),
        Arbitraries.just(new byte[0]),
        Arbitraries.longs().between(1, Long.MAX_VALUE / 4).map(WorkerPayloadFuzzTests::zigZag));
  }

  private static byte[] zigZag(long n) {
    long v = (n << 1) ^ (n >> 63);
    byte[] out = new byte[10];
    int i = 0;
    while ((v & ~0x7FL) != 0) {
      out[i++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    out[i++] = (byte) v;
    return Arrays.copyOf(out, i);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  // ---- checks -------------------------------------------------------------------------------

  private Set<String> answered(Set<String> ids) {
    return kafka.allResults().stream()
        .map(InvocationResult::getInvocationId)
        .filter(ids::contains)
        .collect(Collectors.toSet());
  }

  private void assertStillServing() {
    Method add = program.method("demo.Calc", "add");
    InvocationRequest request = Requests.call(kafka, program, PROGRAM, add, 20, 22).build();
    String id = Requests.idOf(request);
    kafka.sendInvocation(0, id, WireFormat.REQUESTS.encode(request));
    InvocationResult result = kafka.awaitResult(id);
    assertThat(result.getOutcome()).isInstanceOf(ReturnedValue.class);
    ByteBuffer payload = ((ReturnedValue) result.getOutcome()).getPayload();
    byte[] bytes = new byte[payload.remaining()];
    payload.duplicate().get(bytes);
    assertThat(program.codec(add).decodeResult(bytes)).isEqualTo(42);
  }
}
