package dev.farcall.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.farcall.model.codec.MethodCodec;
import dev.farcall.model.wire.Call;
import dev.farcall.model.wire.ErrorCode;
import dev.farcall.model.wire.InvocationError;
import dev.farcall.model.wire.InvocationRequest;
import dev.farcall.model.wire.InvocationResult;
import dev.farcall.model.wire.MethodRef;
import dev.farcall.model.wire.ReturnedValue;
import dev.farcall.model.wire.ThrownException;
import dev.farcall.model.wire.WireFormat;
import dev.farcall.model.wire.WorkerState;
import dev.farcall.worker.invoke.WorkerMetrics;
import dev.farcall.worker.support.FakeCoordinator;
import dev.farcall.worker.support.Requests;
import dev.farcall.worker.support.TestKafka;
import dev.farcall.worker.support.TestProgram;
import dev.farcall.worker.support.TestWorker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;

/** One real worker on a real broker, fed requests the way the coordinator sends them. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkerInvocationTests {

  private static final String PROGRAM = "calc";
  private static final String WORKER = "invocation-worker";

  private final TestProgram program = TestProgram.calc();
  private TestKafka kafka;
  private FakeCoordinator coordinator;
  private ConfigurableApplicationContext worker;

  @BeforeAll
  void startWorker() throws Exception {
    kafka = new TestKafka(2);
    coordinator = new FakeCoordinator().serve(PROGRAM, program.jarBytes());
    worker =
        TestWorker.start(kafka, coordinator, WORKER, 2, Files.createTempDirectory("worker-cache"));
  }

  @AfterAll
  void stopWorker() {
    worker.close();
    coordinator.close();
    kafka.close();
  }

  @Test
  void programClassesAreNotOnTheWorkersClassPath() {
    assertThatThrownBy(() -> Class.forName("demo.Calc")).isInstanceOf(ClassNotFoundException.class);
  }

  @Test
  void staticMethodWithArgumentsReturnsItsResult() {
    Method add = program.method("demo.Calc", "add");
    InvocationRequest request = Requests.call(kafka, program, PROGRAM, add, 2, 3).build();

    InvocationResult result = send(0, request);

    assertThat(returnedValue(add, result)).isEqualTo(5);
    assertThat(result.getWorkerId()).isEqualTo(WORKER);
    assertThat(result.getRunId()).isEqualTo("run-1");
    assertThat(result.getAttempt()).isEqualTo(1);
    assertThat(result.getRequestBytes())
        .isEqualTo(request.getCalls().get(0).getArguments().limit());
    assertThat(result.getResultBytes()).isPositive();
  }

  @Test
  void everyCallOfABatchGetsItsOwnReply() {
    Method greet = program.method("demo.Calc", "greet");
    MethodCodec codec = program.codec(greet);
    List<Call> calls = new ArrayList<>();
    for (String name : List.of("ada", "bob", "cy")) {
      calls.add(
          new Call(Requests.newId(), ByteBuffer.wrap(codec.encodeArguments(new Object[] {name}))));
    }
    InvocationRequest request =
        Requests.forCalls(
                kafka,
                program.sha256(),
                PROGRAM,
                TestProgram.ref(greet),
                codec.argumentFingerprint(),
                calls)
            .build();

    kafka.sendInvocation(1, calls.get(0).getInvocationId(), WireFormat.REQUESTS.encode(request));

    assertThat(calls)
        .extracting(c -> returnedValue(greet, kafka.awaitResult(c.getInvocationId())))
        .containsExactly("hello ada", "hello bob", "hello cy");
  }

  @Test
  void instanceMethodTakesItsReceiverAsFirstArgument() throws Exception {
    Method plus = program.method("demo.Counter", "plus");
    Object counter = plus.getDeclaringClass().getConstructor().newInstance();

    InvocationResult result =
        send(0, Requests.call(kafka, program, PROGRAM, plus, counter, 41).build());

    assertThat(returnedValue(plus, result)).isEqualTo(41);
  }

  @Test
  void methodThatThrowsReturnsTheExceptionAndTheWorkerKeepsServing() {
    Method fail = program.method("demo.Calc", "fail");
    InvocationResult thrown = send(0, Requests.call(kafka, program, PROGRAM, fail, "boom").build());

    assertThat(thrown.getOutcome()).isInstanceOf(ThrownException.class);
    ThrownException exception = (ThrownException) thrown.getOutcome();
    assertThat(exception.getClassName()).isEqualTo("java.lang.IllegalStateException");
    assertThat(exception.getMessage()).isEqualTo("boom");
    assertThat(exception.getStackTrace())
        .first()
        .asString()
        .startsWith("demo.Calc.fail(Calc.java:");
    assertThat(exception.getStackTrace()).noneMatch(f -> f.startsWith("dev.farcall.worker."));
    assertThat(exception.getCause().getClassName()).isEqualTo("java.lang.ArithmeticException");
    assertThat(exception.getCause().getMessage()).isEqualTo("root cause");

    Method add = program.method("demo.Calc", "add");
    assertThat(
            returnedValue(add, send(0, Requests.call(kafka, program, PROGRAM, add, 1, 1).build())))
        .isEqualTo(2);
  }

  @Test
  void malformedRecordIsSkippedCommittedPastAndTheWorkerKeepsServing() {
    RecordMetadata garbage =
        kafka.sendInvocation(1, "junk", "not an avro request".getBytes(StandardCharsets.UTF_8));
    Method add = program.method("demo.Calc", "add");

    InvocationResult result = send(1, Requests.call(kafka, program, PROGRAM, add, 20, 22).build());

    assertThat(returnedValue(add, result)).isEqualTo(42);
    await()
        .atMost(TestKafka.WAIT)
        .until(() -> kafka.committedOffsets().getOrDefault(1, -1L) > garbage.offset());
  }

  @Test
  void unknownClassOrMethodIsAnErrorNotACrash() {
    Method add = program.method("demo.Calc", "add");
    long fingerprint = program.codec(add).argumentFingerprint();
    byte[] arguments = program.codec(add).encodeArguments(new Object[] {1, 2});

    assertThat(
            errorOf(request(new MethodRef("demo.Missing", "add", "(II)I"), fingerprint, arguments)))
        .isEqualTo(ErrorCode.CLASS_NOT_FOUND);
    assertThat(errorOf(request(new MethodRef("demo.Calc", "add", "(JJ)J"), fingerprint, arguments)))
        .isEqualTo(ErrorCode.METHOD_NOT_FOUND);
    // Only the program's own classes can be invoked, never the JDK's.
    assertThat(
            errorOf(
                request(new MethodRef("java.lang.System", "exit", "(I)V"), fingerprint, arguments)))
        .isEqualTo(ErrorCode.CLASS_NOT_FOUND);
  }

  @Test
  void wrongFingerprintIsASchemaMismatchAndGarbageArgumentsFailToDecode() {
    Method add = program.method("demo.Calc", "add");
    long fingerprint = program.codec(add).argumentFingerprint();
    byte[] arguments = program.codec(add).encodeArguments(new Object[] {1, 2});

    assertThat(errorOf(request(TestProgram.ref(add), fingerprint + 1, arguments)))
        .isEqualTo(ErrorCode.SCHEMA_MISMATCH);
    assertThat(errorOf(request(TestProgram.ref(add), fingerprint, new byte[] {(byte) 0xff})))
        .isEqualTo(ErrorCode.DECODE_FAILED);
  }

  @Test
  void callWhoseDeadlineHasPassedIsNotExecuted() {
    Method fail = program.method("demo.Calc", "fail");
    InvocationRequest request =
        Requests.call(kafka, program, PROGRAM, fail, "must not run")
            .setDeadlineEpochMillis(System.currentTimeMillis() - 1)
            .build();

    InvocationResult result = send(0, request);

    assertThat(result.getOutcome()).isInstanceOf(InvocationError.class);
    assertThat(((InvocationError) result.getOutcome()).getCode())
        .isEqualTo(ErrorCode.DEADLINE_EXPIRED);
  }

  @Test
  void offsetIsCommittedOnlyAfterTheReply() {
    Method slow = program.method("demo.Calc", "slow");
    WorkerMetrics metrics = worker.getBean(WorkerMetrics.class);
    kafka.awaitAllCommitted();
    InvocationRequest request = Requests.call(kafka, program, PROGRAM, slow, 1500L).build();
    RecordMetadata sent =
        kafka.sendInvocation(0, Requests.idOf(request), WireFormat.REQUESTS.encode(request));

    await().atMost(TestKafka.WAIT).until(() -> metrics.inFlight() > 0);
    assertThat(kafka.results(Requests.idOf(request))).isEmpty();
    assertThat(kafka.committedOffsets().getOrDefault(0, 0L)).isLessThanOrEqualTo(sent.offset());

    kafka.awaitResult(Requests.idOf(request));
    kafka.awaitAllCommitted();
  }

  @Test
  void aBurstOfCallsIsCommittedInAFewCommitsNotOnePerRecord() {
    Method add = program.method("demo.Calc", "add");
    Counter commits =
        worker.getBean(MeterRegistry.class).get("farcall.worker.offset.commits").counter();
    kafka.awaitAllCommitted();
    double before = commits.count();
    int records = 200;
    List<String> ids = new ArrayList<>();
    List<List<byte[]>> byPartition = List.of(new ArrayList<>(), new ArrayList<>());
    for (int i = 0; i < records; i++) {
      InvocationRequest request = Requests.call(kafka, program, PROGRAM, add, i, 1).build();
      ids.add(Requests.idOf(request));
      byPartition.get(i % 2).add(WireFormat.REQUESTS.encode(request));
    }
    // a burst: sent without waiting for each ack, so that a slow machine does not spread the
    // records over many commit intervals
    kafka.sendInvocations(0, byPartition.get(0));
    kafka.sendInvocations(1, byPartition.get(1));

    for (int i = 0; i < records; i++) {
      assertThat(returnedValue(add, kafka.awaitResult(ids.get(i)))).isEqualTo(i + 1);
    }
    kafka.awaitAllCommitted();
    // Every record committed, in far fewer commits than records: each commit is a broker write,
    // and one per record made commits fail with retriable errors under load.
    assertThat(commits.count() - before).isPositive().isLessThan(records / 4.0);
  }

  @Test
  void heartbeatsReportRunningWithAssignedPartitionsAndCachedProgram() {
    Method add = program.method("demo.Calc", "add");
    send(0, Requests.call(kafka, program, PROGRAM, add, 1, 2).build());

    await()
        .atMost(TestKafka.WAIT)
        .until(
            () ->
                kafka.heartbeats(WORKER).stream()
                    .anyMatch(
                        h ->
                            h.getState() == WorkerState.RUNNING
                                && h.getAssignedPartitions().equals(List.of(0, 1))
                                && h.getCachedPrograms().contains(program.sha256())
                                && h.getCompleted() > 0));
    var last = kafka.heartbeats(WORKER).get(kafka.heartbeats(WORKER).size() - 1);
    assertThat(last.getSlots()).isEqualTo(2);
    assertThat(last.getIntervalMillis()).isEqualTo(300);
    assertThat(last.getHost()).isNotBlank();
    assertThat(last.getVersion()).isNotBlank();
  }

  @Test
  void metricsCountCompletedInvocations() {
    Method add = program.method("demo.Calc", "add");
    send(0, Requests.call(kafka, program, PROGRAM, add, 3, 4).build());
    MeterRegistry registry = worker.getBean(MeterRegistry.class);

    assertThat(
            registry
                .get("farcall.worker.invocations.completed")
                .tag("outcome", "returned")
                .counter()
                .count())
        .isPositive();
    assertThat(registry.get("farcall.worker.execute").timer().count()).isPositive();
    assertThat(registry.get("farcall.worker.in.flight").gauge()).isNotNull();
  }

  private InvocationRequest request(MethodRef method, long fingerprint, byte[] arguments) {
    return Requests.forCalls(
            kafka,
            program.sha256(),
            PROGRAM,
            method,
            fingerprint,
            List.of(new Call(Requests.newId(), ByteBuffer.wrap(arguments))))
        .build();
  }

  private ErrorCode errorOf(InvocationRequest request) {
    InvocationResult result = send(0, request);
    assertThat(result.getOutcome()).isInstanceOf(InvocationError.class);
    return ((InvocationError) result.getOutcome()).getCode();
  }

  private InvocationResult send(int partition, InvocationRequest request) {
    String id = Requests.idOf(request);
    kafka.sendInvocation(partition, id, WireFormat.REQUESTS.encode(request));
    return kafka.awaitResult(id);
  }

  private Object returnedValue(Method method, InvocationResult result) {
    assertThat(result.getOutcome()).isInstanceOf(ReturnedValue.class);
    ByteBuffer payload = ((ReturnedValue) result.getOutcome()).getPayload();
    byte[] bytes = new byte[payload.remaining()];
    payload.duplicate().get(bytes);
    return program.codec(method).decodeResult(bytes);
  }
}
