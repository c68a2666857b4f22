package dev.farcall.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The processes of a run, wherever they went: every process whose working directory is inside the
 * run's directory (a run's processes start there and cannot leave without a trace in {@code
 * /proc}), found by scanning {@code /proc}.
 */
final class RunProcesses {

  private RunProcesses() {}

  /** The pids of live processes whose working directory path contains the run id. */
  static List<Long> of(String runId) {
    List<Long> found = new ArrayList<>();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path p : procs.toList()) {
        String name = p.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        try {
          if (Files.readSymbolicLink(p.resolve("cwd")).toString().contains(runId)) {
            found.add(Long.parseLong(name));
          }
        } catch (IOException | SecurityException gone) {
          // ended meanwhile, or not ours to read
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot scan /proc", e);
    }
    return found;
  }

  /** The number of threads of a process (from /proc), or 0 if it is gone. */
  static int threads(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("Threads:")) {
          return Integer.parseInt(line.substring("Threads:".length()).trim());
        }
      }
    } catch (IOException | RuntimeException gone) {
      // ended
    }
    return 0;
  }

  /** A process's open file descriptors (from /proc). */
  static int fileDescriptors(long pid) {
    try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
      return (int) fds.count();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
