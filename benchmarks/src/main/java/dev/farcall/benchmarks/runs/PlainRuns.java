package dev.farcall.benchmarks.runs;

import dev.farcall.benchmarks.runs.RunBenchmark.Program;
import dev.farcall.model.program.ProgramClassLoader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Plain local runs of an example program, the run benchmark's baselines: in a child JVM of its own,
 * and its {@code main} called in this JVM beside the cluster.
 */
final class PlainRuns {

  private PlainRuns() {}

  /** {@code java -cp jar Main args} in a child process; returns its stdout. */
  static String inChildProcess(Path jar, Program p) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(jar.toString());
    command.add(p.mainClass());
    command.addAll(p.args());
    Process process =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int code = process.waitFor();
    if (code != 0) {
      throw new IllegalStateException("plain run of " + p.label() + " exited " + code);
    }
    return out;
  }

  /**
   * Wall seconds of the program's {@code main} called in this JVM on a fresh class loader, its
   * output discarded: the plain program in the same surroundings as a Farcall run (the broker,
   * coordinator and workers of the cluster share this JVM and these cores), without JVM start-up.
   */
  static double inThisJvm(Path jar, Program p) throws Exception {
    ProgramClassLoader loader =
        ProgramClassLoader.fromJar(jar, "plain-" + p.label(), RunBenchmark.class.getClassLoader());
    Method main = Class.forName(p.mainClass(), false, loader).getMethod("main", String[].class);
    PrintStream out = System.out;
    long t = System.nanoTime();
    try {
      System.setOut(new PrintStream(OutputStream.nullOutputStream()));
      main.invoke(null, (Object) p.args().toArray(String[]::new));
    } finally {
      System.setOut(out);
    }
    return (System.nanoTime() - t) / 1e9;
  }
}
