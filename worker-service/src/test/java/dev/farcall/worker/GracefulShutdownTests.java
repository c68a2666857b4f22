package dev.farcall.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.farcall.model.wire.InvocationRequest;
import dev.farcall.model.wire.ReturnedValue;
import dev.farcall.model.wire.WireFormat;
import dev.farcall.model.wire.WorkerHeartbeat;
import dev.farcall.model.wire.WorkerState;
import dev.farcall.worker.invoke.WorkerMetrics;
import dev.farcall.worker.support.FakeCoordinator;
import dev.farcall.worker.support.Requests;
import dev.farcall.worker.support.TestKafka;
import dev.farcall.worker.support.TestProgram;
import dev.farcall.worker.support.TestWorker;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** Closing the worker's context (what SIGTERM does) drains it. */
class GracefulShutdownTests {

  @Test
  void closingTheWorkerFinishesTheRunningCallRepliesCommitsAndLeaves() throws Exception {
    TestProgram program = TestProgram.calc();
    Method slow = program.method("demo.Calc", "slow");
    try (TestKafka kafka = new TestKafka(1);
        FakeCoordinator coordinator = new FakeCoordinator().serve("calc", program.jarBytes())) {
      ConfigurableApplicationContext worker =
          TestWorker.start(
              kafka, coordinator, "draining", 1, Files.createTempDirectory("worker-cache"));
      await()
          .atMost(TestKafka.WAIT)
          .until(
              () ->
                  kafka.heartbeats("draining").stream()
                      .anyMatch(h -> h.getState() == WorkerState.RUNNING));
      InvocationRequest request = Requests.call(kafka, program, "calc", slow, 1500L).build();
      String id = Requests.idOf(request);
      kafka.sendInvocation(0, id, WireFormat.REQUESTS.encode(request));
      WorkerMetrics metrics = worker.getBean(WorkerMetrics.class);
      await().atMost(TestKafka.WAIT).until(() -> metrics.inFlight() == 1);

      worker.close();

      // The reply was acknowledged before close() returned; the collector just reads it later.
      await().atMost(TestKafka.WAIT).until(() -> kafka.results(id).size() == 1);
      assertThat(kafka.results(id).get(0).getOutcome()).isInstanceOf(ReturnedValue.class);
      assertThat(kafka.committedOffsets()).isEqualTo(kafka.endOffsets());
      assertThat(kafka.describeGroup().members()).isEmpty();
      await()
          .atMost(TestKafka.WAIT)
          .untilAsserted(
              () -> {
                List<WorkerHeartbeat> beats = kafka.heartbeats("draining");
                assertThat(beats.get(beats.size() - 1).getState()).isEqualTo(WorkerState.STOPPED);
              });
    }
  }
}
