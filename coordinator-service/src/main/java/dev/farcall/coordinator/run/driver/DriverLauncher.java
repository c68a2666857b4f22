package dev.farcall.coordinator.run.driver;

import dev.farcall.model.wire.RunSpec;
import dev.farcall.model.wire.WireFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a run's driver: takes a user id for it, creates its directory, issues its credential,
 * starts the wrapper and the driver's JVM with an environment built from nothing, its stdout and
 * stderr going to files of the run directory, and hands it its spec on standard input.
 */
public final class DriverLauncher {

  private static final Logger log = LoggerFactory.getLogger(DriverLauncher.class);

  private final DriverDistribution distribution;
  private final RunIsolation isolation;
  private final RunCredentials credentials;
  private final RunSpecFactory specs;
  private final DriverSettings settings;
  private final RunLocations locations;

  public DriverLauncher(
      DriverDistribution distribution,
      RunIsolation isolation,
      RunCredentials credentials,
      RunSpecFactory specs,
      DriverSettings settings,
      RunLocations locations) {
    this.distribution = distribution;
    this.isolation = isolation;
    this.credentials = credentials;
    this.specs = specs;
    this.settings = settings;
    this.locations = locations;
  }

  /** What a started driver is: its process, its user id and its credential's hash. */
  public record Launched(DriverProcess process, OptionalInt uid, String tokenHash) {}

  /**
   * Starts the driver of a run.
   *
   * @throws IllegalStateException when it cannot be started (nothing is left behind then)
   */
  public Launched launch(DriverLaunch run) {
    OptionalInt uid = isolation.lease();
    RunDirectory dir = run.dir();
    try {
      isolation.closeDataDirectory(locations.dataDir(), locations.runsRoot());
      dir.create(uid);
      RunCredentials.Issued token = credentials.issue(run.runId(), run.program().id());
      RunSpec spec = specs.spec(run, token.token(), locations.coordinatorUrl());
      DriverCommand command = command(run.maxHeapBytes(), uid);
      ProcessBuilder builder =
          new ProcessBuilder(command.build(dir))
              .directory(dir.root().toFile())
              .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.stdout().toFile()))
              .redirectError(ProcessBuilder.Redirect.appendTo(dir.stderr().toFile()))
              .redirectInput(ProcessBuilder.Redirect.PIPE);
      builder.environment().clear();
      builder
          .environment()
          .putAll(DriverCommand.environment(settings.environment(), System.getenv()));
      Process process = builder.start();
      try (OutputStream stdin = process.getOutputStream()) {
        stdin.write(WireFormat.RUN_SPECS.encode(spec));
      } catch (IOException e) {
        // the driver died before reading its spec; its exit status tells
        log.warn("run {}: could not hand the driver its spec: {}", run.runId(), e.toString());
      }
      return new Launched(DriverProcess.started(process), uid, token.hash());
    } catch (IOException | RuntimeException e) {
      uid.ifPresent(isolation::release);
      credentials.revoke(run.runId());
      dir.delete();
      throw new IllegalStateException(
          "cannot start the driver of run " + run.runId() + ": " + e, e);
    }
  }

  private DriverCommand command(long maxHeapBytes, OptionalInt uid) {
    Path java = distribution.java();
    return new DriverCommand(
        java,
        distribution.jar(),
        distribution.cdsArchive(),
        maxHeapBytes,
        settings.jvmOptions(),
        isolation.confinement(uid));
  }
}
