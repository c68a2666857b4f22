package dev.farcall.worker.objects;

import static dev.farcall.worker.objects.ObjectPrograms.PROGRAM;
import static dev.farcall.worker.objects.ObjectPrograms.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.farcall.api.RemoteOptions;
import dev.farcall.worker.support.FakeCoordinator;
import dev.farcall.worker.support.ObjectCaller;
import dev.farcall.worker.support.TestKafka;
import dev.farcall.worker.support.TestWorker;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An object dies with the run that created it: when the run's reply topic is gone (the coordinator
 * deletes it as the run ends), the worker ends the run's objects and frees what they held.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ObjectsOfEndedRunsTests {

  private static final String WORKER = "sweeping-worker";
  private static final RemoteOptions OPTIONS =
      RemoteOptions.defaults().withCallTimeout(Duration.ofSeconds(30));

  private TestKafka kafka;
  private FakeCoordinator coordinator;
  private ConfigurableApplicationContext worker;

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
            Files.createTempDirectory("sweep-cache"),
            Map.of("farcall.worker.owner-sweep-interval", "200ms"));
  }

  @AfterAll
  void stop() {
    worker.close();
    coordinator.close();
    kafka.close();
  }

  @Test
  void theObjectsOfARunWhoseReplyTopicIsDeletedAreEndedAndFreed() throws Exception {
    ObjectTable table = worker.getBean(ObjectTable.class);
    String ended = kafka.topics().prefix() + "replies.run-ended";
    String running = kafka.topics().prefix() + "replies.run-running";
    try (ObjectCaller runningRun = new ObjectCaller(kafka, 2, running)) {
      runningRun.awaitAlive(WORKER);
      // the ended run's driver makes two objects and dies without closing them (as on SIGKILL):
      // its clients are gone before its topic is (a live consumer of a deleted topic would have
      // the broker create it again)
      try (ObjectCaller endedRun = new ObjectCaller(kafka, 2, ended)) {
        endedRun.awaitAlive(WORKER);
        endedRun.objects.create(spec("demo.Tally", 1, OPTIONS)).get(30, TimeUnit.SECONDS);
        endedRun.objects.create(spec("demo.Tally", 2, OPTIONS)).get(30, TimeUnit.SECONDS);
      }
      runningRun.objects.create(spec("demo.Tally", 3, OPTIONS)).get(30, TimeUnit.SECONDS);
      assertThat(table.size()).isEqualTo(3);

      try (Admin admin =
          Admin.create(
              Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
        admin.deleteTopics(List.of(ended)).all().get(30, TimeUnit.SECONDS);
      }

      await("the ended run's two objects ended")
          .atMost(Duration.ofSeconds(30))
          .until(() -> table.size() == 1);
      // the running run's object is untouched, several sweeps later
      await("the running run's object kept")
          .during(Duration.ofSeconds(1))
          .atMost(Duration.ofSeconds(5))
          .until(() -> table.size() == 1);
    }
  }
}
