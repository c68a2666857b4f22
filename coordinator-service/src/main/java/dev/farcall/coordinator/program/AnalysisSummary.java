package dev.farcall.coordinator.program;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The analysis of a program in brief, as shown with the program.
 *
 * @param status PENDING, RUNNING, DONE or FAILED
 * @param methods methods analysed (0 until DONE)
 * @param movable of those, how many may run on a worker
 */
@Schema(name = "AnalysisSummary", description = "The program's analysis in brief")
public record AnalysisSummary(
    @Schema(description = "PENDING, RUNNING, DONE or FAILED") String status,
    @Schema(description = "Methods analysed (0 until DONE)") int methods,
    @Schema(description = "Methods that may run on a worker") int movable) {}
