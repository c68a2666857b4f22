package dev.farcall.worker.objects;

import static dev.farcall.worker.objects.ObjectPrograms.PROGRAM;
import static dev.farcall.worker.objects.ObjectPrograms.call;
import static dev.farcall.worker.objects.ObjectPrograms.spec;
import static dev.farcall.worker.objects.ObjectPrograms.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.farcall.api.RemoteObjectLostException;
import dev.farcall.api.RemoteOptions;
import dev.farcall.dispatch.InvocationOutcome;
import dev.farcall.dispatch.objects.ObjectCreationException;
import dev.farcall.dispatch.objects.RemoteObject;
import dev.farcall.model.wire.ErrorCode;
import dev.farcall.worker.support.FakeCoordinator;
import dev.farcall.worker.support.ObjectCaller;
import dev.farcall.worker.support.TestKafka;
import dev.farcall.worker.support.TestWorker;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;

/** Remote objects end to end: the dispatch core's handles against one real worker. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RemoteObjectsTests {

  private static final String WORKER = "objects-worker";
  private static final String TALLY = "demo.Tally";
  private static final RemoteOptions OPTIONS =
      RemoteOptions.defaults().withCallTimeout(Duration.ofSeconds(30));

  private TestKafka kafka;
  private FakeCoordinator coordinator;
  private ConfigurableApplicationContext worker;
  private ObjectCaller caller;

  @BeforeAll
  void start() throws Exception {
    kafka = new TestKafka(2);
    coordinator = new FakeCoordinator().serve(PROGRAM, ObjectPrograms.program().jarBytes());
    worker =
        TestWorker.start(
            kafka,
            coordinator,
            WORKER,
            2,
            Files.createTempDirectory("objects-cache"),
            Map.of("farcall.worker.max-object-heap", "8MB"));
    caller = new ObjectCaller(kafka, 2);
    caller.awaitAlive(WORKER);
  }

  @AfterAll
  void stop() {
    caller.close();
    worker.close();
    coordinator.close();
    kafka.close();
  }

  private RemoteObject create(int start) throws Exception {
    return caller.objects.create(spec(TALLY, start, OPTIONS)).get(30, TimeUnit.SECONDS);
  }

  @Test
  void fourCallersOfAThousandIncrementsEachCountToFourThousandEachInItsOwnOrder() throws Exception {
    RemoteObject tally = create(0);
    List<Thread> threads = new ArrayList<>();
    List<CompletableFuture<InvocationOutcome>> lastCalls = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      String name = "t" + t;
      CompletableFuture<InvocationOutcome> last = new CompletableFuture<>();
      lastCalls.add(last);
      threads.add(
          new Thread(
              () -> {
                CompletableFuture<InvocationOutcome> f = null;
                for (int i = 0; i < 1000; i++) {
                  f = call(tally, "add", name, i);
                }
                f.whenComplete((o, e) -> last.complete(o));
              }));
    }
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join();
    }
    CompletableFuture.allOf(lastCalls.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

    assertThat(value(TALLY, "value", call(tally, "value").get(30, TimeUnit.SECONDS)))
        .isEqualTo(4000);
    @SuppressWarnings("unchecked")
    List<String> log =
        (List<String>) value(TALLY, "log", call(tally, "log").get(30, TimeUnit.SECONDS));
    for (int t = 0; t < 4; t++) {
      String prefix = "t" + t + ":";
      List<Integer> order =
          log.stream()
              .filter(s -> s.startsWith(prefix))
              .map(s -> Integer.parseInt(s.substring(prefix.length())))
              .toList();
      assertThat(order).as("calls of caller t%d in the order it made them", t).hasSize(1000);
      assertThat(order).isSorted();
    }
  }

  @Test
  void aClosedObjectRefusesLaterCallsWithCauseClosed() throws Exception {
    RemoteObject tally = create(7);
    CompletableFuture<InvocationOutcome> before = call(tally, "value");
    tally.close().get(30, TimeUnit.SECONDS);

    assertThat(value(TALLY, "value", before.get(30, TimeUnit.SECONDS))).isEqualTo(7);
    assertThatThrownBy(() -> call(tally, "value").get(30, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOfSatisfying(
            RemoteObjectLostException.class,
            e -> {
              assertThat(e.lossCause()).isEqualTo(RemoteObjectLostException.Cause.CLOSED);
              assertThat(e.objectId()).isEqualTo(tally.id());
            });
  }

  @Test
  void twoObjectsOfOneClassKeepTheirOwnState() throws Exception {
    RemoteObject a = create(100);
    RemoteObject b = create(200);
    call(a, "add", "x", 1).get(30, TimeUnit.SECONDS);

    assertThat(value(TALLY, "value", call(a, "value").get(30, TimeUnit.SECONDS))).isEqualTo(101);
    assertThat(value(TALLY, "value", call(b, "value").get(30, TimeUnit.SECONDS))).isEqualTo(200);
  }

  @Test
  void anObjectLargerThanTheWorkersObjectHeapIsRefusedWithAClearError() {
    // this worker's objects may take 8 MB together
    assertThatThrownBy(
            () -> caller.objects.create(spec("demo.Hog", 16, OPTIONS)).get(30, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOfSatisfying(
            ObjectCreationException.class,
            e ->
                assertThat(e.error().orElseThrow().getCode())
                    .isEqualTo(ErrorCode.OBJECT_LIMIT_REACHED));
  }
}
