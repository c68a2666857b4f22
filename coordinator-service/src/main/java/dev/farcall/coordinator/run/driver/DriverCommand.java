package dev.farcall.coordinator.run.driver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The command line of one driver, built from typed settings. A small POSIX shell wrapper, started
 * in a session of its own ({@code setsid}, so a terminal's Ctrl-C never reaches runs), applies the
 * run's resource limits ({@code prlimit}), enters the run's working directory, starts the driver's
 * JVM (as the run's user when runs are isolated) and, when the JVM exits, records its exit status
 * in the run directory: the coordinator reads it there if it was not the JVM's parent any more (it
 * restarted meanwhile).
 *
 * @param java the {@code java} launcher
 * @param jar the driver's jar
 * @param cdsArchive the driver's class-data-sharing archive, when built
 * @param maxHeapBytes the run's {@code -Xmx}
 * @param jvmOptions extra JVM options from the configuration
 * @param confinement the run's user, resource limits and CPUs
 */
public record DriverCommand(
    Path java,
    Path jar,
    Optional<Path> cdsArchive,
    long maxHeapBytes,
    List<String> jvmOptions,
    DriverConfinement confinement) {

  private static final Path SETSID = Path.of("/usr/bin/setsid");
  private static final Path PRLIMIT = Path.of("/usr/bin/prlimit");

  /** Pins a run to its CPUs (util-linux); every thread the JVM starts inherits the affinity. */
  static final Path TASKSET = Path.of("/usr/bin/taskset");

  /**
   * Records the JVM's exit status atomically, then exits with it. Arguments: the status file, the
   * working directory, then the command.
   */
  static final String WRAPPER =
      "status=\"$1\"; work=\"$2\"; shift 2; cd \"$work\" || exit 126; \"$@\"; s=$?;"
          + " echo \"$s\" > \"$status.partial\" && mv -f \"$status.partial\" \"$status\"; exit \"$s\"";

  /** The whole command line for the run in {@code dir}. */
  public List<String> build(RunDirectory dir) {
    List<String> command = new ArrayList<>();
    if (Files.isExecutable(SETSID)) {
      command.add(SETSID.toString());
    }
    command.add("/bin/sh");
    command.add("-c");
    command.add(WRAPPER);
    command.add("farcall-run");
    command.add(dir.exitStatus().toString());
    command.add(dir.work().toString());
    if (Files.isExecutable(PRLIMIT)) {
      command.add(PRLIMIT.toString());
      command.add("--nproc=" + confinement.maxProcesses());
      command.add("--fsize=" + confinement.maxFileSizeBytes());
      command.add("--");
    }
    confinement
        .cpus()
        .ifPresent(
            cpus -> {
              command.add(TASKSET.toString());
              command.add("--cpu-list");
              command.add(cpus);
            });
    command.addAll(confinement.userSwitch());
    command.add(java.toString());
    command.addAll(jvmArguments());
    command.addAll(logging(dir));
    command.add(flightRecorderRepository(dir));
    command.add("-cp");
    command.add(jar.toString());
    command.add(DriverDistribution.MAIN_CLASS);
    return command;
  }

  /**
   * The JVM's options: heap, class-data sharing, no perf-data files, safepoints in counted loops,
   * then the configured ones.
   */
  public List<String> jvmArguments() {
    List<String> args = new ArrayList<>();
    args.add("-Xmx" + maxHeapBytes);
    cdsArchive.ifPresent(a -> args.add("-XX:SharedArchiveFile=" + a));
    args.add("-Xshare:auto");
    // hsperfdata files under /tmp would be per-uid clutter, and creating them costs start-up time
    args.add("-XX:-UsePerfData");
    // a change of a site's mode deoptimises compiled code at a safepoint: counted loops must poll
    // for one whatever collector the JVM picks (G1's default; Serial and Parallel drop the polls)
    args.add("-XX:+UseCountedLoopSafepoints");
    args.add("-XX:LoopStripMiningIter=1000");
    args.addAll(jvmOptions);
    return args;
  }

  /**
   * The driver's own log goes to its file, from its first line on: slf4j-simple reads these when
   * the first logger is made, which happens before the driver's main has read anything.
   */
  static List<String> logging(RunDirectory dir) {
    return List.of(
        "-Dorg.slf4j.simpleLogger.logFile=" + dir.driverLog(),
        "-Dorg.slf4j.simpleLogger.showDateTime=true",
        "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS",
        "-Dorg.slf4j.simpleLogger.log.org.apache.kafka=warn");
  }

  /**
   * Where the adaptive policy's JFR sampling keeps its chunks: in the run's own driver directory
   * (written by the run's user, removed with the run), not in a shared temporary directory.
   */
  static String flightRecorderRepository(RunDirectory dir) {
    return "-XX:FlightRecorderOptions=repository=" + dir.driverDir();
  }

  /**
   * The driver's environment: nothing of the coordinator's but the named variables (locale, time
   * zone, PATH), so that no secret passed to the coordinator in its environment reaches a run.
   */
  public static Map<String, String> environment(
      List<String> passThrough, Map<String, String> from) {
    Map<String, String> env = new java.util.LinkedHashMap<>();
    for (String name : passThrough) {
      String value = from.get(name);
      if (value != null && !name.startsWith("FARCALL_")) {
        env.put(name, value);
      }
    }
    return env;
  }
}
