package dev.farcall.driver.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.farcall.model.wire.MethodRef;
import dev.farcall.model.wire.RemoteCallOutcome;
import dev.farcall.model.wire.RunEvent;
import dev.farcall.model.wire.RunEventKind;
import dev.farcall.model.wire.RunEventsFile;
import dev.farcall.model.wire.RunStatistics;
import dev.farcall.model.wire.WireFormat;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * At the driver's end, how main ended and the final stats reach the coordinator (through the
 * last-events file) whether or not Kafka is there yet, and the JVM waits for no producer.
 */
class RunReporterTests {

  private static final WireFormat<RunEvent> FORMAT = WireFormat.RUN_EVENTS; // trusts the records

  @Test
  void aRunThatEndsBeforeKafkaIsConnectedLeavesItsLastEventsInTheFileAtOnce(@TempDir Path dir) {
    Path file = dir.resolve(RunEventsFile.NAME);
    CompletableFuture<Producer<String, byte[]>> neverConnected = new CompletableFuture<>();
    RunReporter reporter = new RunReporter("r1", "events", neverConnected, () -> stats(3), file);
    reporter.start(Duration.ofMillis(500));
    reporter.mainEnded(new IllegalStateException("boom"));

    long started = System.nanoTime();
    reporter.close();
    Duration closing = Duration.ofNanos(System.nanoTime() - started);

    assertThat(closing).as("close waits for no producer").isLessThan(Duration.ofMillis(500));
    List<RunEvent> last = RunEventsFile.read(file);
    assertThat(last)
        .extracting(RunEvent::getKind)
        .containsExactly(RunEventKind.MAIN_THREW, RunEventKind.ENDING);
    assertThat(last.get(0).getDetail()).isEqualTo(IllegalStateException.class.getName());
    assertThat(last.get(1).getStats().getRemoteCalls()).isEqualTo(3);
    assertThat(last.get(1).getSequence()).isGreaterThan(last.get(0).getSequence());
  }

  @Test
  void aConnectedRunFilesOnlyItsEndingAndWhatKafkaHasNotAcknowledged(@TempDir Path dir) {
    Path file = dir.resolve(RunEventsFile.NAME);
    MockProducer<String, byte[]> kafka =
        new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    RunReporter reporter =
        new RunReporter(
            "r1", "events", CompletableFuture.completedFuture(kafka), () -> stats(5), file);
    reporter.start(Duration.ofMinutes(1));
    reporter.mainEnded(null);
    org.awaitility.Awaitility.await().until(() -> kafka.history().size() == 2);

    reporter.close();

    assertThat(kafka.history())
        .extracting(r -> FORMAT.decode(r.value()).getKind())
        .containsExactly(RunEventKind.STARTED, RunEventKind.MAIN_RETURNED);
    // how main ended was acknowledged: the file holds only what Kafka does not have
    assertThat(RunEventsFile.read(file))
        .extracting(RunEvent::getKind)
        .containsExactly(RunEventKind.ENDING);
  }

  @Test
  void remoteCallsReportedToAKafkaThatHasNotAcknowledgedThemAreInTheFile(@TempDir Path dir) {
    Path file = dir.resolve(RunEventsFile.NAME);
    MockProducer<String, byte[]> kafka = // acknowledges nothing until told
        new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
    RunReporter reporter =
        new RunReporter(
            "r1", "events", CompletableFuture.completedFuture(kafka), () -> stats(1), file);
    RemoteCallLog calls =
        new RemoteCallLog(site -> new MethodRef("demo.Squares", "square", "(I)J"), 10, 100);
    reporter.reportCallsOf(calls);
    calls.record(0, "w1", 1_000, 50, 40, RemoteCallOutcome.RETURNED);
    reporter.start(Duration.ofMillis(10));
    org.awaitility.Awaitility.await()
        .until(
            () ->
                kafka.history().stream()
                    .anyMatch(r -> FORMAT.decode(r.value()).getRemoteCalls() != null));

    reporter.close(); // the JVM ends: what Kafka holds unacknowledged may never be sent

    assertThat(RunEventsFile.read(file))
        .filteredOn(e -> e.getRemoteCalls() != null)
        .as("the report that carried the call")
        .isNotEmpty();
  }

  private static RunStatistics stats(long remoteCalls) {
    return RunStatistics.newBuilder()
        .setLocalCalls(0)
        .setLocalCallsComplete(true)
        .setRemoteCalls(remoteCalls)
        .setRetries(0)
        .setBytesSent(0)
        .setBytesReceived(0)
        .setSites(List.of())
        .build();
  }
}
