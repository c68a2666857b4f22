package dev.farcall.coordinator.run.driver;

/**
 * What separates a run from the coordinator and from other runs.
 *
 * @param mode how runs are isolated
 * @param firstUid the first of the user (and group) ids given to runs, one per running run
 * @param uidCount how many user ids runs may use
 * @param maxProcesses the most processes and threads one run may have (RLIMIT_NPROC)
 * @param maxFileSizeBytes the largest file a run may write, its output included (RLIMIT_FSIZE)
 */
public record IsolationSettings(
    Mode mode, int firstUid, int uidCount, int maxProcesses, long maxFileSizeBytes) {

  /**
   * {@code USER}: each driver runs as an unprivileged user id of its own (needs root, or CAP_SETUID
   * and CAP_SETGID); {@code NONE}: as the coordinator's own user; {@code AUTO}: {@code USER} when
   * possible, else {@code NONE} with a warning.
   */
  public enum Mode {
    AUTO,
    USER,
    NONE
  }
}
