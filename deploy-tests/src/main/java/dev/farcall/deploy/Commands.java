package dev.farcall.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command line tool ({@code podman}, {@code podman-compose}) to completion with a time
 * limit, its standard output and error captured together.
 */
public final class Commands {

  private Commands() {}

  /** How a command ended: its exit code and everything it printed. */
  public record Result(List<String> command, int exitCode, String output) {

    /** Whether the command exited 0. */
    public boolean succeeded() {
      return exitCode == 0;
    }

    /** This result, or an exception naming the command and its output when it did not succeed. */
    public Result orThrow() {
      if (!succeeded()) {
        throw new IllegalStateException(
            String.join(" ", command) + " exited " + exitCode + ":\n" + output);
      }
      return this;
    }
  }

  /** Whether {@code program} is found on the PATH. */
  public static boolean onPath(String program) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Runs {@code command} in {@code directory} with {@code environment} added to this process's
   * environment; a command still running after {@code timeout} is killed and reported as exit code
   * -1.
   */
  public static Result run(
      List<String> command, Path directory, Map<String, String> environment, Duration timeout) {
    try {
      Path output = Files.createTempFile("farcall-command-", ".out");
      try {
        ProcessBuilder builder =
            new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        int exitCode;
        if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          exitCode = process.exitValue();
        } else {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
          exitCode = -1;
        }
        return new Result(
            List.copyOf(command), exitCode, Files.readString(output, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command, e);
    }
  }
}
