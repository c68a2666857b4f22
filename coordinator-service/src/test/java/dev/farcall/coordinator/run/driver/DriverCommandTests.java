package dev.farcall.coordinator.run.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DriverCommandTests {

  private static final RunDirectory DIR = RunDirectory.of(Path.of("/data/runs"), "r1");

  private static DriverCommand command(List<String> userSwitch) {
    return new DriverCommand(
        Path.of("/jdk/bin/java"),
        Path.of("/data/runs/driver/farcall-driver-1.jar"),
        Optional.of(Path.of("/data/runs/driver/a.jsa")),
        64L << 20,
        List.of("-XX:+UseSerialGC"),
        userSwitch,
        100,
        1L << 30);
  }

  @Test
  void theCommandStartsTheDriverWithItsHeapArchiveLogAndUserAndRecordsItsExitStatus() {
    List<String> line =
        command(List.of("/usr/bin/setpriv", "--reuid=7", "--regid=7", "--")).build(DIR);

    assertThat(line).contains("/bin/sh", DriverCommand.WRAPPER, DIR.exitStatus().toString());
    assertThat(line).contains(DIR.work().toString());
    assertThat(line)
        .containsSubsequence(
            "/usr/bin/setpriv",
            "--reuid=7",
            "/jdk/bin/java",
            "-Xmx67108864",
            "-XX:SharedArchiveFile=/data/runs/driver/a.jsa",
            "-XX:+UseSerialGC",
            "-Dorg.slf4j.simpleLogger.logFile=" + DIR.driverLog(),
            "-cp",
            "/data/runs/driver/farcall-driver-1.jar",
            DriverDistribution.MAIN_CLASS);
  }

  @Test
  void theEnvironmentHoldsOnlyTheNamedVariablesAndNeverAFarcallOne() {
    Map<String, String> env =
        DriverCommand.environment(
            List.of("PATH", "TZ", "FARCALL_ADMIN_TOKEN"),
            Map.of(
                "PATH", "/bin",
                "TZ", "UTC",
                "FARCALL_ADMIN_TOKEN", "secret",
                "SPRING_DATASOURCE_PASSWORD", "secret",
                "HOME", "/root"));

    assertThat(env).containsOnly(Map.entry("PATH", "/bin"), Map.entry("TZ", "UTC"));
  }
}
