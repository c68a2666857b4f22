package dev.farcall.benchmarks.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A peer's server in a child JVM with this JVM's class path. The child prints {@code READY <port>}
 * when it serves; it stops when its standard input closes (or is destroyed by {@link #close()}).
 */
public final class ChildJvm implements AutoCloseable {

  private final Process process;
  private final int port;

  private ChildJvm(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  public static ChildJvm start(Class<?> mainClass, List<String> jvmOptions) throws IOException {
    List<String> command = command(mainClass, jvmOptions, List.of());
    Process process =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<Integer> ready = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try {
                String line;
                while ((line = out.readLine()) != null) {
                  if (line.startsWith("READY ")) {
                    ready.complete(Integer.parseInt(line.substring(6).trim()));
                  }
                }
              } catch (IOException | RuntimeException e) {
                ready.completeExceptionally(e);
              }
              ready.completeExceptionally(new IllegalStateException("child exited before READY"));
            },
            mainClass.getSimpleName() + "-stdout");
    reader.setDaemon(true);
    reader.start();
    try {
      return new ChildJvm(process, ready.get(60, TimeUnit.SECONDS));
    } catch (Exception e) {
      process.destroyForcibly();
      throw new IOException("child " + mainClass.getName() + " did not start", e);
    }
  }

  private static List<String> command(
      Class<?> mainClass, List<String> jvmOptions, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass.getName());
    command.addAll(args);
    return command;
  }

  /**
   * Runs {@code mainClass} in a child JVM to its end and returns its standard output lines.
   *
   * @throws IOException if it does not end within {@code timeout} or ends with a non-zero status
   */
  public static List<String> run(
      Class<?> mainClass, List<String> jvmOptions, List<String> args, Duration timeout)
      throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(command(mainClass, jvmOptions, args))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    process.getOutputStream().close();
    CompletableFuture<List<String>> lines = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader out =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                lines.complete(out.lines().toList());
              } catch (IOException | RuntimeException e) {
                lines.completeExceptionally(e);
              }
            },
            mainClass.getSimpleName() + "-stdout");
    reader.setDaemon(true);
    reader.start();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new IOException(mainClass.getName() + " did not finish within " + timeout);
    }
    if (process.exitValue() != 0) {
      throw new IOException(mainClass.getName() + " exited with " + process.exitValue());
    }
    try {
      return lines.get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IOException("could not read the output of " + mainClass.getName(), e);
    }
  }

  public int port() {
    return port;
  }

  /** Blocks until standard input closes: the child's way to notice its parent stopped it. */
  public static void awaitParentExit() {
    try {
      while (System.in.read() >= 0) {
        // ignore input
      }
    } catch (IOException e) {
      // the parent is gone
    }
  }

  @Override
  public void close() throws Exception {
    process.getOutputStream().close();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }
}
