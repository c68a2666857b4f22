package dev.farcall.local;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;
import tools.jackson.databind.JsonNode;

/**
 * Runs of the example programs, through the runs API of the shared cluster and with plain {@code
 * java -cp examples.jar} in a child process, for the end-to-end run tests.
 */
final class ProgramRuns {

  static final String PROGRAMS = "dev.farcall.examples.programs.";

  /** Final run states. */
  static final Set<String> FINAL = Set.of("SUCCEEDED", "FAILED", "CANCELLED");

  /**
   * Cost tunables that make the dispatch of a call free in the plan: with the default heuristic,
   * every movable call then goes REMOTE (the outermost on a path), which is the strongest test of
   * "same output as at home". The default cost model keeps these small examples at home.
   */
  static final Map<String, Object> EVERYTHING_MOVABLE_REMOTE =
      Map.of("dispatchOverheadMicros", 0, "nsPerByte", 0);

  private ProgramRuns() {}

  static String main(String program) {
    return PROGRAMS + program + ".Main";
  }

  /** What {@code java -cp examples.jar <main> args} printed and returned. */
  record PlainRun(int exitCode, String stdout, String stderr) {}

  /** A finished run: its JSON view and its output. */
  record FinishedRun(JsonNode run, String stdout, String stderr) {

    String status() {
      return run.get("status").asString();
    }

    Integer exitCode() {
      JsonNode code = run.get("exitCode");
      return code == null || code.isNull() ? null : code.asInt();
    }

    JsonNode stats() {
      return run.get("stats");
    }

    long remoteCalls() {
      return stats().path("remoteCalls").asLong();
    }

    @Override
    public String toString() {
      return run + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
    }
  }

  /** Waits until the program's analysis is DONE (before it, a run's plan moves nothing). */
  static JsonNode awaitAnalysis(FarcallApi api, String programId) {
    AtomicReference<JsonNode> analysis = new AtomicReference<>();
    await("analysis of " + programId + " DONE")
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              FarcallApi.Response r = api.get("/programs/" + programId + "/analysis");
              if (r.status() != 200) {
                return false;
              }
              JsonNode json = r.json();
              String status = json.path("status").asString("");
              if (status.equals("FAILED")) {
                throw new AssertionError("analysis failed: " + r);
              }
              analysis.set(json);
              return status.equals("DONE");
            });
    return analysis.get();
  }

  /** {@code POST /programs/{id}/runs}; returns the run id of the 202 answer. */
  static String start(
      FarcallApi api,
      String programId,
      String mainClass,
      List<String> args,
      Map<String, Object> tunables) {
    return start(api, programId, mainClass, args, tunables, null, null);
  }

  /** {@code POST /programs/{id}/runs} with a deadline and a heap; returns the run id. */
  static String start(
      FarcallApi api,
      String programId,
      String mainClass,
      List<String> args,
      Map<String, Object> tunables,
      Long deadlineSeconds,
      Long maxHeapBytes) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("mainClass", mainClass);
    body.put("args", args);
    if (tunables != null) {
      body.put("tunables", tunables);
    }
    if (deadlineSeconds != null) {
      body.put("deadlineSeconds", deadlineSeconds);
    }
    if (maxHeapBytes != null) {
      body.put("maxHeapBytes", maxHeapBytes);
    }
    return start(api, programId, body);
  }

  /** {@code POST /programs/{id}/runs} with the given body; returns the run id of the 202 answer. */
  static String start(FarcallApi api, String programId, Map<String, Object> body) {
    FarcallApi.Response r =
        api.postJson("/programs/" + programId + "/runs", FarcallApi.JSON.writeValueAsString(body));
    if (r.status() != 202) {
      throw new AssertionError("POST runs: " + r);
    }
    return r.json().get("id").asString();
  }

  static JsonNode get(FarcallApi api, String runId) {
    FarcallApi.Response r = api.get("/runs/" + runId);
    if (r.status() != 200) {
      throw new AssertionError("GET run " + runId + ": " + r);
    }
    return r.json();
  }

  static String output(FarcallApi api, String runId, boolean stderr) {
    FarcallApi.Response r =
        api.getText("/runs/" + runId + "/output" + (stderr ? "?stream=stderr" : ""));
    if (r.status() != 200) {
      throw new AssertionError("GET output of " + runId + ": " + r);
    }
    return r.raw();
  }

  /** Polls the run until it reaches a final state, then reads its output. */
  static FinishedRun awaitFinal(FarcallApi api, String runId, Duration atMost) {
    AtomicReference<JsonNode> last = new AtomicReference<>();
    try {
      await("run " + runId + " finished")
          .atMost(atMost)
          .pollInterval(Duration.ofMillis(100))
          .until(
              () -> {
                JsonNode run = get(api, runId);
                last.set(run);
                return FINAL.contains(run.path("status").asString(""));
              });
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          "run "
              + runId
              + " did not finish within "
              + atMost
              + "; last seen "
              + last.get()
              + "; its processes: "
              + HungRunDiagnosis.of(runId),
          e);
    }
    return new FinishedRun(last.get(), output(api, runId, false), output(api, runId, true));
  }

  static FinishedRun run(
      FarcallApi api,
      String programId,
      String mainClass,
      List<String> args,
      Map<String, Object> tunables) {
    String id = start(api, programId, mainClass, args, tunables);
    return awaitFinal(api, id, Duration.ofMinutes(3));
  }

  /** The program run with the same java as this JVM, in a child process. */
  static PlainRun runPlain(String mainClass, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-cp");
    command.add(TestCluster.EXAMPLES_JAR.toAbsolutePath().toString());
    command.add(mainClass);
    command.addAll(args);
    try {
      Process p = new ProcessBuilder(command).start();
      CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
      CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError(mainClass + " did not finish under plain java");
      }
      return new PlainRun(p.exitValue(), out.join(), err.join());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String read(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
