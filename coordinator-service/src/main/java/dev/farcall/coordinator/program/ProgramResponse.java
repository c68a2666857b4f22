package dev.farcall.coordinator.program;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** A stored program as the REST API shows it. */
@Schema(name = "Program", description = "An uploaded program")
record ProgramResponse(
    @Schema(description = "Opaque id", example = "0f8fad5b-d9cb-469f-a165-70867728950e") String id,
    @Schema(description = "Name given at upload, or the uploaded file's name") String name,
    @Schema(description = "Hex SHA-256 of the jar; also its ETag") String sha256,
    @Schema(description = "Size of the jar in bytes") long sizeBytes,
    @Schema(description = "Number of .class entries in the jar") int classCount,
    @Schema(description = "The manifest's Main-Class, if any", nullable = true) String mainClass,
    @Schema(description = "When the jar was first uploaded (ISO-8601)") Instant uploadedAt,
    @Schema(
            description = "The analysis in brief; absent when the program has none",
            nullable = true)
        @JsonInclude(JsonInclude.Include.NON_NULL)
        AnalysisSummary analysis) {

  static ProgramResponse of(StoredProgram program, AnalysisSummaries summaries) {
    return new ProgramResponse(
        program.id(),
        program.name(),
        program.sha256(),
        program.sizeBytes(),
        program.classCount(),
        program.mainClass(),
        program.uploadedAt(),
        summaries.summaryOf(program.id()).orElse(null));
  }
}
