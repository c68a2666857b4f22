package dev.farcall.coordinator.placement;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/programs/{id}/placement}: the current plan, previews and overrides. */
@RestController
@RequestMapping("/api/v1/programs/{id}/placement")
@Tag(name = "Placement", description = "Where each method of a program runs")
class PlacementController {

  private final PlacementService placement;

  PlacementController(PlacementService placement) {
    this.placement = placement;
  }

  @GetMapping
  @Operation(
      summary = "Show a program's placement plan",
      description =
          "The current plan version: a decision (LOCAL, REMOTE, PINNED) with reason and estimates"
              + " for every method a call site or an entry point reaches. With ?heuristic= a plan"
              + " by that heuristic is computed and shown without being stored (no version).")
  @ApiResponse(responseCode = "200", description = "The plan")
  @ApiResponse(responseCode = "400", description = "Unknown heuristic")
  @ApiResponse(responseCode = "404", description = "No such program")
  @ApiResponse(responseCode = "409", description = "The analysis is not DONE")
  PlacementResponse show(
      @PathVariable String id,
      @Parameter(description = "Preview with this heuristic (its defaults), e.g. min-cut")
          @RequestParam(name = "heuristic", required = false)
          String heuristic) {
    if (heuristic == null) {
      return PlacementResponse.of(placement.current(id));
    }
    StoredPlan current = placement.current(id);
    return PlacementResponse.preview(placement.preview(id, heuristic), current.overrides());
  }

  @PutMapping("/overrides")
  @Operation(
      summary = "Override placement decisions",
      description =
          "A JSON object from 'pkg.Class#method' (every overload) or 'pkg.Class#method(desc)' to"
              + " LOCAL, REMOTE or AUTO (removes an override). Merged into the current overrides;"
              + " the result is a new plan version.")
  @ApiResponse(responseCode = "200", description = "The new plan")
  @ApiResponse(responseCode = "400", description = "Malformed JSON")
  @ApiResponse(responseCode = "404", description = "No such program")
  @ApiResponse(responseCode = "409", description = "The analysis is not DONE")
  @ApiResponse(
      responseCode = "422",
      description = "Unknown method or mode, or REMOTE on a method that may not move; unchanged")
  PlacementResponse setOverrides(
      @PathVariable String id, @RequestBody Map<String, String> overrides) {
    return PlacementResponse.of(placement.setOverrides(id, overrides));
  }
}
