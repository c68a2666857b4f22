package dev.farcall.coordinator.program;

/**
 * Tells the program store whether something still uses a program, so it is never deleted from under
 * a run. Implemented by features that use programs (runs).
 */
public interface ProgramUsage {

  /** Whether the program is in use and must not be deleted now. */
  boolean inUse(String programId);
}
