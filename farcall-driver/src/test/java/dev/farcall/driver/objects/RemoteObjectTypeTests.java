package dev.farcall.driver.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.farcall.api.spi.AsyncDispatchers;
import dev.farcall.driver.sites.Examples;
import dev.farcall.driver.sites.InProcessRun;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code Farcall.remote} in a run, where the analysis decides which types may live remotely. */
class RemoteObjectTypeTests {

  /** Farcall.remote of the run's classes goes to its dispatcher, as RunDriver binds it. */
  private static InProcessRun bound(InProcessRun run) {
    AsyncDispatchers.register(run.loader, run.dispatcher);
    return run;
  }

  @Test
  void aTypeWhoseMethodWritesAFileIsRefusedAtFarcallRemoteWithTheAnalysisReason() {
    InProcessRun run = bound(InProcessRun.of(Examples.JAR, List.of(), null));

    assertThatThrownBy(() -> run.runMain(Examples.main("journal")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(
            "dev.farcall.examples.programs.journal.Journal cannot be a remote object")
        .hasMessageContaining("method append")
        .hasMessageContaining("IO");
    assertThat(Path.of("journal.txt")).doesNotExist();
  }

  @Test
  void aTypeThatOnlyChangesItsOwnStateIsAccepted() throws Throwable {
    InProcessRun run = bound(InProcessRun.of(Examples.JAR, List.of(), null));
    PrintStream out = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      run.runMain(Examples.main("objects"));
    } finally {
      System.setOut(out);
    }
    // no worker is reachable here, so the object lives at home under the same rules
    assertThat(captured.toString(StandardCharsets.UTF_8))
        .startsWith("total = 4000\neach caller in its order: true\n");
    Files.deleteIfExists(Path.of("journal.txt"));
  }
}
