package dev.farcall.coordinator.run;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.net.URI;
import java.util.List;
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
            request == null ? new StartRunRequest(null, null, null, null, null, null) : request);
    return ResponseEntity.accepted().location(URI.create("/api/v1/runs/" + run.id())).body(run);
  }

  @Operation(summary = "The most recent runs, newest first")
  @GetMapping("/runs")
  List<RunView> list(@RequestParam(required = false) String programId) {
    return runs.list(programId);
  }

  @Operation(summary = "A run with its status, exit code, times, error and per-site stats")
  @ApiResponse(responseCode = "404", description = "No such run")
  @GetMapping("/runs/{runId}")
  RunView get(@PathVariable String runId) {
    return runs.get(runId);
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
