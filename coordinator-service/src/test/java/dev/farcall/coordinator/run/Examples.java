package dev.farcall.coordinator.run;

import dev.farcall.coordinator.program.ProgramRef;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The examples jar (copied by the build) and how to run its programs with plain {@code java}. */
final class Examples {

  static final Path JAR = Path.of("target", "test-jars", "examples.jar").toAbsolutePath();
  static final String PACKAGE = "dev.farcall.examples.programs.";

  private Examples() {}

  static ProgramRef program() {
    try {
      String sha =
          HexFormat.of()
              .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(JAR)));
      return new ProgramRef("examples", "examples", sha, JAR);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String main(String program) {
    return PACKAGE + program + ".Main";
  }

  static MethodKey method(String program, String name, String descriptor) {
    return new MethodKey(main(program), name, descriptor);
  }

  /** What {@code java -cp examples.jar <main> args} printed and returned. */
  record PlainRun(int exitCode, String stdout, String stderr) {}

  static PlainRun runPlain(String mainClass, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xshare:auto");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-Dfile.encoding=UTF-8");
    command.add("-cp");
    command.add(JAR.toString());
    command.add(mainClass);
    command.addAll(args);
    try {
      Process p = new ProcessBuilder(command).start();
      CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
      CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(mainClass + " did not finish under plain java");
      }
      return new PlainRun(p.exitValue(), out.join(), err.join());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String read(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
