package dev.farcall.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.farcall.model.wire.MethodRef;
import dev.farcall.model.wire.ReturnedValue;
import dev.farcall.model.wire.ThrownException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CallDispatcherTests {

  private static final MethodRef METHOD = new MethodRef("example.Calc", "echo", "([B)[B");

  private DispatchFixture fixture;

  private DispatchFixture fixture(java.util.function.UnaryOperator<DispatchSettings> customize) {
    fixture = new DispatchFixture(customize);
    return fixture;
  }

  @AfterEach
  void close() {
    if (fixture != null) {
      fixture.close();
    }
  }

  private static RemoteCall call(String payload) {
    return call(payload, Duration.ofSeconds(30));
  }

  private static RemoteCall call(String payload, Duration timeout) {
    return RemoteCall.single(
        "p1", "sha", METHOD, 42L, payload.getBytes(StandardCharsets.UTF_8), Deadline.in(timeout));
  }

  private static String payloadOf(InvocationOutcome outcome) {
    ByteBuffer b = ((ReturnedValue) outcome.result().getOutcome()).getPayload().duplicate();
    byte[] bytes = new byte[b.remaining()];
    b.get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Test
  void dispatchCompletesWithWorkersReply() throws Exception {
    DispatchFixture f = fixture(s -> s);
    FakeWorker w = f.started(f.worker("w1"));
    f.awaitAlive(w);

    InvocationOutcome outcome = f.dispatcher.invoke(call("hello")).get(30, TimeUnit.SECONDS);

    assertThat(payloadOf(outcome)).isEqualTo("hello");
    assertThat(outcome.result().getWorkerId()).isEqualTo("w1");
    assertThat(outcome.attempts()).isEqualTo(1);
    assertThat(f.dispatcher.pendingCount()).isZero();
  }

  @Test
  void thrownExceptionArrivesAsData() throws Exception {
    DispatchFixture f = fixture(s -> s);
    FakeWorker w =
        f.started(
            f.worker("w1")
                .responder(
                    (r, c) -> FakeWorker.threw("java.lang.ArithmeticException", "/ by zero")));
    f.awaitAlive(w);

    InvocationOutcome outcome = f.dispatcher.invoke(call("x")).get(30, TimeUnit.SECONDS);

    ThrownException thrown = (ThrownException) outcome.result().getOutcome();
    assertThat(thrown.getClassName()).isEqualTo("java.lang.ArithmeticException");
    assertThat(thrown.getMessage()).isEqualTo("/ by zero");
  }

  @Test
  void duplicateRepliesCompleteEachCallerOnceAndAreCounted() throws Exception {
    DispatchFixture f = fixture(s -> s);
    FakeWorker w = f.started(f.worker("w1").replyTimes(3));
    f.awaitAlive(w);
    AtomicInteger completions = new AtomicInteger();

    List<CompletableFuture<InvocationOutcome>> futures = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      CompletableFuture<InvocationOutcome> future = f.dispatcher.invoke(call("v" + i));
      future.whenComplete((o, e) -> completions.incrementAndGet());
      futures.add(future);
    }

    for (int i = 0; i < 20; i++) {
      assertThat(payloadOf(futures.get(i).get(30, TimeUnit.SECONDS))).isEqualTo("v" + i);
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> f.counts.duplicates.get() == 40);
    assertThat(completions).hasValue(20);
    assertThat(f.dispatcher.pendingCount()).isZero();
  }

  @Test
  void callsSpreadOverAliveWorkers() throws Exception {
    DispatchFixture f = fixture(s -> s);
    FakeWorker w1 = f.started(f.worker("w1").delay(Duration.ofMillis(20)));
    FakeWorker w2 = f.started(f.worker("w2").delay(Duration.ofMillis(20)));
    f.awaitAllPartitionsOwned(w1, w2);
    f.awaitAlive(w1, w2);

    List<CompletableFuture<InvocationOutcome>> futures = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      futures.add(f.dispatcher.invoke(call("v" + i)));
    }
    Map<String, Integer> served = new HashMap<>();
    for (int i = 0; i < 200; i++) {
      InvocationOutcome outcome = futures.get(i).get(30, TimeUnit.SECONDS);
      assertThat(payloadOf(outcome)).isEqualTo("v" + i);
      served.merge(outcome.result().getWorkerId(), 1, Integer::sum);
    }
    assertThat(served).containsOnlyKeys("w1", "w2");
    assertThat(served.get("w1")).isGreaterThan(50);
    assertThat(served.get("w2")).isGreaterThan(50);
  }

  @Test
  void callsMadeWhileARequestIsInFlightTravelTogetherAndEachGetsItsOwnReply() throws Exception {
    DispatchFixture f = fixture(s -> s);
    FakeWorker w1 = f.started(f.worker("w1"));
    f.awaitAllPartitionsOwned(w1);
    f.awaitAlive(w1);

    int calls = 1_000;
    List<CompletableFuture<InvocationOutcome>> futures = new ArrayList<>();
    for (int i = 0; i < calls; i++) {
      futures.add(f.dispatcher.invoke(call("v" + i)));
    }

    for (int i = 0; i < calls; i++) {
      assertThat(payloadOf(futures.get(i).get(30, TimeUnit.SECONDS))).isEqualTo("v" + i);
    }
    assertThat(w1.received()).isEqualTo(calls);
    // Pipelined callers' calls share Kafka records instead of paying for one record each.
    assertThat(w1.requests()).isLessThan(calls / 4);
    assertThat(f.dispatcher.pendingCount()).isZero();
  }

  @Test
  void aCapOfOneCallPerRequestSendsEveryCallInItsOwnRequest() throws Exception {
    DispatchFixture f = fixture(s -> s);
    FakeWorker w1 = f.started(f.worker("w1"));
    f.awaitAllPartitionsOwned(w1);
    f.awaitAlive(w1);

    int calls = 1_000;
    List<CompletableFuture<InvocationOutcome>> futures = new ArrayList<>();
    for (int i = 0; i < calls; i++) {
      futures.add(f.dispatcher.invoke(call("v" + i), 1));
    }

    for (int i = 0; i < calls; i++) {
      assertThat(payloadOf(futures.get(i).get(30, TimeUnit.SECONDS))).isEqualTo("v" + i);
    }
    // the same burst without a cap shares records (the test above); with a cap of 1 it cannot
    assertThat(w1.requests()).isEqualTo(calls);
    assertThat(f.dispatcher.pendingCount()).isZero();
  }

  @Test
  void everyCallOfSilentWorkerCompletesOnceViaAnotherWorker() throws Exception {
    DispatchFixture f =
        // only the worker's death triggers a resend
        fixture(s -> s.withAttemptTimeout(Duration.ofMinutes(5)));
    FakeWorker dying = f.started(f.worker("dying").slots(1000).holdReplies());
    FakeWorker survivor = f.started(f.worker("survivor").mute());
    f.awaitAllPartitionsOwned(dying, survivor);
    f.awaitAlive(dying);
    AtomicInteger completions = new AtomicInteger();

    int n = 500;
    List<CompletableFuture<InvocationOutcome>> futures = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      CompletableFuture<InvocationOutcome> future =
          f.dispatcher.invoke(call("call-" + i, Duration.ofSeconds(60)));
      future.whenComplete((o, e) -> completions.incrementAndGet());
      futures.add(future);
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> dying.received() == n);
    assertThat(f.dispatcher.pendingCount()).isEqualTo(n);

    dying.die();
    survivor.startHeartbeats();

    for (int i = 0; i < n; i++) {
      InvocationOutcome outcome = futures.get(i).get(30, TimeUnit.SECONDS);
      assertThat(payloadOf(outcome)).isEqualTo("call-" + i);
      assertThat(outcome.result().getWorkerId()).isEqualTo("survivor");
      assertThat(outcome.attempts()).isEqualTo(2);
    }
    assertThat(completions).hasValue(n);
    assertThat(survivor.received()).isEqualTo(n);
    assertThat(f.counts.resent).hasValue(n);
    assertThat(f.dispatcher.pendingCount()).isZero();
  }

  @Test
  void callOfHungWorkerIsResentAfterAttemptTimeout() throws Exception {
    DispatchFixture f = fixture(s -> s.withAttemptTimeout(Duration.ofMillis(500)));
    FakeWorker hung = f.started(f.worker("hung").holdReplies());
    FakeWorker other = f.started(f.worker("other").mute());
    f.awaitAllPartitionsOwned(hung, other);
    f.awaitAlive(hung);

    CompletableFuture<InvocationOutcome> future = f.dispatcher.invoke(call("slow"));
    await().atMost(Duration.ofSeconds(30)).until(() -> hung.received() == 1);
    other.startHeartbeats();

    InvocationOutcome outcome = future.get(30, TimeUnit.SECONDS);
    assertThat(outcome.result().getWorkerId()).isEqualTo("other");
    assertThat(outcome.attempts()).isEqualTo(2);
    assertThat(payloadOf(outcome)).isEqualTo("slow");
  }

  @Test
  void callWithoutAnyWorkerFailsAtDeadlineAndLeavesNothingPending() {
    DispatchFixture f = fixture(s -> s);

    CompletableFuture<InvocationOutcome> future =
        f.dispatcher.invoke(call("nobody", Duration.ofMillis(300)));

    assertThatThrownBy(() -> future.get(30, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(DeadlineExceededException.class);
    assertThat(f.dispatcher.pendingCount()).isZero();
    assertThat(f.counts.expired).hasValue(1);
  }

  @Test
  void dispatchBeyondPendingLimitIsRejectedAsOverloaded() {
    DispatchFixture f = fixture(s -> s.withMaxPending(2));
    f.dispatcher.invoke(call("a"));
    f.dispatcher.invoke(call("b"));

    assertThatThrownBy(() -> f.dispatcher.invoke(call("c")))
        .isInstanceOf(OverloadedException.class)
        .satisfies(e -> assertThat(((OverloadedException) e).limit()).isEqualTo(2));
    assertThat(f.dispatcher.pendingCount()).isEqualTo(2);
  }

  @Test
  void atMostOnceCallOfDyingWorkerFailsAsWorkerLostAndIsNeverResent() throws Exception {
    DispatchFixture f = fixture(s -> s.withAttemptTimeout(Duration.ofMinutes(5)));
    FakeWorker dying = f.started(f.worker("dying").slots(100).holdReplies());
    FakeWorker survivor = f.started(f.worker("survivor").mute());
    f.awaitAllPartitionsOwned(dying, survivor);
    f.awaitAlive(dying);

    int n = 20;
    List<CompletableFuture<InvocationOutcome>> futures = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      futures.add(
          f.dispatcher.invoke(
              call("effect-" + i, Duration.ofSeconds(60))
                  .withDelivery(RemoteCall.Delivery.AT_MOST_ONCE)));
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> dying.received() == n);

    dying.die();
    survivor.startHeartbeats();

    for (CompletableFuture<InvocationOutcome> future : futures) {
      assertThatThrownBy(() -> future.get(30, TimeUnit.SECONDS))
          .cause()
          .isInstanceOf(WorkerLostException.class)
          .hasMessageContaining("may or may not have run");
    }
    assertThat(survivor.received()).isZero();
    assertThat(f.counts.resent).hasValue(0);
    assertThat(f.dispatcher.pendingCount()).isZero();
  }
}
