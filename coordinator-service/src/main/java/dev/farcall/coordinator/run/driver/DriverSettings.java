package dev.farcall.coordinator.run.driver;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How driver JVMs are started.
 *
 * @param java the {@code java} launcher; empty for the coordinator's own
 * @param jvmOptions extra JVM options of every driver
 * @param environment the names of the coordinator's environment variables a driver gets
 * @param cds whether drivers start with a class-data-sharing archive of the driver's classes
 */
public record DriverSettings(
    Optional<Path> java, List<String> jvmOptions, List<String> environment, boolean cds) {

  public DriverSettings {
    jvmOptions = List.copyOf(jvmOptions);
    environment = List.copyOf(environment);
  }
}
