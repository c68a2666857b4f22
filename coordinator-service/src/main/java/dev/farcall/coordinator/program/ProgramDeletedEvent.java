package dev.farcall.coordinator.program;

/**
 * Published after a program's row is deleted; rows of other features that reference it are deleted
 * with it by the database (foreign keys with {@code ON DELETE CASCADE}).
 *
 * @param programId the deleted program's id
 */
public record ProgramDeletedEvent(String programId) {}
