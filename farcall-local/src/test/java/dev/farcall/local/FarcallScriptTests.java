package dev.farcall.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The {@code ./farcall} script at the repository root: usage errors and a light round trip. */
@Order(2)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class FarcallScriptTests {

  /** Surefire runs in the module directory; the script sits one level up. */
  private static final Path SCRIPT =
      Path.of("").toAbsolutePath().getParent().resolve("farcall").normalize();

  @TempDir Path workDir;

  record Run(int exitCode, String stdout, String stderr) {}

  @Test
  void helpPrintsUsageAndSucceeds() throws Exception {
    Run run = farcall(Map.of(), "help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.stdout()).contains("Usage: farcall").contains("invoke <programId>");
  }

  @Test
  void invokeWithoutMethodIsAUsageError() throws Exception {
    Run run = farcall(Map.of(), "invoke", "some-program");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.stderr()).contains("invoke needs a program id and a method");
  }

  @Test
  void invokeWithMethodNotWrittenClassHashMethodIsAUsageError() throws Exception {
    Run run = farcall(Map.of(), "invoke", "some-program", "StringUtils.reverse");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.stderr()).contains("Class#method");
  }

  @Test
  void unknownCommandIsAUsageError() throws Exception {
    Run run = farcall(Map.of(), "deploy");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.stderr()).contains("unknown command 'deploy'");
  }

  @Test
  void unreachableCoordinatorIsReportedClearly() throws Exception {
    Run run =
        farcall(Map.of("FARCALL_URL", "http://127.0.0.1:9", "FARCALL_ADMIN_TOKEN", "t"), "workers");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stderr()).contains("coordinator not reachable at http://127.0.0.1:9");
  }

  @Test
  void uploadThenInvokeThroughTheScriptPrintsTheResult() throws Exception {
    LocalCluster cluster = TestCluster.get();
    Map<String, String> env =
        Map.of("FARCALL_URL", cluster.baseUrl(), "FARCALL_DATA_DIR", cluster.dataDir().toString());

    Run upload = farcall(env, "upload", TestCluster.COMMONS_LANG3_JAR.toAbsolutePath().toString());
    assertThat(upload.exitCode()).as(upload.toString()).isZero();
    String id = FarcallApi.JSON.readTree(upload.stdout()).get("id").asString();

    Run invoke =
        farcall(env, "invoke", id, "org.apache.commons.lang3.StringUtils#reverse", "farcall");
    assertThat(invoke.exitCode()).as(invoke.toString()).isZero();
    assertThat(invoke.stdout().trim()).isEqualTo("\"llacraf\"");

    Run unknown = farcall(env, "invoke", id, "org.apache.commons.lang3.StringUtils#nope", "x");
    assertThat(unknown.exitCode()).as(unknown.toString()).isEqualTo(1);
    assertThat(unknown.stderr()).contains("HTTP 404");
  }

  private Run farcall(Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
    builder.environment().remove("FARCALL_ADMIN_TOKEN");
    builder.environment().remove("FARCALL_URL");
    builder.environment().putAll(env);
    Path out = workDir.resolve("stdout");
    Path err = workDir.resolve("stderr");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("farcall finished").isTrue();
    return new Run(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
