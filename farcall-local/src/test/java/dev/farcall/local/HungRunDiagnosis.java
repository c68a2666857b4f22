package dev.farcall.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a run that did not finish in time was doing, for the test's failure message: each of its
 * live processes, and for a JVM the top frames of its main thread and its other non-daemon threads
 * (what keeps a JVM alive), from {@code jcmd Thread.print}. The message is one line, because CI
 * shows only the summary of a failing test; the full dump goes to {@code target/hung-runs}.
 */
final class HungRunDiagnosis {

  private static final Pattern THREAD = Pattern.compile("^\"([^\"]*)\"( #\\d+)?( daemon)?.*");
  private static final int FRAMES = 6;

  private HungRunDiagnosis() {}

  static String of(String runId) {
    List<Long> pids = RunProcesses.of(runId);
    if (pids.isEmpty()) {
      return "no process of run " + runId + " is alive";
    }
    List<String> parts = new ArrayList<>();
    for (long pid : pids) {
      parts.add(describe(runId, pid));
    }
    return String.join(" | ", parts);
  }

  private static String describe(String runId, long pid) {
    String command = commandLine(pid);
    if (!isJava(pid)) {
      // never jcmd anything else: its SIGQUIT would kill a shell (once, the run's own wrapper)
      return "pid " + pid + " " + abbreviate(command, 60);
    }
    String dump = threadDump(pid);
    Path file = Path.of("target", "hung-runs", runId + "-" + pid + ".txt");
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, command + "\n\n" + dump, StandardCharsets.UTF_8);
    } catch (IOException ignored) {
      // the summary still says what matters
    }
    return "java pid " + pid + " (dump in " + file + "): " + liveThreads(dump);
  }

  /** The non-daemon threads of a dump with their top frames: what keeps the JVM from ending. */
  static String liveThreads(String dump) {
    List<String> threads = new ArrayList<>();
    String[] lines = dump.split("\n");
    for (int i = 0; i < lines.length; i++) {
      Matcher m = THREAD.matcher(lines[i]);
      if (!m.matches() || m.group(3) != null || isJvmInternal(m.group(1))) {
        continue;
      }
      List<String> frames = new ArrayList<>();
      String state = "";
      for (int j = i + 1; j < lines.length && !lines[j].isBlank(); j++) {
        String line = lines[j].trim();
        if (line.startsWith("java.lang.Thread.State:")) {
          state = line.substring("java.lang.Thread.State:".length()).trim();
        } else if (line.startsWith("at ") && frames.size() < FRAMES) {
          frames.add(line.substring(3));
        }
      }
      threads.add(m.group(1) + " [" + state + "] " + String.join(" < ", frames));
    }
    return threads.isEmpty() ? "no non-daemon thread" : String.join("; ", threads);
  }

  private static boolean isJvmInternal(String name) {
    return name.startsWith("GC ")
        || name.startsWith("G1 ")
        || name.startsWith("VM ")
        || name.equals("DestroyJavaVM")
        || name.startsWith("C1 ")
        || name.startsWith("C2 ");
  }

  /** Whether the process runs a {@code java} executable (its {@code /proc/<pid>/exe}). */
  private static boolean isJava(long pid) {
    try {
      Path exe = Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "exe"));
      return exe.getFileName() != null && exe.getFileName().toString().equals("java");
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return false;
    }
  }

  /**
   * {@code jcmd <pid> Thread.print}, run with the JVM's own uid and gid: the attach mechanism only
   * talks to a JVM of the same user, and runs execute as a uid of their own, often without a name.
   */
  private static String threadDump(long pid) {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    List<String> command = new ArrayList<>();
    try {
      String uid = idOf(pid, "Uid:");
      String gid = idOf(pid, "Gid:");
      if (!uid.equals(idOf(ProcessHandle.current().pid(), "Uid:"))) {
        command.addAll(
            List.of("setpriv", "--reuid=" + uid, "--regid=" + gid, "--clear-groups", "--"));
      }
    } catch (IOException e) {
      return "ended";
    }
    command.addAll(List.of(jcmd.toString(), Long.toString(pid), "Thread.print"));
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
      return new String(out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "jcmd failed: " + e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  /** The real id on a {@code Uid:} or {@code Gid:} line of {@code /proc/<pid>/status}. */
  private static String idOf(long pid, String field) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith(field)) {
        return line.substring(field.length()).trim().split("\\s+")[0];
      }
    }
    throw new IOException("no " + field + " line for pid " + pid);
  }

  private static String commandLine(long pid) {
    try {
      byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
      return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').trim();
    } catch (IOException gone) {
      return "(ended)";
    }
  }

  private static String abbreviate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max) + "…";
  }
}
