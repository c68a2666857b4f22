package dev.farcall.coordinator.invocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.farcall.coordinator.dispatch.DispatchProperties;
import dev.farcall.coordinator.invocation.InvocationResponse.Outcome;
import dev.farcall.coordinator.program.ProgramLookup;
import dev.farcall.coordinator.program.ProgramNotFoundException;
import dev.farcall.coordinator.program.ProgramRef;
import dev.farcall.coordinator.system.InvalidRequestException;
import dev.farcall.dispatch.DeadlineExceededException;
import dev.farcall.dispatch.DispatchFixture;
import dev.farcall.dispatch.FakeWorker;
import dev.farcall.model.codec.PlainValues;
import dev.farcall.model.wire.ErrorCode;
import dev.farcall.model.wire.InvocationError;
import dev.farcall.model.wire.InvocationResult;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InvocationServiceTests {

  @TempDir static Path dir;
  static ProgramRef program;

  private final ProgramLookup lookup =
      id -> id.equals(program.id()) ? Optional.of(program) : Optional.empty();
  private DispatchFixture fixture;

  @BeforeAll
  static void compile() {
    Path jar = TestPrograms.jar(dir, TestPrograms.CALC);
    program = new ProgramRef("p1", "calc", "0123abcd", jar);
  }

  @AfterEach
  void close() {
    if (fixture != null) {
      fixture.close();
    }
  }

  private InvocationService serviceWithoutDispatch() {
    return new InvocationService(lookup, new ProgramLoaders(4), null, new DispatchProperties());
  }

  private static InvocationBody body(String method, Object... args) {
    return new InvocationBody("example.Calc", method, null, Arrays.asList(args), null);
  }

  private static List<Object> decodedArguments(InvocationService.Prepared prepared) {
    return PlainValues.decodeRecord(prepared.codec().argumentSchema(), prepared.arguments());
  }

  @Test
  void recordArgumentFromJsonIsEncodedForTheMethod() {
    var prepared = serviceWithoutDispatch().prepare("p1", body("shift", Map.of("x", 1, "y", 2), 3));

    assertThat(prepared.method().getName()).isEqualTo("shift");
    assertThat(decodedArguments(prepared)).containsExactly(Map.of("x", 1, "y", 2), 3);
    assertThat(System.getProperty(TestPrograms.CALC_INITIALISED)).isNull();
  }

  @Test
  void listOfRecordsFromJsonIsEncodedForTheMethod() {
    var points = List.of(Map.of("x", 1, "y", 2), Map.of("x", 3, "y", 4));

    var prepared = serviceWithoutDispatch().prepare("p1", body("total", points));

    assertThat(decodedArguments(prepared)).containsExactly(points);
  }

  @Test
  void wrongTypedArgumentIsInvalidAndNamed() {
    assertThatThrownBy(
            () ->
                serviceWithoutDispatch()
                    .prepare("p1", body("shift", Map.of("x", "one", "y", 2), 3)))
        .isInstanceOfSatisfying(
            InvalidArgumentsException.class,
            e -> {
              assertThat(e.status().value()).isEqualTo(422);
              assertThat(e.argument()).contains("p");
              assertThat(e.getMessage()).contains("p.x");
            });
    assertThatThrownBy(() -> serviceWithoutDispatch().prepare("p1", body("twice", "a", "three")))
        .isInstanceOfSatisfying(
            InvalidArgumentsException.class, e -> assertThat(e.argument()).contains("times"));
  }

  @Test
  void nonTransferableParameterIsRefusedAndNamed() {
    assertThatThrownBy(() -> serviceWithoutDispatch().prepare("p1", body("sink", "x")))
        .isInstanceOfSatisfying(
            NotTransferableMethodException.class,
            e -> {
              assertThat(e.status().value()).isEqualTo(422);
              assertThat(e.problemType()).isEqualTo("not-transferable");
              assertThat(e.parameter()).isEqualTo("anything");
              assertThat(e.type()).isEqualTo("java.lang.Object");
            });
  }

  @Test
  void unknownProgramIsNotFound() {
    assertThatThrownBy(() -> serviceWithoutDispatch().prepare("nope", body("twice", "a")))
        .isInstanceOfSatisfying(
            ProgramNotFoundException.class,
            e -> {
              assertThat(e.status().value()).isEqualTo(404);
              assertThat(e.properties()).containsEntry("programId", "nope");
            });
  }

  @Test
  void missingMethodNameIsABadRequest() {
    assertThatThrownBy(
            () ->
                serviceWithoutDispatch()
                    .prepare("p1", new InvocationBody("example.Calc", " ", null, List.of(), null)))
        .isInstanceOfSatisfying(
            InvalidRequestException.class, e -> assertThat(e.status().value()).isEqualTo(400));
  }

  // ---- through the dispatcher to a fake worker that computes with the plain values ----

  private InvocationService service(FakeWorker.Responder responder) {
    fixture = new DispatchFixture(s -> s);
    FakeWorker w = fixture.started(fixture.worker("w1").responder(responder));
    fixture.awaitAlive(w);
    return new InvocationService(
        lookup, new ProgramLoaders(4), fixture.dispatcher, new DispatchProperties());
  }

  @Test
  void invocationReturnsTheWorkersRecordResultAsJson() {
    InvocationService service = service(new CalcResponder(program.jarFile()));

    InvocationResponse response = service.invoke("p1", body("shift", Map.of("x", 1, "y", 2), 10));

    assertThat(response.outcome()).isEqualTo(Outcome.RETURNED);
    assertThat(response.result().get("x").asInt()).isEqualTo(11);
    assertThat(response.result().get("y").asInt()).isEqualTo(2);
    assertThat(response.workerId()).isEqualTo("w1");
    assertThat(response.attempts()).isEqualTo(1);
    assertThat(response.exception()).isNull();
  }

  @Test
  void listOfRecordsReachesTheWorkerIntact() {
    InvocationService service = service(new CalcResponder(program.jarFile()));

    InvocationResponse response =
        service.invoke(
            "p1", body("total", List.of(Map.of("x", 1, "y", 2), Map.of("x", 30, "y", 40))));

    assertThat(response.result().asInt()).isEqualTo(73);
  }

  @Test
  void voidMethodReturnsNullResult() {
    InvocationService service = service(new CalcResponder(program.jarFile()));

    InvocationResponse response = service.invoke("p1", body("nothing"));

    assertThat(response.outcome()).isEqualTo(Outcome.RETURNED);
    assertThat(response.result().isNull()).isTrue();
  }

  @Test
  void noReplyBeforeRequestedTimeoutIsDeadlineExceeded() {
    InvocationService service = service((request, call) -> null);

    assertThatThrownBy(
            () ->
                service.invoke(
                    "p1", new InvocationBody("example.Calc", "divide", null, List.of(1, 2), 300L)))
        .isInstanceOf(DeadlineExceededException.class);
    assertThat(fixture.dispatcher.pendingCount()).isZero();
  }

  @Test
  void exceptionThrownOnWorkerIsReturnedAsThrew() {
    InvocationService service =
        service((r, c) -> FakeWorker.threw("java.lang.ArithmeticException", "/ by zero"));

    InvocationResponse response = service.invoke("p1", body("divide", 1, 0));

    assertThat(response.outcome()).isEqualTo(Outcome.THREW);
    assertThat(response.result()).isNull();
    assertThat(response.exception().type()).isEqualTo("java.lang.ArithmeticException");
    assertThat(response.exception().message()).isEqualTo("/ by zero");
    assertThat(response.exception().stackTrace()).isNotEmpty();
  }

  @Test
  void invocationErrorOnWorkerIsAWorkerErrorProblem() {
    InvocationService service =
        service(
            (r, c) ->
                InvocationResult.newBuilder()
                    .setOutcome(new InvocationError(ErrorCode.JAR_UNAVAILABLE, "no jar")));

    assertThatThrownBy(() -> service.invoke("p1", body("divide", 1, 2)))
        .isInstanceOfSatisfying(
            WorkerErrorException.class,
            e -> {
              assertThat(e.status().value()).isEqualTo(502);
              assertThat(e.code()).isEqualTo("JAR_UNAVAILABLE");
              assertThat(e.getMessage()).isEqualTo("no jar");
            });
  }
}
