package dev.farcall.coordinator.security;

/**
 * What a run's credential allows: reading its own run and downloading its own program's jar,
 * nothing else. Held by the run's driver, never by a person.
 */
public record RunGrant(String runId, String programId) {}
