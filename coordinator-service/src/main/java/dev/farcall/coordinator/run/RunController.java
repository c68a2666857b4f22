package dev.farcall.coordinator.run;

import dev.farcall.coordinator.system.InvalidRequestException;
import dev.farcall.coordinator.system.Paging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The runs API: start, list, show, output, cancel. */
@RestController
@RequestMapping("/api/v1")
class RunController {

  private final RunService runs;

  RunController(RunService runs) {
    this.runs = runs;
  }

  @Operation(summary = "Start a run of a program's main class (the jar's Main-Class by default)")
  @ApiResponse(responseCode = "202", description = "The run, QUEUED")
  @ApiResponse(responseCode = "404", description = "No such program")
  @ApiResponse(responseCode = "422", description = "No such main class, no main, bad request")
  @ApiResponse(responseCode = "503", description = "Too many runs are waiting")
  @PostMapping("/programs/{programId}/runs")
  ResponseEntity<RunView> start(
      @PathVariable String programId, @RequestBody(required = false) StartRunRequest request) {
    RunView run =
        runs.start(
            programId,
            request == null
                ? new StartRunRequest(null, null, null, null, null, null, null)
                : request);
    return ResponseEntity.accepted().location(URI.create("/api/v1/runs/" + run.id())).body(run);
  }

  @Operation(
      summary = "The most recent runs, newest first",
      description =
          "Without ?limit= or ?cursor=: the 200 most recent runs, in full. With them: one page,"
              + " and a Link header with rel=\"next\" naming the next page; ?view=summary leaves"
              + " out arguments, tunables and per-site stats.")
  @ApiResponse(responseCode = "400", description = "Bad limit, cursor, status or view")
  @GetMapping("/runs")
  ResponseEntity<List<?>> list(
      @RequestParam(required = false) String programId,
      @Parameter(description = "Only runs with this status, e.g. RUNNING")
          @RequestParam(required = false)
          String status,
      @Parameter(description = "At most this many runs (1..500)") @RequestParam(required = false)
          Integer limit,
      @Parameter(description = "Where the page starts: the cursor of a Link rel=\"next\"")
          @RequestParam(required = false)
          String cursor,
      @Parameter(description = "full (default) or summary") @RequestParam(defaultValue = "full")
          String view) {
    boolean summary =
        switch (view) {
          case "full" -> false;
          case "summary" -> true;
          default -> throw new InvalidRequestException("view", "view must be full or summary");
        };
    RunStatus wanted = statusOf(status);
    Optional<Paging.PageRequest> page = Paging.PageRequest.of(limit, cursor);
    if (page.isEmpty() && wanted == null && !summary) {
      return ResponseEntity.ok(runs.list(programId));
    }
    Paging.Page<RunView> found =
        runs.page(
            programId,
            wanted,
            page.orElse(new Paging.PageRequest(Paging.DEFAULT_LIMIT, Optional.empty())),
            !summary);
    List<?> items = summary ? found.items().stream().map(RunSummary::of).toList() : found.items();
    return ResponseEntity.ok().headers(found.headers()).body(items);
  }

  private static RunStatus statusOf(String status) {
    if (status == null || status.isBlank()) {
      return null;
    }
    try {
      return RunStatus.valueOf(status.strip().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(
          "status", "status must be one of " + java.util.Arrays.toString(RunStatus.values()));
    }
  }

  @Operation(summary = "A run with its status, exit code, times, error and per-site stats")
  @ApiResponse(responseCode = "404", description = "No such run")
  @GetMapping("/runs/{runId}")
  RunView get(@PathVariable String runId) {
    return runs.get(runId);
  }

  @Operation(
      summary = "The adaptive policy's decisions for the run, oldest first, with their figures")
  @ApiResponse(responseCode = "404", description = "No such run")
  @GetMapping("/runs/{runId}/decisions")
  List<RunDecision> decisions(@PathVariable String runId) {
    return runs.decisions(runId);
  }

  @Operation(summary = "What the run printed so far: stdout, or stderr with ?stream=stderr")
  @ApiResponse(responseCode = "404", description = "No such run")
  @GetMapping(value = "/runs/{runId}/output", produces = MediaType.TEXT_PLAIN_VALUE)
  ResponseEntity<String> output(
      @PathVariable String runId, @RequestParam(defaultValue = "stdout") String stream) {
    boolean stderr =
        switch (stream) {
          case "stdout" -> false;
          case "stderr" -> true;
          default ->
              throw new InvalidRunRequestException("stream", "stream must be stdout or stderr");
        };
    return ResponseEntity.ok()
        .contentType(new MediaType(MediaType.TEXT_PLAIN, java.nio.charset.StandardCharsets.UTF_8))
        .body(runs.output(runId, stderr));
  }

  @Operation(summary = "Cancel a queued or running run; it ends CANCELLED")
  @ApiResponse(responseCode = "404", description = "No such run")
  @PostMapping("/runs/{runId}/cancel")
  RunView cancel(@PathVariable String runId) {
    return runs.cancel(runId);
  }
}
