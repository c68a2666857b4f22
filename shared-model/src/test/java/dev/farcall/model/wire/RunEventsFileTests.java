package dev.farcall.model.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver's last events, written to a file and read back by the coordinator: in order, and with
 * nothing from a record on that is cut, oversized or does not parse (the run's user writes it).
 */
class RunEventsFileTests {

  // WireFormat tells Avro to trust the generated records: load it before building any
  private static final WireFormat<RunEvent> FORMAT = WireFormat.RUN_EVENTS;

  @Test
  void eventsWrittenAreReadBackInOrder(@TempDir Path dir) throws IOException {
    Path file = dir.resolve(RunEventsFile.NAME);
    List<RunEvent> written =
        List.of(event(7, RunEventKind.MAIN_THREW, "java.lang.IllegalStateException"), ending(8));

    RunEventsFile.write(file, written);

    assertThat(RunEventsFile.read(file)).isEqualTo(written);
  }

  @Test
  void noFileIsNoEvents(@TempDir Path dir) {
    assertThat(RunEventsFile.read(dir.resolve("absent"))).isEmpty();
  }

  @Test
  void aCutOrForgedRecordEndsWhatIsRead(@TempDir Path dir) throws IOException {
    Path file = dir.resolve(RunEventsFile.NAME);
    RunEventsFile.write(file, List.of(ending(1), ending(2)));
    byte[] whole = Files.readAllBytes(file);

    Files.write(file, Arrays.copyOf(whole, whole.length - 3)); // killed while writing
    assertThat(RunEventsFile.read(file)).extracting(RunEvent::getSequence).containsExactly(1L);

    Files.write(file, new byte[] {0x7f, 0, 0, 0, 1, 2, 3}); // a length of 2 GB
    assertThat(RunEventsFile.read(file)).isEmpty();

    Files.write(file, new byte[] {0, 0, 0, 3, 1, 2, 3}); // not a run event
    assertThat(RunEventsFile.read(file)).isEmpty();
  }

  private static RunEvent ending(long sequence) {
    RunEvent e = event(sequence, RunEventKind.ENDING, null);
    e.setStats(
        RunStatistics.newBuilder()
            .setLocalCalls(10)
            .setLocalCallsComplete(true)
            .setRemoteCalls(4)
            .setRetries(0)
            .setBytesSent(100)
            .setBytesReceived(50)
            .setSites(List.of())
            .build());
    return e;
  }

  private static RunEvent event(long sequence, RunEventKind kind, String detail) {
    return RunEvent.newBuilder()
        .setRunId("r1")
        .setSequence(sequence)
        .setSentEpochMillis(1000 + sequence)
        .setKind(kind)
        .setDetail(detail)
        .build();
  }
}
