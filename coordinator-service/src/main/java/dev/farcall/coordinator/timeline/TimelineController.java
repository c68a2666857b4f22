package dev.farcall.coordinator.timeline;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/runs/{id}/timeline}. */
@RestController
@Tag(name = "Runs")
class TimelineController {

  private final TimelineRecorder recorder;

  TimelineController(TimelineRecorder recorder) {
    this.recorder = recorder;
  }

  @GetMapping("/api/v1/runs/{runId}/timeline")
  @Operation(
      summary = "A run's remote calls per worker",
      description =
          "Every recorded remote call: site, worker, start, round trip, work on the worker and"
              + " outcome, compact (sites and workers by index). Live while the run goes.")
  @ApiResponse(responseCode = "200", description = "The timeline")
  @ApiResponse(responseCode = "404", description = "No such run")
  Timeline timeline(@PathVariable String runId) {
    return recorder.of(runId);
  }
}
