package dev.farcall.benchmarks.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A peer's server in a child JVM with this JVM's class path. The child prints {@code READY <port>}
 * when it serves; it stops when its standard input closes (or is destroyed by {@link #close()}).
 */
final class ChildJvm implements AutoCloseable {

  private final Process process;
  private final int port;

  private ChildJvm(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static ChildJvm start(Class<?> mainClass, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass.getName());
    command.addAll(List.of(args));
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

  int port() {
    return port;
  }

  /** Blocks until standard input closes: the child's way to notice its parent stopped it. */
  static void awaitParentExit() {
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
