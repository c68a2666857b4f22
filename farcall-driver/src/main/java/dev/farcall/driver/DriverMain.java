package dev.farcall.driver;

import dev.farcall.driver.sites.StackTraces;
import dev.farcall.model.wire.RunSpec;
import dev.farcall.model.wire.WireFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The run driver's entry point: {@code java -cp farcall-driver.jar dev.farcall.driver.DriverMain}
 * with the run's {@link RunSpec} on standard input. Reads the spec to the end of the input (so the
 * program then sees an empty {@code System.in}) and runs the program's {@code main} on this thread.
 * The driver's own log goes to a file (the coordinator sets slf4j-simple's {@code
 * org.slf4j.simpleLogger.logFile} on the command line, so that even the first line goes there).
 * With {@code --train} it exercises its own classes and exits, which the coordinator uses to build
 * the driver's class-data-sharing archive.
 *
 * <p>Nothing but the program writes to standard output and standard error. When the driver cannot
 * start the program, it writes why to {@code driver-error} next to its log and exits with status 1.
 */
public final class DriverMain {

  /** Written next to the driver's log when the program could not be started. */
  public static final String ERROR_FILE = "driver-error";

  private DriverMain() {}

  public static void main(String[] args) throws Throwable {
    if (args.length == 1 && args[0].equals("--train")) {
      CdsTraining.run();
      return;
    }
    RunSpec spec = WireFormat.RUN_SPECS.decode(System.in.readAllBytes());
    Path log = Path.of(spec.getDriverLog());
    Thread.setDefaultUncaughtExceptionHandler(DriverMain::uncaught);
    RunDriver driver;
    try {
      driver = RunDriver.prepare(spec);
    } catch (DriverFailure e) {
      fail(log, e);
      return; // not reached
    }
    driver.run();
  }

  /**
   * What the JVM's default handling prints for an uncaught exception ({@code ThreadGroup}'s), with
   * the frames of the rewriting's stubs left out, so traces read as under plain {@code java}. A
   * handler the program installs replaces this one.
   */
  private static void uncaught(Thread t, Throwable e) {
    if (e instanceof ThreadDeath) {
      return;
    }
    StackTraces.asUnderPlainJava(e);
    System.err.print("Exception in thread \"" + t.getName() + "\" ");
    e.printStackTrace(System.err);
  }

  private static void fail(Path log, DriverFailure e) {
    try {
      Files.writeString(
          log.resolveSibling(ERROR_FILE), e.getMessage() + "\n", StandardCharsets.UTF_8);
    } catch (IOException ignored) {
      // the exit status still says the run failed
    }
    org.slf4j.LoggerFactory.getLogger(DriverMain.class).error("cannot start the program", e);
    System.exit(1);
  }
}
