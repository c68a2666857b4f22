package dev.farcall.coordinator.program;

import java.nio.file.Path;

/**
 * What dispatch and analysis need to know of a stored program.
 *
 * @param id the program's id
 * @param name the name given at upload (or the jar's file name)
 * @param sha256 hex SHA-256 of the jar
 * @param jarFile where the jar's bytes are stored; read-only for everyone but the store
 */
public record ProgramRef(String id, String name, String sha256, Path jarFile) {}
