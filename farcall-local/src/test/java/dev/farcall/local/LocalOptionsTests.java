package dev.farcall.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LocalOptionsTests {

  @Test
  void emptyCommandLineGivesTheDocumentedDefaults() {
    LocalOptions options = LocalOptions.parse();

    assertThat(options.port()).isEqualTo(8080);
    assertThat(options.dataDir()).isEqualTo(Path.of("data"));
    assertThat(options.workers()).isEqualTo(2);
    assertThat(options.kafkaPort()).isZero();
    assertThat(options.help()).isFalse();
  }

  @Test
  void everyOptionIsReadWithSeparateOrInlineValue() {
    LocalOptions options =
        LocalOptions.parse(
            "--port", "9090", "--data-dir=/tmp/fc", "--workers", "3", "--kafka-port=19092");

    assertThat(options.port()).isEqualTo(9090);
    assertThat(options.dataDir()).isEqualTo(Path.of("/tmp/fc"));
    assertThat(options.workers()).isEqualTo(3);
    assertThat(options.kafkaPort()).isEqualTo(19092);
  }

  @Test
  void helpIsRecognisedAnywhere() {
    assertThat(LocalOptions.parse("--port", "1", "--help").help()).isTrue();
    assertThat(LocalOptions.parse("-h").help()).isTrue();
  }

  @Test
  void unknownOptionIsNamedInTheError() {
    assertThatThrownBy(() -> LocalOptions.parse("--wrokers", "3"))
        .isInstanceOf(UsageException.class)
        .hasMessage("unknown option --wrokers");
  }

  @Test
  void missingValueIsReported() {
    assertThatThrownBy(() -> LocalOptions.parse("--port"))
        .isInstanceOf(UsageException.class)
        .hasMessage("option --port needs a value");
  }

  @Test
  void nonNumericPortIsReportedWithTheAllowedRange() {
    assertThatThrownBy(() -> LocalOptions.parse("--port", "http"))
        .isInstanceOf(UsageException.class)
        .hasMessage("option --port needs a number from 0 to 65535, got 'http'");
  }

  @Test
  void portOutOfRangeIsRejected() {
    assertThatThrownBy(() -> LocalOptions.parse("--port=70000"))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("from 0 to 65535");
  }

  @Test
  void negativeOrHugeWorkerCountIsRejected() {
    assertThatThrownBy(() -> LocalOptions.parse("--workers", "-1"))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("--workers needs a number from 0 to 64");
    assertThatThrownBy(() -> LocalOptions.parse("--workers", "65"))
        .isInstanceOf(UsageException.class);
  }

  @Test
  void strayArgumentIsRejected() {
    assertThatThrownBy(() -> LocalOptions.parse("9090"))
        .isInstanceOf(UsageException.class)
        .hasMessage("unexpected argument '9090'");
  }

  @Test
  void emptyDataDirIsRejected() {
    assertThatThrownBy(() -> LocalOptions.parse("--data-dir="))
        .isInstanceOf(UsageException.class)
        .hasMessage("option --data-dir needs a directory");
  }

  @Test
  void kafkaPortKeepsTheOtherOptions() {
    LocalOptions options = LocalOptions.parse("--workers", "5", "--kafka-port", "1234");

    assertThat(options.workers()).isEqualTo(5);
    assertThat(options.kafkaPort()).isEqualTo(1234);
  }
}
