package dev.farcall.coordinator.events;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** {@code GET /api/v1/events}: the live event stream (server-sent events). */
@RestController
@RequestMapping("/api/v1/events")
@Tag(name = "Events", description = "Live events for the dashboard")
class EventsController {

  private final EventStreams streams;

  EventsController(EventStreams streams) {
    this.streams = streams;
  }

  @GetMapping(produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  @Operation(
      summary = "Stream live events",
      description =
          "Server-sent events, each with an id and a JSON data line: program.uploaded,"
              + " program.deleted, analysis.done, plan.changed, run.started, run.output,"
              + " run.stats, run.finished, site.decision, worker.status. A client reconnecting"
              + " with Last-Event-ID gets every event after it that the coordinator still holds,"
              + " or a 'reset' event when it holds them no longer (reload from REST then). A client"
              + " that falls behind is dropped and may reconnect the same way.")
  @ApiResponse(responseCode = "200", description = "The stream")
  @ApiResponse(responseCode = "400", description = "Unknown event type")
  @ApiResponse(responseCode = "503", description = "Too many clients stream already")
  SseEmitter stream(
      @Parameter(description = "Only events of this program and its runs")
          @RequestParam(name = "programId", required = false)
          String programId,
      @Parameter(description = "Only events of this run")
          @RequestParam(name = "runId", required = false)
          String runId,
      @Parameter(description = "Only these comma-separated types")
          @RequestParam(name = "types", required = false)
          String types,
      @Parameter(description = "The id of the last event received; resume after it")
          @RequestHeader(name = "Last-Event-ID", required = false)
          String lastEventId) {
    EventFilter filter = EventFilter.of(programId, runId, types);
    return streams.open(
        filter, Optional.ofNullable(lastEventId).map(String::strip).filter(id -> !id.isEmpty()));
  }
}
