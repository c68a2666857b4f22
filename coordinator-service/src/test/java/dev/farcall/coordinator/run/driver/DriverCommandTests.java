package dev.farcall.coordinator.run.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DriverCommandTests {

  private static final RunDirectory DIR = RunDirectory.of(Path.of("/data/runs"), "r1");

  private static DriverCommand command(List<String> userSwitch) {
    return command(userSwitch, Optional.empty());
  }

  private static DriverCommand command(List<String> userSwitch, Optional<String> cpus) {
    return new DriverCommand(
        Path.of("/jdk/bin/java"),
        Path.of("/data/runs/driver/farcall-driver-1.jar"),
        Optional.of(Path.of("/data/runs/driver/a.jsa")),
        64L << 20,
        List.of("-XX:+UseSerialGC"),
        new DriverConfinement(userSwitch, 100, 1L << 30, cpus));
  }

  @Test
  void configuredCpusPinTheDriverBeforeItSwitchesUser() {
    List<String> line =
        command(List.of("/usr/bin/setpriv", "--reuid=7", "--"), Optional.of("2-3,6")).build(DIR);

    assertThat(line)
        .containsSubsequence(
            DriverCommand.TASKSET.toString(),
            "--cpu-list",
            "2-3,6",
            "/usr/bin/setpriv",
            "/jdk/bin/java");
    assertThat(command(List.of()).build(DIR)).doesNotContain(DriverCommand.TASKSET.toString());
  }

  @Test
  void aCpuListTasksetCannotReadIsRefusedWithWhatIsWrong() {
    for (String bad : List.of("", "a", "1,", "-1", "3-1", "0 1")) {
      assertThatThrownBy(
              () -> new DriverConfinement(List.of(), 1, 1, Optional.of(bad)), "cpus %s", bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("farcall.run.isolation.cpus");
    }
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
