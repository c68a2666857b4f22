package dev.farcall.coordinator.run.driver;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What separates a run from the coordinator and from other runs.
 *
 * @param mode how runs are isolated
 * @param firstUid the first of the user (and group) ids given to runs, one per running run
 * @param uidCount how many user ids runs may use
 * @param maxProcesses the most processes and threads one run may have (RLIMIT_NPROC)
 * @param maxFileSizeBytes the largest file a run may write, its output included (RLIMIT_FSIZE)
 * @param cpus the CPUs runs may use, as {@code taskset}'s list; empty for all
 */
public record IsolationSettings(
    Mode mode,
    int firstUid,
    int uidCount,
    int maxProcesses,
    long maxFileSizeBytes,
    Optional<String> cpus) {

  private static final Pattern CPU_LIST = Pattern.compile("\\d+(-\\d+)?(,\\d+(-\\d+)?)*");

  public IsolationSettings {
    cpus.ifPresent(IsolationSettings::checkCpuList);
  }

  /**
   * Checks a CPU list as {@code taskset --cpu-list} reads it: CPU numbers and ranges separated by
   * commas, each range ascending.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  static void checkCpuList(String cpus) {
    if (!CPU_LIST.matcher(cpus).matches()) {
      throw new IllegalArgumentException(
          "farcall.run.isolation.cpus must list CPU numbers and ranges, like 0 or 2-3,6; got \""
              + cpus
              + "\"");
    }
    for (String part : cpus.split(",")) {
      String[] ends = part.split("-");
      if (ends.length == 2 && Long.parseLong(ends[0]) > Long.parseLong(ends[1])) {
        throw new IllegalArgumentException(
            "farcall.run.isolation.cpus: the range " + part + " ends before it starts");
      }
    }
  }

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
