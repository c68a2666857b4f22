package dev.farcall.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The {@code ./farcall} script at the repository root: usage errors, upload and invoke, and whole
 * runs ({@code run}, {@code status}) against the shared local cluster, compared with plain {@code
 * java}.
 */
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

  // -------------------------------------------------------------------------------------------
  // farcall run / farcall status against the shared local cluster
  // -------------------------------------------------------------------------------------------

  private static final String PARALLEL_STREAM = "dev.farcall.examples.programs.parallelstream.Main";
  private static final String EXIT = "dev.farcall.examples.programs.exit.Main";
  private static final String EXCEPTIONS = "dev.farcall.examples.programs.exceptions.Main";
  private static final String SPIN = "dev.farcall.examples.programs.spin.Main";

  @Test
  void runOfTheExamplesJarPrintsExactlyWhatPlainJavaPrintsAndExitsZero() throws Exception {
    Run plain = java(PARALLEL_STREAM, "6");
    assertThat(plain.exitCode()).as(plain.toString()).isZero();

    Run run =
        farcall(
            clusterEnv(),
            "run",
            TestCluster.EXAMPLES_JAR.toAbsolutePath().toString(),
            "--main",
            PARALLEL_STREAM,
            "--",
            "6");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.stdout()).isEqualTo(plain.stdout()).contains("block 5: ");
    assertThat(run.stderr()).isEqualTo(plain.stderr());
  }

  @Test
  void runOfAProgramThatCallsSystemExitThreeExitsThreeAndStatusShowsTheRun() throws Exception {
    String program = TestCluster.examplesProgram();
    Run plain = java(EXIT);
    assertThat(plain.exitCode()).as(plain.toString()).isEqualTo(3);

    Run run = farcall(clusterEnv(), "run", program, "--main", EXIT);

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
    assertThat(run.stdout()).isEqualTo(plain.stdout()).isEqualTo("before exit: 21\n");

    String runId = newestRunId(program, EXIT);
    Run shown = farcall(clusterEnv(), "status", runId);
    assertThat(shown.exitCode()).as(shown.toString()).isZero();
    assertThat(shown.stdout())
        .containsPattern("(?m)^run +" + runId + "$")
        .containsPattern("(?m)^program +" + program + "$")
        .containsPattern("(?m)^main +" + EXIT.replace(".", "\\.") + "$")
        .containsPattern("(?m)^status +FAILED$")
        .containsPattern("(?m)^exit code +3$");

    Run listed = farcall(clusterEnv(), "status");
    assertThat(listed.exitCode()).as(listed.toString()).isZero();
    assertThat(listed.stdout())
        .containsPattern("(?m)^RUN +PROGRAM +STATUS +EXIT +STARTED +FINISHED$");
    assertThat(listed.stdout())
        .containsPattern("(?m)^" + runId + " +" + program + " +FAILED +3 +\\d{4}-\\d\\d-\\d\\d ");
  }

  @Test
  void statusOfARunShowsALinePerCalledSiteAndWithAllEverySite() throws Exception {
    String program = TestCluster.examplesProgram();
    Run run = farcall(clusterEnv(), "run", program, "--main", PARALLEL_STREAM, "--", "4");
    assertThat(run.exitCode()).as(run.toString()).isZero();
    String runId = newestRunId(program, PARALLEL_STREAM);
    JsonNode stats = TestCluster.admin().get("/runs/" + runId).json().get("stats");
    List<JsonNode> sites = FarcallApi.items(stats.get("sites"));
    List<JsonNode> called = sites.stream().filter(FarcallScriptTests::wasCalled).toList();
    List<JsonNode> notCalled = sites.stream().filter(site -> !wasCalled(site)).toList();
    assertThat(called)
        .as("sites the parallel stream run called")
        .extracting(site -> site.get("methodName").asString())
        .contains("collatzBlock", "describe");

    Run shown = farcall(clusterEnv(), "status", runId);
    Run all = farcall(clusterEnv(), "status", "--all", runId);

    assertThat(shown.exitCode()).as(shown.toString()).isZero();
    assertThat(shown.stdout())
        .containsPattern(
            "(?m)^calls +"
                + stats.get("localCalls").asLong()
                + " local"
                + (stats.get("localCallsComplete").asBoolean() ? "" : " \\+ uncounted")
                + ", "
                + stats.get("remoteCalls").asLong()
                + " remote, ");
    assertThat(shown.stdout())
        .containsPattern(
            "(?m)^SITE +DECISION +LOCAL +REMOTE +WORK µs +OVERHEAD µs +SENT +RECEIVED$");
    called.forEach(site -> assertThat(shown.stdout()).containsPattern(siteLine(site)));
    notCalled.forEach(site -> assertThat(shown.stdout()).doesNotContainPattern(siteLine(site)));
    if (!notCalled.isEmpty()) {
      assertThat(shown.stdout()).contains(notCalled.size() + " dispatchable methods not called");
    }
    assertThat(all.exitCode()).as(all.toString()).isZero();
    sites.forEach(site -> assertThat(all.stdout()).containsPattern(siteLine(site)));
  }

  private static boolean wasCalled(JsonNode site) {
    // tiny LOCAL methods do not count their calls: such a site may have been called
    return site.get("localCalls").isNull()
        || site.get("localCalls").asLong()
                + site.get("remoteCalls").asLong()
                + site.path("fallbacks").asLong(0)
            > 0;
  }

  /**
   * The row {@code farcall status} prints for a site, as a multi-line regex (an overloaded method
   * has its descriptor after the name).
   */
  private static String siteLine(JsonNode site) {
    String mean = site.get("remoteCalls").asLong() > 0 ? "[0-9]+\\.[0-9]" : "-";
    return "(?m)^"
        + String.join(
            " +",
            java.util.regex.Pattern.quote(
                    site.get("className").asString() + "#" + site.get("methodName").asString())
                + "(?:"
                + java.util.regex.Pattern.quote(site.get("descriptor").asString())
                + ")?",
            site.get("decision").asString(),
            site.get("localCalls").isNull()
                ? "uncounted"
                : Long.toString(site.get("localCalls").asLong()),
            Long.toString(site.get("remoteCalls").asLong()),
            mean,
            mean,
            Long.toString(site.get("bytesSent").asLong()),
            Long.toString(site.get("bytesReceived").asLong()))
        + "$";
  }

  @Test
  void runKeepsStdoutAndStderrApartAndExitsOneOnAnUncaughtException() throws Exception {
    Run plain = java(EXCEPTIONS, "uncaught");
    assertThat(plain.exitCode()).as(plain.toString()).isEqualTo(1);

    Run run =
        farcall(
            clusterEnv(),
            "run",
            TestCluster.examplesProgram(),
            "--main",
            EXCEPTIONS,
            "--",
            "uncaught");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.stdout()).isEqualTo(plain.stdout()).endsWith("about to fail\n");
    String firstLine = plain.stderr().lines().findFirst().orElseThrow();
    assertThat(firstLine)
        .isEqualTo(
            "Exception in thread \"main\" java.lang.IllegalArgumentException: negative size -7");
    assertThat(run.stderr()).startsWith(firstLine + "\n").doesNotContain("about to fail");
  }

  @Test
  void ctrlCWhileARunStreamsCancelsItAndExits130() throws Exception {
    Path out = workDir.resolve("spin.out");
    Path err = workDir.resolve("spin.err");
    Process process =
        start(clusterEnv(), out, err, "run", TestCluster.examplesProgram(), "--main", SPIN);
    try {
      await("the spin program's first line streamed")
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofMillis(100))
          .until(
              () -> {
                if (!process.isAlive()) {
                  throw new AssertionError(
                      "farcall ended with "
                          + process.exitValue()
                          + ": "
                          + Files.readString(err, StandardCharsets.UTF_8));
                }
                return Files.readString(out, StandardCharsets.UTF_8).equals("spinning\n");
              });

      Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start();
      assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0)
          .as("kill -INT")
          .isTrue();

      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("farcall ended after Ctrl-C").isTrue();
      String stderr = Files.readString(err, StandardCharsets.UTF_8);
      assertThat(process.exitValue()).as(stderr).isEqualTo(130);
      java.util.regex.Matcher cancelling =
          java.util.regex.Pattern.compile("farcall: cancelling run (\\S+)").matcher(stderr);
      assertThat(cancelling.find()).as(stderr).isTrue();
      assertThat(
              TestCluster.admin()
                  .get("/runs/" + cancelling.group(1))
                  .json()
                  .get("status")
                  .asString())
          .isEqualTo("CANCELLED");
    } finally {
      process.destroyForcibly();
    }
  }

  @Test
  void runOfAnUnknownProgramIdFailsWithAClearMessage() throws Exception {
    TestCluster.get();

    Run run = farcall(clusterEnv(), "run", "no-such-program", "--main", EXIT);

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.stdout()).isEmpty();
    assertThat(run.stderr()).contains("HTTP 404 Program not found").contains("no-such-program");
  }

  @Test
  void runOfAClassWithoutMainFailsWithTheCoordinatorsReason() throws Exception {
    Run run =
        farcall(
            clusterEnv(),
            "run",
            TestCluster.examplesProgram(),
            "--main",
            "dev.farcall.examples.invoke.Pricing");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.stdout()).isEmpty();
    assertThat(run.stderr()).contains("HTTP 422").contains("Pricing");
  }

  @Test
  void runOfAJarWithoutMainClassAndWithoutMainOptionSaysToNameOne() throws Exception {
    Run run = farcall(clusterEnv(), "run", TestCluster.EXAMPLES_JAR.toAbsolutePath().toString());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.stdout()).isEmpty();
    assertThat(run.stderr())
        .contains("HTTP 422")
        .contains("Main-Class")
        .contains("with --main, e.g. farcall run ");
  }

  @Test
  void runWithoutATargetOrWithArgumentsBeforeTheDashesIsAUsageError() throws Exception {
    Run none = farcall(Map.of(), "run");
    assertThat(none.exitCode()).isEqualTo(2);
    assertThat(none.stderr()).contains("run needs a jar or a program id");

    Run stray = farcall(Map.of(), "run", "some-program", "6");
    assertThat(stray.exitCode()).isEqualTo(2);
    assertThat(stray.stderr()).contains("the program's arguments go after --");

    Run missingJar = farcall(Map.of(), "run", "nowhere/app.jar");
    assertThat(missingJar.exitCode()).isEqualTo(2);
    assertThat(missingJar.stderr()).contains("no such file: nowhere/app.jar");
  }

  @Test
  void runAgainstAnUnreachableCoordinatorIsReportedClearly() throws Exception {
    Run run =
        farcall(
            Map.of("FARCALL_URL", "http://127.0.0.1:9", "FARCALL_ADMIN_TOKEN", "t"),
            "run",
            "some-program");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stderr()).contains("coordinator not reachable at http://127.0.0.1:9");
  }

  private static Map<String, String> clusterEnv() {
    LocalCluster cluster = TestCluster.get();
    return Map.of(
        "FARCALL_URL", cluster.baseUrl(), "FARCALL_DATA_DIR", cluster.dataDir().toString());
  }

  /** The id of the newest run of {@code mainClass} of a program, from {@code GET /runs}. */
  private static String newestRunId(String programId, String mainClass) {
    return FarcallApi.items(TestCluster.admin().get("/runs").json()).stream()
        .filter(r -> programId.equals(r.path("programId").asString("")))
        .filter(r -> mainClass.equals(r.path("mainClass").asString("")))
        .map(r -> r.get("id").asString())
        .findFirst()
        .orElseThrow(() -> new AssertionError("no run of " + mainClass + " in GET /runs"));
  }

  /** The same program with plain {@code java}, for what it prints and its exit code. */
  private Run java(String mainClass, String... args) throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                TestCluster.EXAMPLES_JAR.toAbsolutePath().toString(),
                mainClass));
    command.addAll(List.of(args));
    return exec(command, Map.of());
  }

  private Run farcall(Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
    command.addAll(List.of(args));
    return exec(command, env);
  }

  private Process start(Map<String, String> env, Path out, Path err, String... args)
      throws IOException {
    List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
    builder.environment().remove("FARCALL_ADMIN_TOKEN");
    builder.environment().remove("FARCALL_URL");
    builder.environment().putAll(env);
    return builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
  }

  private Run exec(List<String> command, Map<String, String> env)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile(workDir, "stdout", ".txt");
    Path err = Files.createTempFile(workDir, "stderr", ".txt");
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
    builder.environment().remove("FARCALL_ADMIN_TOKEN");
    builder.environment().remove("FARCALL_URL");
    builder.environment().putAll(env);
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!process.waitFor(180, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(command + " did not finish within 180 s");
    }
    return new Run(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
