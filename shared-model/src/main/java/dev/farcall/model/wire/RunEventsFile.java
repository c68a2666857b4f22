package dev.farcall.model.wire;

import dev.farcall.model.codec.PayloadException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A run driver's last events in a file next to its log, for the coordinator to read once the
 * driver's process has exited: the driver need not wait for Kafka at its end. Each event is a
 * 4-byte big-endian length and that many bytes of a {@link WireFormat#RUN_EVENTS} record.
 */
public final class RunEventsFile {

  /** The file's name in the driver's directory. */
  public static final String NAME = "last-events";

  /** The most that is read of one: the final stats, with every site and remote call. */
  public static final int READ_LIMIT = 64 * 1024 * 1024;

  private RunEventsFile() {}

  /** Writes {@code events} to {@code file}, replacing what it held. */
  public static void write(Path file, List<RunEvent> events) throws IOException {
    try (DataOutputStream out =
        new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
      for (RunEvent e : events) {
        byte[] bytes = WireFormat.RUN_EVENTS.encode(e);
        out.writeInt(bytes.length);
        out.write(bytes);
      }
    }
  }

  /**
   * The events in {@code file}, in order; none when there is no file. The run's own user writes it,
   * so it is read with a limit, and from a record that is cut or does not parse on, nothing.
   */
  public static List<RunEvent> read(Path file) {
    List<RunEvent> events = new ArrayList<>();
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      long left = READ_LIMIT;
      while (true) {
        int length;
        try {
          length = in.readInt();
        } catch (EOFException end) {
          break;
        }
        left -= 4;
        if (length < 0 || length > left) {
          break;
        }
        left -= length;
        byte[] record = in.readNBytes(length);
        if (record.length < length) {
          break;
        }
        events.add(WireFormat.RUN_EVENTS.decode(record));
      }
    } catch (IOException | PayloadException e) {
      // no file (the driver was killed, or never started), or a record that does not parse
    }
    return events;
  }
}
