package dev.farcall.coordinator.run.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunOutputFilesTests {

  @Test
  void outputUpToTheCapIsReadAsWrittenAndBeyondItAMarkerStandsForTheRest(@TempDir Path dir)
      throws IOException {
    Path small = Files.writeString(dir.resolve("small"), "héllo\n");
    Path big = Files.writeString(dir.resolve("big"), "x".repeat(20));

    assertThat(RunOutputFiles.read(small, 100)).isEqualTo("héllo\n");
    assertThat(RunOutputFiles.read(big, 8))
        .isEqualTo("xxxxxxxx" + String.format(RunOutputFiles.TRUNCATION_MARKER, 8));
    assertThat(RunOutputFiles.read(dir.resolve("missing"), 8)).isEmpty();
  }

  /**
   * A program that writes while its output is read: the read reaches the end of the file, then the
   * file grows. What is read is a prefix of the output, never a truncation marker short of the cap
   * (a marker there was sent to the dashboard as if the program had printed it).
   */
  @Test
  void outputThatGrowsWhileItIsReadIsAPrefixWithoutAMarker() throws IOException {
    InputStream growing =
        new InputStream() {
          private final byte[] written = "line 1\n".getBytes(StandardCharsets.US_ASCII);
          private int at;
          private boolean endSeen;

          @Override
          public int read(byte[] b, int off, int len) {
            if (at < written.length) {
              int n = Math.min(len, written.length - at);
              System.arraycopy(written, at, b, off, n);
              at += n;
              return n;
            }
            if (!endSeen) {
              endSeen = true; // the end of the file as it was ...
              return -1;
            }
            b[off] = 'l'; // ... and the program's next line, written just after
            return 1;
          }

          @Override
          public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0];
          }
        };

    assertThat(RunOutputFiles.read(growing, 1024)).isEqualTo("line 1\n");
  }
}
