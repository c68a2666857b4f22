package dev.farcall.coordinator.worker;

import dev.farcall.dispatch.workers.WorkerRegistry;
import dev.farcall.dispatch.workers.WorkerSnapshot;
import dev.farcall.dispatch.workers.WorkerStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Lists the workers known from heartbeats. */
@RestController
@RequestMapping("/api/v1/workers")
@Tag(name = "workers", description = "Workers known from their heartbeats")
class WorkerController {

  private final WorkerRegistry registry;

  WorkerController(WorkerRegistry registry) {
    this.registry = registry;
  }

  @GetMapping
  @Operation(
      summary = "List workers",
      description =
          "Every worker the coordinator has heard from recently, ordered by id, with its load and"
              + " status. ALIVE: heartbeats on time (within 2.5 of its intervals by default);"
              + " SUSPECT: late; DEAD: silent beyond 5 intervals or stopped. DEAD workers are"
              + " dropped after a while.")
  List<WorkerView> list() {
    return registry.workers().stream().map(WorkerView::of).toList();
  }

  /** A worker as the REST API shows it. */
  record WorkerView(
      String id,
      String host,
      int slots,
      int inFlight,
      long completed,
      @Schema(description = "ISO-8601 instant of its last heartbeat", format = "date-time")
          String lastHeartbeat,
      WorkerStatus status,
      @Schema(description = "System load per processor, -1 when unknown") double load,
      @Schema(description = "Invocation partitions it consumes") List<Integer> assignedPartitions,
      @Schema(description = "SHA-256 of the program jars it holds") List<String> cachedPrograms,
      String version) {

    static WorkerView of(WorkerSnapshot w) {
      return new WorkerView(
          w.id(),
          w.host(),
          w.slots(),
          w.inFlight(),
          w.completed(),
          w.lastHeartbeat().toString(),
          w.status(),
          w.load(),
          w.assignedPartitions(),
          w.cachedPrograms(),
          w.version());
    }
  }
}
