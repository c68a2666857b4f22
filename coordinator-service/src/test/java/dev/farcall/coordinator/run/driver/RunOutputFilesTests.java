package dev.farcall.coordinator.run.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
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
}
