package dev.farcall.model.wire;

import dev.farcall.model.codec.PayloadException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro binary encoding of the wire records (requests, results, heartbeats, run specs and run
 * events) carried as Kafka record values. Readers and writers are built once per record type;
 * instances are thread-safe.
 *
 * @param <T> the generated record type
 */
public final class WireFormat<T extends SpecificRecordBase> {

  static {
    // Avro 1.12 refuses to load any class it was not told to trust, including our own generated
    // wire records; trust exactly this package (added to whatever is trusted already), nothing
    // more.
    ClassSecurityValidator.setGlobal(
        ClassSecurityValidator.composite(
            ClassSecurityValidator.getGlobal(),
            type -> WireFormat.class.getPackageName().equals(type.getPackageName())));
  }

  /** Requests on the invocations topic. */
  public static final WireFormat<InvocationRequest> REQUESTS =
      new WireFormat<>(InvocationRequest.class, InvocationRequest.getClassSchema());

  /** Results on the replies topic. */
  public static final WireFormat<InvocationResult> RESULTS =
      new WireFormat<>(InvocationResult.class, InvocationResult.getClassSchema());

  /** Heartbeats on the heartbeats topic. */
  public static final WireFormat<WorkerHeartbeat> HEARTBEATS =
      new WireFormat<>(WorkerHeartbeat.class, WorkerHeartbeat.getClassSchema());

  /** What the coordinator writes to a run driver's standard input. */
  public static final WireFormat<RunSpec> RUN_SPECS =
      new WireFormat<>(RunSpec.class, RunSpec.getClassSchema());

  /** Run drivers' reports on the run-events topic. */
  public static final WireFormat<RunEvent> RUN_EVENTS =
      new WireFormat<>(RunEvent.class, RunEvent.getClassSchema());

  private final Class<T> type;
  private final SpecificDatumWriter<T> writer;
  private final SpecificDatumReader<T> reader;

  private WireFormat(Class<T> type, org.apache.avro.Schema schema) {
    this.type = type;
    this.writer = new SpecificDatumWriter<>(schema);
    this.reader = new SpecificDatumReader<>(schema);
  }

  /** Encodes a record. */
  public byte[] encode(T record) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    try {
      writer.write(record, encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * Decodes a record.
   *
   * @throws PayloadException if the bytes are not a valid record of this type
   */
  public T decode(byte[] bytes) {
    if (bytes == null) {
      throw new PayloadException("no " + type.getSimpleName() + " payload");
    }
    BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, null);
    try {
      T record = reader.read(null, decoder);
      if (!decoder.isEnd()) {
        throw new PayloadException(type.getSimpleName() + " payload has trailing bytes");
      }
      return record;
    } catch (IOException | RuntimeException e) {
      if (e instanceof PayloadException p) {
        throw p;
      }
      throw new PayloadException("malformed " + type.getSimpleName() + " payload: " + e, e);
    }
  }
}
