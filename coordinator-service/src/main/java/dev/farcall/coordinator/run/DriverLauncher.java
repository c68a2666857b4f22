package dev.farcall.coordinator.run;

import dev.farcall.model.wire.RunSpec;
import dev.farcall.model.wire.WireFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a run's driver: takes a user id for it, creates its directory, issues its credential,
 * starts the wrapper and the driver's JVM with an environment built from nothing, its stdout and
 * stderr going to files of the run directory, and hands it its spec on standard input.
 */
final class DriverLauncher {

  private static final Logger log = LoggerFactory.getLogger(DriverLauncher.class);

  private final DriverDistribution distribution;
  private final RunIsolation isolation;
  private final RunCredentials credentials;
  private final RunSpecFactory specs;
  private final RunProperties properties;
  private final RunLocations locations;

  DriverLauncher(
      DriverDistribution distribution,
      RunIsolation isolation,
      RunCredentials credentials,
      RunSpecFactory specs,
      RunProperties properties,
      RunLocations locations) {
    this.distribution = distribution;
    this.isolation = isolation;
    this.credentials = credentials;
    this.specs = specs;
    this.properties = properties;
    this.locations = locations;
  }

  /** What a started driver is: its process, its user id and its credential's hash. */
  record Launched(DriverProcess process, OptionalInt uid, String tokenHash) {}

  /**
   * Starts the driver of {@code run}.
   *
   * @param deadline when the run ends at the latest, or null
   * @throws IllegalStateException when it cannot be started (nothing is left behind then)
   */
  Launched launch(ActiveRun run, Instant deadline) {
    OptionalInt uid = isolation.lease();
    try {
      isolation.closeDataDirectory(locations.dataDir(), locations.runsRoot());
      run.dir.create(uid);
      RunCredentials.Issued token = credentials.issue(run.id, run.program.id());
      RunSpec spec = specs.spec(run, token.token(), locations.coordinatorUrl(), deadline, run.dir);
      DriverCommand command = command(run.view.maxHeapBytes(), uid);
      ProcessBuilder builder =
          new ProcessBuilder(command.build(run.dir))
              .directory(run.dir.root().toFile())
              .redirectOutput(ProcessBuilder.Redirect.appendTo(run.dir.stdout().toFile()))
              .redirectError(ProcessBuilder.Redirect.appendTo(run.dir.stderr().toFile()))
              .redirectInput(ProcessBuilder.Redirect.PIPE);
      builder.environment().clear();
      builder
          .environment()
          .putAll(
              DriverCommand.environment(properties.getDriver().getEnvironment(), System.getenv()));
      Process process = builder.start();
      try (OutputStream stdin = process.getOutputStream()) {
        stdin.write(WireFormat.RUN_SPECS.encode(spec));
      } catch (IOException e) {
        // the driver died before reading its spec; its exit status tells
        log.warn("run {}: could not hand the driver its spec: {}", run.id, e.toString());
      }
      return new Launched(DriverProcess.started(process), uid, token.hash());
    } catch (IOException | RuntimeException e) {
      uid.ifPresent(isolation::release);
      credentials.revoke(run.id);
      run.dir.delete();
      throw new IllegalStateException("cannot start the driver of run " + run.id + ": " + e, e);
    }
  }

  private DriverCommand command(long maxHeapBytes, OptionalInt uid) {
    Path java = distribution.java();
    return new DriverCommand(
        java,
        distribution.jar(),
        distribution.cdsArchive(),
        maxHeapBytes,
        properties.getDriver().getJvmOptions(),
        isolation.switchTo(uid),
        isolation.maxProcesses(),
        isolation.maxFileSizeBytes());
  }
}
