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
      byte[] head = in.readNBytes(capBytes);
      boolean more = in.read() >= 0;
      String text = new String(head, StandardCharsets.UTF_8);
      return more ? text + String.format(TRUNCATION_MARKER, capBytes) : text;
    } catch (NoSuchFileException e) {
      return "";
    } catch (IOException e) {
      return "";
    }
  }
}
