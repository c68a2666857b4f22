package dev.farcall.benchmarks.driver;

import dev.farcall.benchmarks.driver.DriverBenchmark.Program;
import dev.farcall.benchmarks.e2e.FarcallCluster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** An example program run under plain {@code java}, as at home: the baseline every run meets. */
final class PlainJava {

  private PlainJava() {}

  /** Wall-clock ms of one run, started through {@code prefix} (e.g. {@code taskset -c 0}). */
  static double millis(Program p, List<String> prefix) throws IOException, InterruptedException {
    long start = System.nanoTime();
    Process process =
        new ProcessBuilder(command(p, prefix))
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    awaitSuccess(p, process);
    return (System.nanoTime() - start) / 1e6;
  }

  /** What one run prints on stdout. */
  static String output(Program p) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(command(p, List.of()))
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    awaitSuccess(p, process);
    return out;
  }

  private static List<String> command(Program p, List<String> prefix) {
    List<String> command = new ArrayList<>(prefix);
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(FarcallCluster.examplesJar().toString());
    command.add(p.mainClass());
    command.addAll(p.args());
    return command;
  }

  private static void awaitSuccess(Program p, Process process) throws InterruptedException {
    if (process.waitFor() != 0) {
      throw new IllegalStateException(p.label() + " failed under plain java");
    }
  }
}
