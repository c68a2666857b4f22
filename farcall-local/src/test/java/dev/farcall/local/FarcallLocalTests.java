package dev.farcall.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.BindException;
import org.junit.jupiter.api.Test;

class FarcallLocalTests {

  @Test
  void portInUseIsExplainedWithTheOptionToChange() {
    RuntimeException failure =
        new IllegalStateException(
            "Failed to start bean 'webServerStartStop'",
            new RuntimeException(new BindException("Address already in use")));

    String message = FarcallLocal.explain(failure, LocalOptions.parse("--port", "9090"));

    assertThat(message)
        .isEqualTo(
            "port 9090 is already in use; stop what listens there or choose another with --port");
  }

  @Test
  void otherFailuresShowTheirRootCause() {
    RuntimeException failure =
        new IllegalStateException(
            "could not start the embedded Kafka broker", new java.io.IOException("disk full"));

    assertThat(FarcallLocal.explain(failure, LocalOptions.defaults()))
        .isEqualTo("could not start the embedded Kafka broker (disk full)");
  }
}
