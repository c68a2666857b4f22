package dev.farcall.model.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.api.Test;

/**
 * The run-events schema grows by fields with defaults only: a reader of either version resolves
 * events written with the other, and the remote calls for the timeline round-trip.
 */
class RunEventSchemaTests {

  // WireFormat tells Avro to trust the generated records: load it before building any
  private static final WireFormat<RunEvent> FORMAT = WireFormat.RUN_EVENTS;

  @Test
  void remoteCallsAreAddedWithDefaultsSoBothVersionsReadEachOther() throws IOException {
    Schema before = schemaBeforeRemoteCalls();
    Schema now = RunEvent.getClassSchema();

    assertThat(SchemaCompatibility.checkReaderWriterCompatibility(now, before).getType())
        .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    assertThat(SchemaCompatibility.checkReaderWriterCompatibility(before, now).getType())
        .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
  }

  @Test
  void remoteCallsRoundTrip() {
    RunEvent event =
        RunEvent.newBuilder()
            .setRunId("r1")
            .setSequence(3)
            .setSentEpochMillis(1000)
            .setKind(RunEventKind.STATS)
            .setRemoteCalls(
                RemoteCalls.newBuilder()
                    .setSites(List.of(new MethodRef("a.B", "m", "(I)J")))
                    .setCalls(
                        List.of(
                            new RemoteCallRecord(
                                0,
                                "w1",
                                1_700_000_000_000_000L,
                                900L,
                                700L,
                                RemoteCallOutcome.RETURNED),
                            new RemoteCallRecord(
                                0,
                                "",
                                1_700_000_000_001_000L,
                                30_000L,
                                0L,
                                RemoteCallOutcome.FAILED)))
                    .setDropped(5)
                    .build())
            .build();

    assertThat(FORMAT.decode(FORMAT.encode(event))).isEqualTo(event);
    assertThat(
            RunEvent.newBuilder()
                .setRunId("r")
                .setSequence(1)
                .setSentEpochMillis(1)
                .setKind(RunEventKind.STARTED)
                .build()
                .getRemoteCalls())
        .isNull();
  }

  private static Schema schemaBeforeRemoteCalls() throws IOException {
    Schema.Parser parser = new Schema.Parser();
    parser.parse(MethodRef.getClassSchema().toString());
    try (InputStream in =
        RunEventSchemaTests.class.getResourceAsStream("/avro/RunEvent-before-remote-calls.avsc")) {
      return parser.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }
}
