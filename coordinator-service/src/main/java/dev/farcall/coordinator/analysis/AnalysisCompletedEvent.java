package dev.farcall.coordinator.analysis;

/**
 * Published on the analysis thread when a program's analysis is DONE.
 *
 * @param programId the program
 * @param generation the submission that finished (grows with every re-analysis)
 */
public record AnalysisCompletedEvent(String programId, long generation) {}
