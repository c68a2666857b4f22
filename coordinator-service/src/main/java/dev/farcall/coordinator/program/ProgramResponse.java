package dev.farcall.coordinator.program;

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
    @Schema(description = "When the jar was first uploaded (ISO-8601)") Instant uploadedAt) {

  static ProgramResponse of(StoredProgram program) {
    return new ProgramResponse(
        program.id(),
        program.name(),
        program.sha256(),
        program.sizeBytes(),
        program.classCount(),
        program.mainClass(),
        program.uploadedAt());
  }
}
