package dev.farcall.coordinator.program;

import java.time.Instant;

/**
 * A program as stored in the {@code programs} table.
 *
 * @param id opaque id (a UUID)
 * @param name the name given at upload, or the uploaded file's name
 * @param sha256 hex SHA-256 of the jar; unique
 * @param sizeBytes size of the jar
 * @param classCount {@code .class} entries of the jar
 * @param entryCount entries of the jar, nested jars' entries included
 * @param uncompressedBytes bytes the entries decompress to
 * @param mainClass the manifest's {@code Main-Class}, or {@code null}
 * @param uploadedAt when it was first uploaded (microsecond precision)
 */
record StoredProgram(
    String id,
    String name,
    String sha256,
    long sizeBytes,
    int classCount,
    int entryCount,
    long uncompressedBytes,
    String mainClass,
    Instant uploadedAt) {}
