package dev.farcall.driver.sites;

/**
 * Which run, of which program, the driver runs.
 *
 * @param jarSha256 hex SHA-256 of the program's jar (workers verify the jar they fetch against it)
 */
public record RunIdentity(String runId, String programId, String jarSha256) {}
