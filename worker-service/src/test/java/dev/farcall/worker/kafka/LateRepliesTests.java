package dev.farcall.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.farcall.model.wire.InvocationRequest;
import dev.farcall.model.wire.InvocationResult;
import dev.farcall.model.wire.ReturnedValue;
import dev.farcall.model.wire.WireFormat;
import dev.farcall.worker.invoke.WorkerMetrics;
import dev.farcall.worker.support.FakeCoordinator;
import dev.farcall.worker.support.Requests;
import dev.farcall.worker.support.TestKafka;
import dev.farcall.worker.support.TestProgram;
import dev.farcall.worker.support.TestWorker;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A call whose run ended while it was queued or running: the coordinator deleted the run's reply
 * topic, and the broker creates no topic on demand (as in compose and Helm). Its reply has no
 * reader; it must not hold the worker's slot for the producer's {@code max.block.ms} nor leave its
 * record uncommitted (to be run again after a rebalance), and it must not bring the topic back.
 * Each worker here has one slot, so a held slot would hold every later call.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LateRepliesTests {

  private static final String PROGRAM = "calc";

  private final TestProgram program = TestProgram.calc();
  private FakeCoordinator coordinator;
  private Admin admin;
  // looks often which reply topics are gone
  private TestKafka watchingKafka;
  private ConfigurableApplicationContext watching;
  // never looks on its own: only a reply that fails makes it look
  private TestKafka blindKafka;
  private ConfigurableApplicationContext blind;

  @BeforeAll
  void start() throws Exception {
    coordinator = new FakeCoordinator().serve(PROGRAM, program.jarBytes());
    watchingKafka = new TestKafka(1);
    watching =
        TestWorker.start(
            watchingKafka,
            coordinator,
            "watching-worker",
            1,
            Files.createTempDirectory("late-watching"),
            Map.of("farcall.worker.reply-topic-check-interval", "200ms"));
    blindKafka = new TestKafka(1);
    blind =
        TestWorker.start(
            blindKafka,
            coordinator,
            "blind-worker",
            1,
            Files.createTempDirectory("late-blind"),
            Map.of("farcall.worker.reply-topic-check-interval", "1h"));
    admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, watchingKafka.bootstrapServers()));
  }

  @AfterAll
  void stop() {
    admin.close();
    blind.close();
    watching.close();
    blindKafka.close();
    watchingKafka.close();
    coordinator.close();
  }

  @Test
  void aReplyToARunThatEndedWhileItsCallRanIsDroppedWithoutHoldingTheSlot() throws Exception {
    String runTopic = createRunTopic(watchingKafka);
    WorkerMetrics metrics = watching.getBean(WorkerMetrics.class);
    InvocationRequest late =
        Requests.call(watchingKafka, program, PROGRAM, method("slow"), 4000L)
            .setReplyTopic(runTopic)
            .build();
    long started = System.nanoTime();
    send(watchingKafka, late);
    await().atMost(TestKafka.WAIT).until(() -> metrics.inFlight() > 0);
    admin.deleteTopics(List.of(runTopic)).all().get(30, TimeUnit.SECONDS);

    InvocationRequest next =
        Requests.call(watchingKafka, program, PROGRAM, method("add"), 2, 3).build();
    send(watchingKafka, next);

    assertThat(returned(watchingKafka, next, method("add"))).isEqualTo(5);
    // held for the producer's max.block.ms (10 s) the slot would answer after 14 s
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    watchingKafka.awaitAllCommitted();
    assertThat(topicExists(runTopic)).isFalse();
  }

  @Test
  void aCallQueuedForARunThatEndedIsNotRunAndItsRecordIsCommitted() throws Exception {
    String runTopic = createRunTopic(watchingKafka);
    WorkerMetrics metrics = watching.getBean(WorkerMetrics.class);
    ReplyTopics topics = watching.getBean(ReplyTopics.class);
    send(
        watchingKafka,
        Requests.call(watchingKafka, program, PROGRAM, method("add"), 1, 1)
            .setReplyTopic(runTopic)
            .build());
    watchingKafka.awaitAllCommitted();
    admin.deleteTopics(List.of(runTopic)).all().get(30, TimeUnit.SECONDS);
    await("the worker sees the run's topic gone")
        .atMost(TestKafka.WAIT)
        .until(() -> topics.isGone(runTopic));
    long completedBefore = metrics.completed();

    send(
        watchingKafka,
        Requests.call(watchingKafka, program, PROGRAM, method("fail"), "must not run")
            .setReplyTopic(runTopic)
            .build());

    watchingKafka.awaitAllCommitted();
    assertThat(metrics.completed()).isEqualTo(completedBefore);
    assertThat(topicExists(runTopic)).isFalse();
  }

  @Test
  void aReplyThatFindsItsTopicGoneIsCommittedAndDoesNotBringTheTopicBack() throws Exception {
    String runTopic = createRunTopic(blindKafka);
    WorkerMetrics metrics = blind.getBean(WorkerMetrics.class);
    InvocationRequest late =
        Requests.call(blindKafka, program, PROGRAM, method("slow"), 500L)
            .setReplyTopic(runTopic)
            .build();
    send(blindKafka, late);
    await().atMost(TestKafka.WAIT).until(() -> metrics.inFlight() > 0);
    admin.deleteTopics(List.of(runTopic)).all().get(30, TimeUnit.SECONDS);

    // the producer gives up on the topic's metadata after max.block.ms; the worker then finds the
    // topic gone, so nobody will read the reply and the call is done
    blindKafka.awaitAllCommitted();
    assertThat(blind.getBean(ReplyTopics.class).isGone(runTopic)).isTrue();
    assertThat(topicExists(runTopic)).isFalse();

    InvocationRequest next =
        Requests.call(blindKafka, program, PROGRAM, method("add"), 4, 4).build();
    send(blindKafka, next);
    assertThat(returned(blindKafka, next, method("add"))).isEqualTo(8);
  }

  private String createRunTopic(TestKafka kafka) throws Exception {
    String topic = kafka.topics().prefix() + "replies.run-" + UUID.randomUUID();
    admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
    return topic;
  }

  private boolean topicExists(String topic) throws Exception {
    return admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic);
  }

  private Method method(String name) {
    return program.method("demo.Calc", name);
  }

  private static void send(TestKafka kafka, InvocationRequest request) {
    kafka.sendInvocation(0, Requests.idOf(request), WireFormat.REQUESTS.encode(request));
  }

  private Object returned(TestKafka kafka, InvocationRequest request, Method method) {
    InvocationResult result = kafka.awaitResult(Requests.idOf(request));
    assertThat(result.getOutcome()).isInstanceOf(ReturnedValue.class);
    ByteBuffer payload = ((ReturnedValue) result.getOutcome()).getPayload();
    byte[] bytes = new byte[payload.remaining()];
    payload.duplicate().get(bytes);
    return program.codec(method).decodeResult(bytes);
  }
}
