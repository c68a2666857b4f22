package dev.farcall.coordinator.profile;

/**
 * Published when a run's measurements were folded into a program's profiles.
 *
 * @param programId the program the run ran
 * @param jarSha256 its content, which the profiles belong to
 * @param runId the run
 */
public record ProfilesChangedEvent(String programId, String jarSha256, String runId) {}
