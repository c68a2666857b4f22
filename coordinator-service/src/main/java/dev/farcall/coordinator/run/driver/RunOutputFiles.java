package dev.farcall.coordinator.run.driver;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads what a run wrote to its stdout or stderr file, up to a cap: past it, a visible marker
 * stands for the rest (the same cap and marker as the stored output).
 */
public final class RunOutputFiles {

  /** Appended once when a stream reaches its cap. */
  public static final String TRUNCATION_MARKER = "\n[farcall: output truncated at %d bytes]\n";

  private RunOutputFiles() {}

  /** The file's text up to {@code capBytes} (UTF-8), with the marker when it is longer. */
  public static String read(Path file, int capBytes) {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, capBytes);
    } catch (NoSuchFileException e) {
      return "";
    } catch (IOException e) {
      return "";
    }
  }

  /** The text of a stream that may still grow (a running program's output) up to the cap. */
  static String read(InputStream in, int capBytes) throws IOException {
    byte[] head = in.readNBytes(capBytes);
    // Only a head that reached the cap may have more: short of it, readNBytes stopped at the end of
    // the file, and a byte the program wrote since is not past the cap but the next read's.
    boolean more = head.length == capBytes && in.read() >= 0;
    String text = new String(head, StandardCharsets.UTF_8);
    return more ? text + String.format(TRUNCATION_MARKER, capBytes) : text;
  }
}
