package dev.farcall.benchmarks.runs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.farcall.benchmarks.e2e.FarcallCluster;
import dev.farcall.benchmarks.runs.RunBenchmark.Program;
import dev.farcall.benchmarks.runs.RunBenchmark.RunResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Farcall runs of the examples jar on one cluster through the coordinator's REST API: {@code POST
 * /runs} polled to the final status, the program's analysis and default plan, and the placement
 * overrides a variant sets around its run.
 */
final class FarcallRuns {

  /**
   * Marker in a variant's settings: force the heavy method REMOTE with a placement override (set
   * before the run, outside the timed part, and removed after it) instead of sending tunables.
   */
  static final String OVERRIDE_REMOTE = "override-remote";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final long RUN_LIMIT_NANOS = 180_000_000_000L;
  private static final long POLL_MILLIS = 250;

  private final String api;
  private final String token;
  private final String programId;

  FarcallRuns(FarcallCluster cluster) {
    this.api = cluster.apiUrl();
    this.token = cluster.adminToken;
    this.programId = cluster.programId;
  }

  /** Waits until the coordinator's analysis of the program is DONE. */
  void awaitAnalysis() throws Exception {
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (true) {
      JsonNode analysis = JSON.readTree(get("/programs/" + programId + "/analysis"));
      String status = analysis.path("status").asText();
      if (status.equals("DONE")) {
        return;
      }
      if (status.equals("FAILED") || System.nanoTime() > deadline) {
        throw new IllegalStateException("analysis not DONE: " + analysis);
      }
      Thread.sleep(100);
    }
  }

  /** The program's default placement plan. */
  JsonNode plan() throws Exception {
    return JSON.readTree(get("/programs/" + programId + "/placement"));
  }

  /** The plan's decision for the program's heavy method; null when the plan has none. */
  static JsonNode decision(JsonNode plan, Program p) {
    for (JsonNode d : plan.path("decisions")) {
      if (d.path("className").asText().equals(p.mainClass())
          && d.path("methodName").asText().equals(p.heavyMethod())) {
        return d;
      }
    }
    return null;
  }

  /**
   * One timed run of {@code p} with the variant's settings (tunables, or {@link #OVERRIDE_REMOTE});
   * its stdout compared with {@code plainOutput}.
   */
  RunResult run(Program p, Map<String, Object> tunables, String plainOutput) throws Exception {
    boolean override = tunables.containsKey(OVERRIDE_REMOTE);
    if (override) {
      putOverride(p, "REMOTE");
    }
    try {
      return timedRun(p, override ? Map.of() : tunables, plainOutput);
    } finally {
      if (override) {
        putOverride(p, "AUTO");
      }
    }
  }

  private void putOverride(Program p, String mode) throws Exception {
    String body = JSON.writeValueAsString(Map.of(p.mainClass() + "#" + p.heavyMethod(), mode));
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(api + "/programs/" + programId + "/placement/overrides"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "PUT overrides " + body + ": " + response.statusCode() + " " + response.body());
    }
  }

  private RunResult timedRun(Program p, Map<String, Object> tunables, String plainOutput)
      throws Exception {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("mainClass", p.mainClass());
    body.put("args", p.args());
    if (!tunables.isEmpty()) {
      body.put("heuristic", "greedy");
      body.put("tunables", tunables);
    }
    long start = System.nanoTime();
    Instant postedAt = Instant.now();
    HttpResponse<String> posted =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(api + "/programs/" + programId + "/runs"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (posted.statusCode() != 202) {
      throw new IllegalStateException("POST runs: " + posted.statusCode() + " " + posted.body());
    }
    String runId = JSON.readTree(posted.body()).path("id").asText();
    JsonNode run;
    while (true) {
      run = JSON.readTree(get("/runs/" + runId));
      String status = run.path("status").asText();
      if (status.equals("SUCCEEDED") || status.equals("FAILED") || status.equals("CANCELLED")) {
        break;
      }
      if (System.nanoTime() - start > RUN_LIMIT_NANOS) {
        throw new IllegalStateException("run " + runId + " not finished: " + run);
      }
      // rarely: every poll costs the coordinator CPU that the run, on the same cores, would miss
      Thread.sleep(POLL_MILLIS);
    }
    // the server's end of the run, so that the polling interval does not round the wall time up
    double seconds =
        run.hasNonNull("finishedAt")
            ? Duration.between(postedAt, Instant.parse(run.path("finishedAt").asText())).toNanos()
                / 1e9
            : (System.nanoTime() - start) / 1e9;
    String out = get("/runs/" + runId + "/output");
    String status = run.path("status").asText();
    if (!status.equals("SUCCEEDED")) {
      System.out.println(
          "  run "
              + runId
              + " "
              + status
              + ": "
              + run.path("error")
              + " stderr: "
              + get("/runs/" + runId + "/output?stream=stderr"));
    }
    return new RunResult(
        seconds,
        status,
        run.path("stats").path("remoteCalls").asLong(),
        localCalls(run.path("stats")),
        out.equals(plainOutput));
  }

  /**
   * The run's counted local calls; "+ uncounted" when LOCAL sites of tiny methods did not count.
   */
  private static String localCalls(JsonNode stats) {
    return String.format(Locale.ROOT, "%,d", stats.path("localCalls").asLong())
        + (stats.path("localCallsComplete").asBoolean(true) ? "" : " + uncounted");
  }

  /** {@code GET} of {@code path} under the API; fails unless 200. */
  String get(String path) throws Exception {
    String url = api + path;
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "GET " + url + ": " + response.statusCode() + " " + response.body());
    }
    return response.body();
  }
}
