package dev.farcall.coordinator.placement;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/programs/{id}/graph}: the call graph the dashboard draws, and one method. */
@RestController
@RequestMapping("/api/v1/programs/{id}/graph")
@Tag(name = "Placement")
class GraphController {

  private final GraphService graphs;

  GraphController(GraphService graphs) {
    this.graphs = graphs;
  }

  @GetMapping
  @Operation(
      summary = "A program's call graph with its current decisions, compact",
      description =
          "Methods and the calls between them, coloured by the current plan, in a form small"
              + " enough for a jar of 10,000 methods (no reasons or estimates: see /graph/method).")
  @ApiResponse(responseCode = "200", description = "The graph")
  @ApiResponse(responseCode = "404", description = "No such program")
  @ApiResponse(responseCode = "409", description = "The analysis is not DONE")
  ProgramGraph graph(@PathVariable String id) {
    return graphs.graph(id);
  }

  @GetMapping("/method")
  @Operation(summary = "One method: effects, reasons with evidence, decision, estimates, override")
  @ApiResponse(responseCode = "200", description = "The method")
  @ApiResponse(responseCode = "404", description = "No such program or method")
  @ApiResponse(responseCode = "409", description = "The analysis is not DONE")
  MethodDetails method(
      @PathVariable String id,
      @Parameter(description = "pkg.Class#name(descriptor)") @RequestParam("key") String key) {
    return graphs.method(id, key);
  }
}
