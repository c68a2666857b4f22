package dev.farcall.coordinator.analysis;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/programs/{id}/analysis} and {@code /api/v1/programs/{id}/declarations}. */
@RestController
@RequestMapping("/api/v1/programs/{id}")
@Tag(name = "Analysis", description = "What may move, and why")
class AnalysisController {

  private final AnalysisService analyses;

  AnalysisController(AnalysisService analyses) {
    this.analyses = analyses;
  }

  @GetMapping("/analysis")
  @Operation(
      summary = "Show a program's analysis",
      description =
          "Every method with its movability, transitive effects, reasons and declarations, and the"
              + " call-graph edges. While PENDING or RUNNING the lists are empty; FAILED carries"
              + " the error.")
  @ApiResponse(responseCode = "200", description = "The analysis, in whatever state it is")
  @ApiResponse(responseCode = "404", description = "No such program")
  AnalysisResponse analysis(@PathVariable String id) {
    AnalysisRow row = analyses.row(id);
    return AnalysisResponse.of(
        row,
        row.status() == AnalysisStatus.DONE
            ? analyses.model(id, row.generation()).orElse(null)
            : null);
  }

  @GetMapping(value = "/declarations", produces = MediaType.TEXT_PLAIN_VALUE)
  @Operation(
      summary = "Show a program's declarations file",
      description = "The declarations set over REST (empty when none).")
  @ApiResponse(responseCode = "200", description = "The declarations, as text")
  @ApiResponse(responseCode = "404", description = "No such program")
  String declarations(@PathVariable String id) {
    return analyses.declarations(id);
  }

  @PutMapping(value = "/declarations", consumes = MediaType.TEXT_PLAIN_VALUE)
  @Operation(
      summary = "Set a program's declarations file",
      description =
          "One declaration per line: '<pure|pinned|remote> <class>[#method[(descriptor)]]'; '#'"
              + " starts a comment. Replaces the previous file and analyses the program again"
              + " (its placement follows when the analysis is DONE). An empty body clears it.")
  @ApiResponse(responseCode = "202", description = "Stored; the analysis runs again")
  @ApiResponse(responseCode = "404", description = "No such program")
  @ApiResponse(responseCode = "422", description = "A line is malformed; nothing changed")
  ResponseEntity<Void> setDeclarations(
      @PathVariable String id, @RequestBody(required = false) String text) {
    analyses.setDeclarations(id, text);
    return ResponseEntity.accepted().build();
  }
}
