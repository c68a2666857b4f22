package dev.farcall.coordinator.analysis;

import java.time.Instant;

/**
 * A row of {@code program_analyses}, without the (large) result.
 *
 * @param programId the program
 * @param status where the analysis is
 * @param generation the current submission
 * @param error why it FAILED, or {@code null}
 * @param durationMillis how long the last finished analysis took, or {@code null}
 * @param methodCount methods analysed (0 until DONE)
 * @param movableCount movable methods (0 until DONE)
 * @param declarations the declarations file set over REST, or {@code null}
 * @param updatedAt when the row last changed
 */
record AnalysisRow(
    String programId,
    AnalysisStatus status,
    long generation,
    String error,
    Long durationMillis,
    int methodCount,
    int movableCount,
    String declarations,
    Instant updatedAt) {}
