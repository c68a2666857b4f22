package dev.farcall.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.farcall.model.wire.InvocationRequest;
import dev.farcall.model.wire.InvocationResult;
import dev.farcall.model.wire.ReturnedValue;
import dev.farcall.model.wire.WireFormat;
import dev.farcall.model.wire.WorkerHeartbeat;
import dev.farcall.worker.support.FakeCoordinator;
import dev.farcall.worker.support.Requests;
import dev.farcall.worker.support.TestKafka;
import dev.farcall.worker.support.TestProgram;
import dev.farcall.worker.support.TestWorker;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** A worker with one slot receives more slow calls than it can run at once. */
class BackPressureTests {

  @Test
  void oneSlotRunsSlowCallsOneAtATimeAndAnswersAll() throws Exception {
    TestProgram program = TestProgram.calc();
    Method slow = program.method("demo.Calc", "slow");
    try (TestKafka kafka = new TestKafka(2);
        FakeCoordinator coordinator = new FakeCoordinator().serve("calc", program.jarBytes());
        ConfigurableApplicationContext worker =
            TestWorker.start(
                kafka, coordinator, "one-slot", 1, Files.createTempDirectory("worker-cache"))) {
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        InvocationRequest request = Requests.call(kafka, program, "calc", slow, 150L).build();
        ids.add(Requests.idOf(request));
        kafka.sendInvocation(i % 2, Requests.idOf(request), WireFormat.REQUESTS.encode(request));
      }

      for (String id : ids) {
        InvocationResult result = kafka.awaitResult(id);
        assertThat(result.getOutcome()).isInstanceOf(ReturnedValue.class);
        ByteBuffer payload = ((ReturnedValue) result.getOutcome()).getPayload();
        byte[] bytes = new byte[payload.remaining()];
        payload.duplicate().get(bytes);
        // The program itself counts how many of its calls ever ran at once on this worker.
        assertThat(program.codec(slow).decodeResult(bytes)).isEqualTo(1);
      }
      kafka.awaitAllCommitted();
      assertThat(kafka.heartbeats("one-slot"))
          .isNotEmpty()
          .extracting(WorkerHeartbeat::getInFlight)
          .allMatch(n -> n <= 1);
    }
  }
}
